import { usePreferences } from '../../lib/hooks/use-preferences';
import { SHORTCUTS } from '../panel/ShortcutHelp';
import { POPUP_SHORTCUTS } from '../popup/use-popup-shortcuts';
import { ShortcutTable } from './ShortcutTable';

/** This browser's preferences, and the keyboard shortcuts of the panel and the popup. */
export function PreferencesSection() {
  const [prefs, update] = usePreferences();
  return (
    <section className="section" aria-labelledby="prefs-title">
      <h2 id="prefs-title">Preferences</h2>
      <label className="check">
        <input
          type="checkbox"
          checked={prefs?.panelCollapsed ?? false}
          disabled={!prefs}
          onChange={(e) => update({ panelCollapsed: e.target.checked })}
        />
        Start the review panel collapsed on CRM pages
      </label>
      <label className="check">
        <input
          type="checkbox"
          checked={prefs?.notifications ?? true}
          disabled={!prefs}
          onChange={(e) => update({ notifications: e.target.checked })}
        />
        Notify me of new critical alerts
      </label>
      <p className="hint">
        Critical: an urgent risk alert, or an item over the policy&apos;s amount limit, that you may decide.
      </p>
      <h3>Keyboard shortcuts</h3>
      <ShortcutTable caption="On the review panel" rows={SHORTCUTS} />
      <ShortcutTable caption="In the toolbar popup" rows={POPUP_SHORTCUTS} />
    </section>
  );
}
