import type { Change } from '../../lib/schemas/suggestion';
import { formatValue } from '../../lib/text/format';

/**
 * One line per field: "Stage: Negotiation → Closed Lost", the old value struck (<del>) and the new one marked (<ins>),
 * with words for screen readers, since del and ins are not announced everywhere.
 */
export function ChangeDiff({ changes }: { changes: Pick<Change, 'field' | 'label' | 'from' | 'to'>[] }) {
  if (changes.length === 0) return null;
  return (
    <dl className="changes" aria-label="Changes">
      {changes.map((c) => (
        <div className="change" key={c.field}>
          <dt>{c.label ?? c.field}</dt>
          <dd>
            <span className="sr-only">from </span>
            <del>{formatValue(c.from)}</del>
            <span className="arrow" aria-hidden="true">
              {' → '}
            </span>
            <span className="sr-only"> to </span>
            <ins>{formatValue(c.to)}</ins>
          </dd>
        </div>
      ))}
    </dl>
  );
}
