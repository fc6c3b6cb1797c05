import { useKeyState } from '../../lib/stores/key-state';

/**
 * Says why a key did nothing: the focus reached the panel without a click in it (the page can move it there), so
 * the panel ignores keys until the user clicks in it or uses the focus-panel shortcut (`guardKeys`).
 */
export function KeysPaused() {
  const refused = useKeyState((s) => s.refused && !s.armed);
  if (!refused) return null;
  return (
    <p className="banner banner-keys" role="status">
      <strong>Keys paused</strong> — the focus came here without a click. Click in the panel, or press the focus-panel
      shortcut (Alt+Shift+K unless you changed it), to use its keys.
    </p>
  );
}
