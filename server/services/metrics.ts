import {
  metricsQuery,
  MIN_SAMPLES,
  TARGET_APPROVAL,
  WEEK_MS,
  type MetricRates,
  type MetricsReport,
} from '../../lib/schemas/metrics';
import type { Deps } from './deps';
import { computeCalibration } from './metrics-calibration';
import type { MetricsWindow } from './metrics-facts';
import { computeRates } from './metrics-rates';
import { parseInput } from './parse';
import { readPolicy } from './policy';
import { userNames } from './suggestions';

/** The window a query asks for: by default the four weeks up to now, by the injected clock. */
function windowOf(deps: Deps, raw: unknown): MetricsWindow {
  const q = parseInput(metricsQuery, raw);
  const to = q.to ? Date.parse(q.to) : deps.clock.now();
  const from = q.from ? Date.parse(q.from) : to - (q.weeks ?? 4) * WEEK_MS;
  return { from, to };
}

const byVolume = (a: MetricRates, b: MetricRates) =>
  (b.proposals ?? b.humanDecisions) - (a.proposals ?? a.humanDecisions) || a.label.localeCompare(b.label);

/**
 * The admin's metrics over a window of proposals: the rates overall and per action type, agent, reviewer and week,
 * and calibration per action type with a threshold recommendation replayed on the window. Aggregated in SQL.
 */
export async function getMetrics(deps: Deps, raw: unknown): Promise<MetricsReport> {
  const w = windowOf(deps, raw);
  const [rates, { policy }] = await Promise.all([computeRates(deps, w), readPolicy(deps.db)]);
  const calibration = await computeCalibration(deps, w, policy);
  const people = [...rates.agent.keys(), ...rates.reviewer.keys()];
  const names = await userNames(deps.db, people);
  const named = (m: Map<string, MetricRates>) =>
    [...m.values()].map((r) => ({ ...r, label: names.get(r.key)?.name ?? r.key })).sort(byVolume);
  return {
    window: { from: new Date(w.from).toISOString(), to: new Date(w.to).toISOString() },
    minSamples: MIN_SAMPLES,
    targetApproval: TARGET_APPROVAL,
    overall: { ...rates.all.get('')!, label: 'All' },
    byActionType: [...rates.type.values()].sort(byVolume),
    byAgent: named(rates.agent),
    byReviewer: named(rates.reviewer),
    byWeek: [...rates.week.values()]
      .sort((a, b) => Number(a.key) - Number(b.key))
      .map((r) => ({ ...r, label: new Date(w.from + Number(r.key) * WEEK_MS).toISOString().slice(0, 10) })),
    calibration,
  };
}
