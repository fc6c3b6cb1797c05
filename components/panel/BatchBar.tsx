import type { RefObject } from 'react';
import { useState } from 'react';
import type { CachedSuggestion } from '../../lib/hooks/types';
import { useDecide } from '../../lib/hooks/use-decide';
import type { Decider } from '../../lib/policy/may-decide';
import { selectSelected, usePanelUi } from '../../lib/stores/panel-ui';
import { isBatchable } from '../card/risk';
import { approvalDraft } from '../card/use-card-command';
import { Kbd } from '../ui/Kbd';

interface Props {
  items: CachedSuggestion[];
  now: number;
  /** Focused after Shift+A, so Enter approves the selection. */
  approveRef: RefObject<HTMLButtonElement | null>;
  user: Decider;
}

/** Approve the selected review-lane items the user may approve together; anything else stays for one-by-one review. */
export function BatchBar({ items, now, approveRef, user }: Props) {
  const selected = usePanelUi(selectSelected);
  const { decideMany } = useDecide();
  const [busy, setBusy] = useState(false);
  const batchable = items.filter((s) => isBatchable(s, now, user));
  if (batchable.length === 0) return null;
  const chosen = batchable.filter((s) => selected.includes(s.id));

  const approve = async () => {
    if (chosen.length === 0 || busy) return;
    setBusy(true);
    await decideMany(chosen.map((s) => ({ id: s.id, decision: { op: 'decide', payload: approvalDraft(s) } })));
    setBusy(false);
  };

  return (
    <div className="batch" role="group" aria-label="Batch approval">
      <button
        ref={approveRef}
        type="button"
        className={chosen.length > 0 ? 'btn btn-primary' : 'btn'}
        aria-disabled={chosen.length === 0 || busy}
        onClick={() => void approve()}
      >
        Approve {chosen.length} selected
      </button>
      {chosen.length > 0 ? (
        <button type="button" className="btn" onClick={() => usePanelUi.getState().clearSelection()}>
          Clear
        </button>
      ) : (
        <p className="hint">
          Select with <Kbd>x</Kbd>, or all low-risk with <Kbd>Shift+A</Kbd>
        </p>
      )}
    </div>
  );
}
