import type { CachedSuggestion } from '../../lib/hooks/types';
import { formatMoney, formatPercent } from '../../lib/text/format';
import { usePolicyInForce } from './policy-context';
import { assessRisk } from './risk';

const LANE_LABELS: Record<CachedSuggestion['lane'], string> = {
  auto: 'Auto lane',
  review: 'Review lane',
  explicit: 'Explicit: one by one',
  triage: 'Triage: AI unsure',
  blocked: 'Blocked',
};

const confidenceLevel = (c: number) => (c >= 0.9 ? 'high' : c >= 0.7 ? 'medium' : 'low');

/**
 * Confidence, risk, lane and tier, each said in words; colour only repeats what the text says. Risk is measured
 * against the policy in force; until it is known, an item that moves money is not called low risk.
 */
export function CardBadges({ s }: { s: CachedSuggestion }) {
  const { flags, amountLimit, provisional } = assessRisk(s, usePolicyInForce());
  const level = confidenceLevel(s.confidence);
  return (
    <ul className="badges" aria-label="Confidence and risk">
      <li className={`badge confidence-${level}`}>{formatPercent(s.confidence)} confidence</li>
      {provisional ? (
        <li className="badge risk-unknown">
          Amount checked against the default limit ({formatMoney(amountLimit, s.impact.currency)}): the policy in force
          is not loaded
        </li>
      ) : null}
      {flags.length === 0 && !provisional ? (
        <li className="badge risk-low">Low risk</li>
      ) : (
        flags.map((flag) => (
          <li className="badge risk-high" key={flag}>
            <span aria-hidden="true">⚠ </span>
            {flag}
          </li>
        ))
      )}
      <li className={`badge lane-${s.lane}`}>{LANE_LABELS[s.lane]}</li>
      <li className="badge tier">{s.tier} tier</li>
    </ul>
  );
}
