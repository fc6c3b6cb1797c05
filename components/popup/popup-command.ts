import { useCallback } from 'react';
import { mayDecide } from '../../lib/alerts/rules';
import type { CachedSuggestion } from '../../lib/hooks/types';
import type { Role } from '../../lib/schemas/common';
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
 * at a tier the user's role may decide (a rep sees manager-tier items, but only a manager decides them).
 */
export function popupAllows(s: CachedSuggestion, command: PopupCommand, now: number, role: Role): boolean {
  if (command === 'open') return true;
  if (!isDecidable(s, now) || !mayDecide(role, s.tier)) return false;
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
export function usePopupCommand(role: Role): (s: CachedSuggestion, command: PopupCommand) => Promise<void> {
  const runCard = useCardCommand();
  const openRecord = useOpenRecord();
  return useCallback(
    async (s, command) => {
      if (!popupAllows(s, command, Date.now(), role)) return;
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
    [runCard, openRecord, role],
  );
}
