import { selectHelpOpen, usePanelUi } from '../../lib/stores/panel-ui';

export const SHORTCUTS: [keys: string, what: string][] = [
  ['Alt+Shift+K', 'From the CRM page into the panel (the default; change it at chrome://extensions/shortcuts)'],
  ['j / ↓', 'Next card'],
  ['k / ↑', 'Previous card'],
  ['a', 'Approve (asks for a reason in the explicit lane)'],
  ['r', 'Reject, with a reason'],
  ['m', 'Modify the proposed values'],
  ['p', 'Approve part of it'],
  ['c', 'Approve on a condition'],
  ['e', 'Escalate to the next tier'],
  ['d', 'Dismiss a risk alert'],
  ['g', 'Got it: clear a card’s notice, or a stale or failed item, from the panel'],
  ['x', 'Select for batch approval'],
  ['Shift+A', 'Select all low-risk items, then Enter approves them'],
  ['Enter', 'Confirm a form'],
  ['Esc', 'Close a form, or clear the selection'],
  ['?', 'Show or hide this list'],
];

/** The list of keyboard shortcuts, opened with `?`. */
export function ShortcutHelp() {
  const open = usePanelUi(selectHelpOpen);
  if (!open) return null;
  return (
    <section className="help" role="dialog" aria-label="Keyboard shortcuts">
      <div className="help-head">
        <h2>Keyboard shortcuts</h2>
        <button
          type="button"
          className="btn btn-small"
          autoFocus
          aria-keyshortcuts="Escape"
          onClick={() => usePanelUi.getState().setHelpOpen(false)}
        >
          Close
        </button>
      </div>
      <dl>
        {SHORTCUTS.map(([keys, what]) => (
          <div key={keys} className="help-row">
            <dt>
              <kbd className="kbd">{keys}</kbd>
            </dt>
            <dd>{what}</dd>
          </div>
        ))}
      </dl>
    </section>
  );
}
