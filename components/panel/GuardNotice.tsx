import { usePanelGuard } from '../../lib/stores/panel-guard';

/**
 * Says why a key or click did nothing: the focus reached the panel without a click in it (the page can move it
 * there: `guardKeys`), or what it was on is covered or see-through (the page can hide the panel under the user's
 * click: `guardSight`).
 */
export function GuardNotice() {
  const why = usePanelGuard((s) => (s.refused === 'focus' && s.armed ? null : s.refused));
  if (why === 'focus') {
    return (
      <p className="banner banner-guard" role="status">
        <strong>Keys paused</strong> — the focus came here without a click. Click in the panel, or press the focus-panel
        shortcut (Alt+Shift+K unless you changed it), to use its keys.
      </p>
    );
  }
  if (why === 'sight') {
    return (
      <p className="banner banner-guard" role="status">
        <strong>Paused</strong> — part of the panel is covered or see-through, so that click or key may not have been
        meant for it. Bring the panel fully into view, then try again.
      </p>
    );
  }
  return null;
}
