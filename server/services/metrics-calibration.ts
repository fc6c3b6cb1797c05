import { sql } from 'kysely';
import {
  MIN_SAMPLES,
  TARGET_APPROVAL,
  type Calibration,
  type ConfidenceBucket,
  type Recommendation,
} from '../../lib/schemas/metrics';
import { actionPolicyFor, type Policy } from '../../lib/schemas/policy';
import type { Deps } from './deps';
import { countIf, list, num, ratio, THRESHOLD_RULES, withFacts, type MetricsWindow } from './metrics-facts';

/** Confidence is counted in twentieths; the table shows tenths; thresholds are proposed in twentieths from 0.5. */
const STEPS = 20;
const LOWEST_CANDIDATE = 10;

/** `case when confidence >= 0.95 then 19 … else 0 end`: portable, where floor() and casts differ by dialect. */
const step = sql.join(
  Array.from({ length: STEPS - 1 }, (_, i) => STEPS - 1 - i).map(
    (s) => sql`when confidence >= ${sql.lit(s / STEPS)} then ${sql.lit(s)}`,
  ),
  sql` `,
);

interface StepCounts {
  /** Items a person gave a verdict on, and of them those approved as proposed. */
  decided: number;
  approved: number;
  /** Items routed by their confidence alone: sent auto, sent to people, and of those overridden or left undecided. */
  auto: number;
  people: number;
  overridden: number;
  undecided: number;
}

const zero = (): StepCounts => ({ decided: 0, approved: 0, auto: 0, people: 0, overridden: 0, undecided: 0 });

/** Counts per action type and twentieth of confidence, in one grouped query. */
async function stepCounts(deps: Deps, w: MetricsWindow): Promise<Map<string, StepCounts[]>> {
  const byThreshold = sql`routing_rule in (${list(THRESHOLD_RULES)})`;
  const r = await sql<Record<string, unknown> & { type: string; step: unknown }>`${withFacts(w)}
    select type, step,
      ${countIf(sql`verdicts > 0`)} as decided,
      ${countIf(sql`verdicts > 0 and overrides = 0`)} as approved,
      ${countIf(sql`${byThreshold} and lane = 'auto'`)} as auto,
      ${countIf(sql`${byThreshold} and lane <> 'auto'`)} as people,
      ${countIf(sql`${byThreshold} and lane <> 'auto' and overrides > 0`)} as overridden,
      ${countIf(sql`${byThreshold} and lane <> 'auto' and verdicts = 0`)} as undecided
    from (select facts.*, case ${step} else 0 end as step from facts) stepped
    group by type, step`.execute(deps.reports);
  const out = new Map<string, StepCounts[]>();
  for (const row of r.rows) {
    let steps = out.get(row.type);
    if (!steps) out.set(row.type, (steps = Array.from({ length: STEPS }, zero)));
    steps[num(row.step)] = {
      decided: num(row.decided),
      approved: num(row.approved),
      auto: num(row.auto),
      people: num(row.people),
      overridden: num(row.overridden),
      undecided: num(row.undecided),
    };
  }
  return out;
}

const sumFrom = (steps: StepCounts[], from: number): StepCounts =>
  steps.slice(from).reduce(
    (a, s) => ({
      decided: a.decided + s.decided,
      approved: a.approved + s.approved,
      auto: a.auto + s.auto,
      people: a.people + s.people,
      overridden: a.overridden + s.overridden,
      undecided: a.undecided + s.undecided,
    }),
    zero(),
  );

/**
 * The lowest threshold (0.50, 0.55, … 0.95) at or above which at least MIN_SAMPLES items were decided by people and
 * at least TARGET_APPROVAL of them approved unchanged, with its replay on the window.
 */
export function recommend(steps: StepCounts[]): Recommendation {
  const widest = sumFrom(steps, LOWEST_CANDIDATE);
  if (widest.decided < MIN_SAMPLES) return { kind: 'too_few', decided: widest.decided, needed: MIN_SAMPLES };
  for (let s = LOWEST_CANDIDATE; s < STEPS; s++) {
    const above = sumFrom(steps, s);
    if (above.decided < MIN_SAMPLES) break;
    if (above.approved / above.decided < TARGET_APPROVAL) continue;
    return {
      kind: 'recommended',
      threshold: s / STEPS,
      decided: above.decided,
      approvedUnchanged: above.approved,
      replay: {
        wouldAutoExecute: above.auto + above.people,
        alreadyAuto: above.auto,
        fromPeople: above.people,
        overridden: above.overridden,
        undecided: above.undecided,
      },
    };
  }
  return { kind: 'none', decided: widest.decided };
}

function tenths(steps: StepCounts[]): ConfidenceBucket[] {
  return Array.from({ length: STEPS / 2 }, (_, i) => {
    const pair = [steps[2 * i]!, steps[2 * i + 1]!];
    const decided = pair[0]!.decided + pair[1]!.decided;
    const approvedUnchanged = pair[0]!.approved + pair[1]!.approved;
    return { from: i / 10, to: (i + 1) / 10, decided, approvedUnchanged, rate: ratio(approvedUnchanged, decided) };
  });
}

/** Calibration and a threshold recommendation for each action type proposed in the window. */
export async function computeCalibration(deps: Deps, w: MetricsWindow, policy: Policy): Promise<Calibration[]> {
  const counts = await stepCounts(deps, w);
  return [...counts.entries()]
    .sort(([a], [b]) => a.localeCompare(b))
    .map(([actionType, steps]) => ({
      actionType,
      currentAuto: actionPolicyFor(policy, actionType).thresholds.auto,
      buckets: tenths(steps),
      recommendation: recommend(steps),
    }));
}
