import { isHighRisk } from '../../lib/alerts/rules';
import type { CachedSuggestion } from '../../lib/hooks/types';

const PRIORITY: Record<CachedSuggestion['priority'], string> = {
  urgent: 'Urgent',
  high: 'High priority',
  normal: 'Normal priority',
  low: 'Low priority',
};

/** How risky the row is, in words: its priority, a high-risk mark, and the tier when it is above the rep's. */
export function PriorityBadge({ s }: { s: CachedSuggestion }) {
  return (
    <>
      <span className={`badge priority-${s.priority}${isHighRisk(s) ? ' risk-high' : ''}`}>
        {isHighRisk(s) ? (
          <>
            <span aria-hidden="true">⚠ </span>High risk ·{' '}
          </>
        ) : null}
        {PRIORITY[s.priority]}
      </span>
      {s.tier !== 'rep' ? <span className="badge tier">{s.tier} tier</span> : null}
    </>
  );
}
