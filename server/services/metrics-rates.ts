import { sql, type RawBuilder } from 'kysely';
import { WEEK_MS, type MetricRates } from '../../lib/schemas/metrics';
import type { Deps } from './deps';
import {
  CHANGES,
  countIf,
  list,
  num,
  OVERRIDES,
  PEOPLE_LANES,
  ratio,
  REFUSALS,
  VERDICTS,
  withFacts,
  type MetricsWindow,
} from './metrics-facts';
import { SYSTEM } from './users';

export type Dim = 'all' | 'type' | 'agent' | 'week' | 'reviewer';
type Row = { dim: Dim; k: string } & Record<string, unknown>;

/** The key each group is named by, per dimension; reviewers group decisions only. */
const ITEM_KEYS: [Dim, RawBuilder<unknown>][] = [
  ['all', sql`''`],
  ['type', sql`type`],
  ['agent', sql`agent`],
  ['week', sql`cast(week as text)`],
];
const DECISION_KEYS: [Dim, RawBuilder<unknown>][] = [...ITEM_KEYS, ['reviewer', sql`actor_id`]];
const WAIT_KEYS: [Dim, RawBuilder<unknown>][] = [...ITEM_KEYS, ['reviewer', sql`first_actor`]];

/** One select per dimension, in one statement. PostgreSQL refuses `group by ''`, so `all` has no group by. */
function perDimension(
  keys: [Dim, RawBuilder<unknown>][],
  each: (key: RawBuilder<unknown>, all: boolean) => RawBuilder<unknown>,
) {
  return sql.join(
    keys.map(([dim, key]) => sql`select ${sql.lit(dim)} as dim, ${key} as k, ${each(key, dim === 'all')}`),
    sql` union all `,
  );
}

const itemAggregates = (key: RawBuilder<unknown>, all: boolean) => sql`count(*) as proposals,
  ${countIf(sql`lane = 'auto'`)} as auto,
  ${countIf(sql`lane in (${list(PEOPLE_LANES)})`)} as routed,
  ${countIf(sql`lane in (${list(PEOPLE_LANES)}) and timed_out = 1`)} as timed_out
  from facts ${all ? sql`` : sql`group by ${key}`}`;

const decisionAggregates = (key: RawBuilder<unknown>, all: boolean) => sql`count(*) as human,
  ${countIf(sql`kind in (${list(VERDICTS)})`)} as verdicts,
  ${countIf(sql`kind in (${list(OVERRIDES)})`)} as overrides,
  ${countIf(sql`kind in (${list(CHANGES)})`)} as modified,
  ${countIf(sql`kind in (${list(REFUSALS)})`)} as rejected,
  ${countIf(sql`kind = 'escalate'`)} as escalations
  from decided ${all ? sql`` : sql`group by ${key}`}`;

/** Nearest-rank median and 90th percentile, by window functions: a few rows per group come back, not every wait. */
const waitPercentiles = ([dim, key]: [Dim, RawBuilder<unknown>]) => sql`select ${sql.lit(dim)} as dim, k, n,
  max(case when r = (n + 1) / 2 then wait_ms end) as p50,
  max(case when r = (9 * n + 9) / 10 then wait_ms end) as p90
  from (
    select k, wait_ms, row_number() over (partition by k order by wait_ms) as r, count(*) over (partition by k) as n
    from (select ${key} as k, wait_ms from facts where wait_ms is not null) waits
  ) ranked group by k, n`;

async function rows(deps: Deps, w: MetricsWindow, body: RawBuilder<unknown>): Promise<Row[]> {
  const r = await sql<Row>`${withFacts(w)} ${body}`.execute(deps.reports);
  return r.rows.map((row) => ({ ...row, k: String(row.k ?? '') }));
}

const emptyRates = (key: string, label: string, proposer: boolean): MetricRates => ({
  key,
  label,
  proposals: proposer ? 0 : null,
  auto: proposer ? 0 : null,
  autoRate: null,
  routedToPeople: proposer ? 0 : null,
  timedOut: proposer ? 0 : null,
  timeoutRate: null,
  humanDecisions: 0,
  verdicts: 0,
  overrides: 0,
  overrideRate: null,
  modified: 0,
  rejected: 0,
  modifyVsReject: null,
  escalations: 0,
  escalationRate: null,
  decidedItems: 0,
  medianMs: null,
  p90Ms: null,
});

export type RatesByDim = Record<Dim, Map<string, MetricRates>>;

/** Every rate, overall and per action type, agent, reviewer and week (labels are the keys; the caller names them). */
export async function computeRates(deps: Deps, w: MetricsWindow): Promise<RatesByDim> {
  const [items, decisions, waits] = await Promise.all([
    rows(deps, w, perDimension(ITEM_KEYS, itemAggregates)),
    rows(
      deps,
      w,
      sql`, decided as (
        select f.type, f.agent, f.week, d.actor_id, d.kind from decisions d join facts f on f.id = d.suggestion_id
        where d.actor_id <> ${SYSTEM.id}
      ) ${perDimension(DECISION_KEYS, decisionAggregates)}`,
    ),
    rows(deps, w, sql.join(WAIT_KEYS.map(waitPercentiles), sql` union all `)),
  ]);

  const out: RatesByDim = { all: new Map(), type: new Map(), agent: new Map(), week: new Map(), reviewer: new Map() };
  const at = (dim: Dim, k: string) => {
    let r = out[dim].get(k);
    if (!r) out[dim].set(k, (r = emptyRates(k, k, dim !== 'reviewer')));
    return r;
  };
  for (let week = 0; week * WEEK_MS < w.to - w.from; week++) at('week', String(week));
  at('all', '');

  for (const row of items) {
    const r = at(row.dim, row.k);
    r.proposals = num(row.proposals);
    r.auto = num(row.auto);
    r.autoRate = ratio(r.auto, r.proposals);
    r.routedToPeople = num(row.routed);
    r.timedOut = num(row.timed_out);
    r.timeoutRate = ratio(r.timedOut, r.routedToPeople);
  }
  for (const row of decisions) {
    const r = at(row.dim, row.k);
    r.humanDecisions = num(row.human);
    r.verdicts = num(row.verdicts);
    r.overrides = num(row.overrides);
    r.overrideRate = ratio(r.overrides, r.verdicts);
    r.modified = num(row.modified);
    r.rejected = num(row.rejected);
    r.modifyVsReject = ratio(r.modified, r.rejected);
    r.escalations = num(row.escalations);
    r.escalationRate = ratio(r.escalations, r.humanDecisions);
  }
  for (const row of waits) {
    const r = at(row.dim, row.k);
    r.decidedItems = num(row.n);
    r.medianMs = row.p50 == null ? null : num(row.p50);
    r.p90Ms = row.p90 == null ? null : num(row.p90);
  }
  return out;
}
