import { useCallback } from 'react';
import type { CachedSuggestion } from '../../lib/hooks/types';
import { useDecide, type DecisionDraft } from '../../lib/hooks/use-decide';
import { usePanelUi } from '../../lib/stores/panel-ui';
import { canDismiss, canEscalate, canModify, canPartial, isDecidable, needsReason } from './risk';

export type CardCommand = 'approve' | 'modify' | 'partial' | 'conditional' | 'reject' | 'escalate' | 'dismiss';

/** Whether a command applies to this item at all (a button is shown, a key does something). */
export function allows(s: CachedSuggestion, command: CardCommand): boolean {
  switch (command) {
    case 'modify':
      return canModify(s);
    case 'partial':
      return canPartial(s);
    case 'escalate':
      return canEscalate(s);
    case 'dismiss':
      return canDismiss(s);
    default:
      return true;
  }
}

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
 * What a button or a key does on a card: approve and dismiss decide at once (one keystroke for a low-risk item);
 * an explicit-lane approval and every other decision open the card's form first.
 */
export function useCardCommand(): (s: CachedSuggestion, command: CardCommand) => Promise<void> {
  const submit = useSubmitDecision();
  return useCallback(
    async (s, command) => {
      if (!isDecidable(s, Date.now()) || !allows(s, command)) return;
      const ui = usePanelUi.getState();
      ui.focus(s.id);
      if (command === 'approve' && !needsReason(s)) await submit(s, { kind: 'approve' });
      else if (command === 'dismiss') await submit(s, { kind: 'dismiss' });
      else ui.openForm(s.id, command === 'approve' ? 'approve' : command);
    },
    [submit],
  );
}
