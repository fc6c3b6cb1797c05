import type { CachedSuggestion } from '../../lib/hooks/types';
import { useDecide } from '../../lib/hooks/use-decide';
import { decisionRights, type Decider } from '../../lib/policy/may-decide';

/**
 * A conditional approval waits for its condition: the reviewer confirms it was met (an approval: not by its proposer,
 * nor below its tier), or cancels.
 */
export function ConditionActions({ s, condition, user }: { s: CachedSuggestion; condition: string; user: Decider }) {
  const { decide } = useDecide();
  const rights = decisionRights(user, s);
  const resolve = (confirmed: boolean) => void decide(s.id, { op: 'condition', payload: { confirmed } });
  return (
    <div className="condition" role="group" aria-label="Condition">
      <p>
        <strong>Approved once this is confirmed:</strong> {condition || '(no condition text)'}
      </p>
      <div className="decisions-main">
        {rights.approve ? (
          <button type="button" className="btn btn-primary" onClick={() => resolve(true)}>
            Confirm condition met
          </button>
        ) : null}
        {rights.refuse ? (
          <button type="button" className="btn btn-danger" onClick={() => resolve(false)}>
            Cancel approval
          </button>
        ) : null}
      </div>
    </div>
  );
}
