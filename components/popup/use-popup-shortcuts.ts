import { useMemo } from 'react';
import type { CachedSuggestion } from '../../lib/hooks/types';
import type { Decider } from '../../lib/policy/may-decide';
import { useShortcuts, type ShortcutMap } from '../../lib/keyboard/shortcuts';
import { usePopupUi } from '../../lib/stores/popup-ui';
import { listKeys } from '../panel/list-keys';
import { popupAllows, usePopupCommand, type PopupCommand } from './popup-command';

/** The popup's keys, as listed on the options page. */
export const POPUP_SHORTCUTS: [keys: string, what: string][] = [
  ['j / ↓', 'Next alert'],
  ['k / ↑', 'Previous alert'],
  ['d', 'Dismiss (a reason is optional: d then Enter)'],
  ['e', 'Escalate, with a note'],
  ['a', 'Approve (items that are decisions)'],
  ['r', 'Reject, with a reason'],
  ['o', 'Open the record'],
  ['x', 'Select, to dismiss several together'],
  ['Esc', 'Close a form, or clear the selection'],
];

/** Move between rows, act on the current one, select. */
export function usePopupShortcuts(items: CachedSuggestion[], currentId: string | null, user: Decider): void {
  const run = usePopupCommand(user);
  const { id, role } = user;
  const map = useMemo<ShortcutMap>(() => {
    const { ui, current, command, moves } = listKeys<PopupCommand>(items, currentId, run);
    return {
      ...moves,
      d: command('dismiss'),
      e: command('escalate'),
      a: command('approve'),
      r: command('reject'),
      o: command('open'),
      x: () => {
        const s = current();
        if (s && popupAllows(s, 'dismiss', Date.now(), { id, role })) ui().toggleSelected(s.id);
      },
      Escape: () => {
        const s = current();
        if (usePopupUi.getState().dismissingId) usePopupUi.getState().closeDismiss();
        else if (s && ui().forms[s.id]) ui().closeForm(s.id);
        else ui().clearSelection();
      },
    };
  }, [items, currentId, run, id, role]);
  useShortcuts(map);
}
