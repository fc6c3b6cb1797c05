import { useCallback } from 'react';
import type { CachedSuggestion } from '../../lib/hooks/types';
import { useDecide, type DecisionDraft } from '../../lib/hooks/use-decide';
import { approvalOf } from '../../lib/policy/approval';
import { decisionRights, type Decider } from '../../lib/policy/may-decide';
import { usePanelUi } from '../../lib/stores/panel-ui';
import { canDismiss, canEscalate, canModify, canPartial, isDecidable, needsReason } from './risk';

export type CardCommand = 'approve' | 'modify' | 'partial' | 'conditional' | 'reject' | 'escalate' | 'dismiss';

const APPROVING: readonly CardCommand[] = ['approve', 'modify', 'partial', 'conditional'];

/**
 * Whether a command applies to this item for this user (a button is shown, a key does something): the item must
 * allow it, and the user may decide it (see `decisionRights`). A second approver approves the first approver's change
 * set as it is, or edits it, or refuses it: a subset or a condition of their own would not be what the first approved.
 */
export function allows(s: CachedSuggestion, command: CardCommand, user: Decider): boolean {
  const rights = decisionRights(user, s);
  if (!(APPROVING.includes(command) ? rights.approve : rights.refuse)) return false;
  switch (command) {
    case 'modify':
      return canModify(s);
    case 'partial':
      return canPartial(s) && s.firstApproval === null;
    case 'conditional':
      return s.firstApproval === null;
    case 'escalate':
      return canEscalate(s);
    case 'dismiss':
      return canDismiss(s);
    default:
      return true;
  }
}

/** The approval of the item as shown: the proposal, or at a second approval what the first approver approved. */
export const approvalDraft = (s: CachedSuggestion, note?: string): DecisionDraft => ({
  ...approvalOf(s.changeSet, s.firstApproval?.changeSet ?? null),
  ...(note ? { note } : {}),
});

/** Records a decision on the item and, when it is recorded, moves focus to the next card. */
export function useSubmitDecision(): (s: CachedSuggestion, payload: DecisionDraft) => Promise<boolean> {
  const { decide } = useDecide();
  return useCallback(
    async (s, payload) => {
      const ok = await decide(s.id, { op: 'decide', payload });
      if (ok) usePanelUi.getState().advanceFrom(s.id);
      return ok;
    },
    [decide],
  );
}

/**
 * What a button or a key does on a card for `user`: approve and dismiss decide at once (one keystroke for a low-risk
 * item); an explicit-lane approval and every other decision open the card's form first.
 */
export function useCardCommand(user: Decider): (s: CachedSuggestion, command: CardCommand) => Promise<void> {
  const submit = useSubmitDecision();
  const { id, role } = user;
  return useCallback(
    async (s, command) => {
      if (!isDecidable(s, Date.now()) || !allows(s, command, { id, role })) return;
      const ui = usePanelUi.getState();
      ui.focus(s.id);
      if (command === 'approve' && !needsReason(s)) await submit(s, approvalDraft(s));
      else if (command === 'dismiss') await submit(s, { kind: 'dismiss' });
      else ui.openForm(s.id, command === 'approve' ? 'approve' : command);
    },
    [submit, id, role],
  );
}
