import { useCallback } from 'react';
import type { CachedSuggestion } from '../../lib/hooks/types';
import { decisionRights, type Decider } from '../../lib/policy/may-decide';
import { useOpenRecord } from '../../lib/hooks/use-open-record';
import { usePanelUi } from '../../lib/stores/panel-ui';
import { usePopupUi } from '../../lib/stores/popup-ui';
import { canDismiss, canEscalate, isDecidable } from '../card/risk';
import { useCardCommand } from '../card/use-card-command';

export type PopupCommand = 'dismiss' | 'escalate' | 'approve' | 'reject' | 'open';

/** A risk alert is dismissed or escalated; anything else on the list is a decision: approved or rejected. */
export const isDecision = (s: CachedSuggestion): boolean => s.type !== 'risk_alert';

/**
 * Whether the command applies to this row (a button is shown, a key does something): deciding needs an open item
 * the user may decide (see `decisionRights`: a rep sees manager-tier items, but only a manager decides them; no one
 * approves what they proposed).
 */
export function popupAllows(s: CachedSuggestion, command: PopupCommand, now: number, user: Decider): boolean {
  if (command === 'open') return true;
  const rights = decisionRights(user, s);
  if (!isDecidable(s, now) || !(command === 'approve' ? rights.approve : rights.refuse)) return false;
  switch (command) {
    case 'dismiss':
      return canDismiss(s);
    case 'escalate':
      return canEscalate(s);
    case 'approve':
    case 'reject':
      return isDecision(s);
  }
}

/**
 * What a row's button or key does. Dismiss opens a short form for an optional reason (false positives feed the
 * metrics); approve, reject and escalate behave as on the panel's cards; open shows the record in its tab.
 */
export function usePopupCommand(user: Decider): (s: CachedSuggestion, command: PopupCommand) => Promise<void> {
  const runCard = useCardCommand(user);
  const { id, role } = user;
  const openRecord = useOpenRecord();
  return useCallback(
    async (s, command) => {
      if (!popupAllows(s, command, Date.now(), { id, role })) return;
      const ui = usePanelUi.getState();
      ui.focus(s.id);
      if (command === 'open') {
        ui.setError(s.id, await openRecord(s.record));
      } else if (command === 'dismiss') {
        ui.closeForm(s.id);
        usePopupUi.getState().openDismiss(s.id);
      } else {
        usePopupUi.getState().closeDismiss();
        await runCard(s, command);
      }
    },
    [runCard, openRecord, id, role],
  );
}
