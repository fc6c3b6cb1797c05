import type { CachedSuggestion } from '../../lib/hooks/types';
import { useDecide } from '../../lib/hooks/use-decide';

/** A conditional approval waits for its condition: the reviewer confirms it was met, or cancels. */
export function ConditionActions({ s, condition }: { s: CachedSuggestion; condition: string }) {
  const { decide } = useDecide();
  const resolve = (confirmed: boolean) => void decide(s.id, { op: 'condition', payload: { confirmed } });
  return (
    <div className="condition" role="group" aria-label="Condition">
      <p>
        <strong>Approved once this is confirmed:</strong> {condition || '(no condition text)'}
      </p>
      <div className="decisions-main">
        <button type="button" className="btn btn-primary" onClick={() => resolve(true)}>
          Confirm condition met
        </button>
        <button type="button" className="btn btn-danger" onClick={() => resolve(false)}>
          Cancel approval
        </button>
      </div>
    </div>
  );
}
