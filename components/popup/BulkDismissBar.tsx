import { useId, useState } from 'react';
import type { CachedSuggestion } from '../../lib/hooks/types';
import type { Decider } from '../../lib/policy/may-decide';
import { useDecide } from '../../lib/hooks/use-decide';
import { selectSelected, usePanelUi } from '../../lib/stores/panel-ui';
import { popupAllows } from './popup-command';

/** Dismiss the selected alerts together, with one optional reason for all of them. */
export function BulkDismissBar({ items, now, user }: { items: CachedSuggestion[]; now: number; user: Decider }) {
  const selected = usePanelUi(selectSelected);
  const { decideMany } = useDecide();
  const [reason, setReason] = useState('');
  const [busy, setBusy] = useState(false);
  const reasonId = useId();
  const chosen = items.filter((s) => selected.includes(s.id) && popupAllows(s, 'dismiss', now, user));
  if (chosen.length === 0) return null;

  const dismiss = async () => {
    if (busy) return;
    setBusy(true);
    const note = reason.trim();
    const payload = { kind: 'dismiss' as const, ...(note ? { note } : {}) };
    await decideMany(chosen.map((s) => ({ id: s.id, decision: { op: 'decide' as const, payload } })));
    setReason('');
    setBusy(false);
  };

  return (
    <div className="bulk" role="group" aria-label="Dismiss selected">
      <label htmlFor={reasonId} className="sr-only">
        Reason for dismissing the selected alerts (optional)
      </label>
      <input
        id={reasonId}
        type="text"
        value={reason}
        maxLength={2000}
        placeholder="Reason (optional)"
        autoComplete="off"
        onChange={(e) => setReason(e.target.value)}
      />
      <button type="button" className="btn btn-primary" aria-disabled={busy} onClick={() => void dismiss()}>
        Dismiss {chosen.length}
      </button>
      <button type="button" className="btn" onClick={() => usePanelUi.getState().clearSelection()}>
        Clear
      </button>
    </div>
  );
}
