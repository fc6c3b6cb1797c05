import type { Calibration, Recommendation } from '../../../lib/schemas/metrics';
import { percent, threshold, typeName } from './format';

interface Props {
  calibration: Calibration;
  targetApproval: number;
  /** Fills the threshold into the policy editor, which the admin then reviews and saves. */
  onUse(actionType: string, auto: number): void;
}

function RecommendationText({ r, current, target }: { r: Recommendation; current: number; target: number }) {
  if (r.kind === 'too_few') {
    return (
      <p className="muted">
        Too few decisions to recommend a threshold: {r.decided} decided by people at confidence 0.5 or above, {r.needed}{' '}
        needed.
      </p>
    );
  }
  if (r.kind === 'none') {
    return (
      <p className="muted">
        No threshold from 0.5 up had {percent(target)} of its {r.decided} decided items approved unchanged: no
        recommendation.
      </p>
    );
  }
  const p = r.replay;
  return (
    <>
      <p>
        Recommended auto threshold: <strong>{threshold(r.threshold)}</strong> (now {threshold(current)}). At or above
        it, people approved {r.approvedUnchanged} of {r.decided} items unchanged (
        {percent(r.approvedUnchanged / r.decided)}).
      </p>
      <p>
        Replayed on this window: {p.wouldAutoExecute} items would have executed on their own ({p.alreadyAuto} did
        already). Of the {p.fromPeople} that went to a person, {p.overridden} were rejected or changed and {p.undecided}{' '}
        never got a verdict (timed out or still open). Items a risk rule or kill switch sent to a person are not
        counted: the threshold does not move them.
      </p>
    </>
  );
}

/** One action type's approval rate per tenth of confidence, its recommendation and the replay. */
export function CalibrationView({ calibration: c, targetApproval, onUse }: Props) {
  const buckets = c.buckets.filter((b) => b.decided > 0);
  const r = c.recommendation;
  const name = typeName(c.actionType);
  return (
    <article className="calibration" aria-labelledby={`calibration-${c.actionType}`}>
      <h4 id={`calibration-${c.actionType}`}>{name}</h4>
      {buckets.length === 0 ? (
        <p className="muted">No item of this type got a verdict from a person in this window.</p>
      ) : (
        <table className="metrics-table">
          <caption>Approved unchanged, by confidence: {name}</caption>
          <thead>
            <tr>
              <th scope="col">Confidence</th>
              <th scope="col">Decided by people</th>
              <th scope="col">Approved unchanged</th>
            </tr>
          </thead>
          <tbody>
            {buckets.map((b) => (
              <tr key={b.from}>
                <th scope="row">
                  {threshold(b.from)}–{threshold(b.to)}
                </th>
                <td>{b.decided}</td>
                <td>
                  <span className="bar" aria-hidden="true">
                    <span style={{ width: `${(b.rate ?? 0) * 100}%` }} />
                  </span>{' '}
                  {b.approvedUnchanged} ({percent(b.rate)})
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
      <RecommendationText r={r} current={c.currentAuto} target={targetApproval} />
      {r.kind === 'recommended' && r.threshold !== c.currentAuto ? (
        <button type="button" className="btn" onClick={() => onUse(c.actionType, r.threshold)}>
          Put {threshold(r.threshold)} in the policy editor for {name}
        </button>
      ) : null}
    </article>
  );
}
