import { sql, type RawBuilder } from 'kysely';
import { WEEK_MS } from '../../lib/schemas/metrics';
import { SYSTEM } from './users';

/** Decisions that settle an item (escalations only pass it on). */
export const VERDICTS = ['approve', 'conditional', 'modify', 'partial', 'reject', 'dismiss'] as const;
/** Verdicts other than approval as proposed. */
export const OVERRIDES = ['modify', 'partial', 'reject', 'dismiss'] as const;
export const CHANGES = ['modify', 'partial'] as const;
export const REFUSALS = ['reject', 'dismiss'] as const;
/** Lanes where a person is asked, and where a timeout can fire. */
export const PEOPLE_LANES = ['review', 'explicit', 'triage'] as const;
/** Routing rules under which the confidence threshold alone chose the lane: no risk rule, no kill switch. */
export const THRESHOLD_RULES = ['threshold.auto', 'threshold.review', 'threshold.triage'] as const;

export interface MetricsWindow {
  from: number;
  to: number;
}

export const list = (values: readonly string[]) => sql.join(values.map((v) => sql`${v}`));

/** Whole milliseconds as an SQL literal: bound numbers reach SQLite as reals, which would spoil integer division. */
export const int = (n: number) => sql.lit(Math.trunc(n));

const human = sql`d.suggestion_id = s.id and d.actor_id <> ${SYSTEM.id}`;

/**
 * `with facts as (…)`: one row per suggestion proposed in the window, with what its decisions came to, for the
 * aggregates to group. `week` counts whole weeks from the window's start; `wait_ms` is the time from the proposal to
 * the first decision by a person, and `first_actor` who took it.
 */
export function withFacts(w: MetricsWindow): RawBuilder<unknown> {
  return sql`with facts as (
    select s.id, s.type, s.proposed_by as agent, s.lane, s.confidence, s.routing_rule,
      (s.created_at - ${int(w.from)}) / ${int(WEEK_MS)} as week,
      case when exists (select 1 from decisions d where d.suggestion_id = s.id and d.kind = 'timeout')
        then 1 else 0 end as timed_out,
      (select count(*) from decisions d where ${human} and d.kind in (${list(VERDICTS)})) as verdicts,
      (select count(*) from decisions d where ${human} and d.kind in (${list(OVERRIDES)})) as overrides,
      (select min(d.created_at) from decisions d where ${human}) - s.created_at as wait_ms,
      (select d.actor_id from decisions d where ${human} order by d.seq limit 1) as first_actor
    from suggestions s
    where s.created_at >= ${int(w.from)} and s.created_at < ${int(w.to)}
  )`;
}

/** `sum(case when … then 1 else 0 end)`. */
export const countIf = (condition: RawBuilder<unknown>) => sql`sum(case when ${condition} then 1 else 0 end)`;

/** A count or sum as a number: PostgreSQL answers bigint and numeric as strings, and a sum over nothing as null. */
export const num = (v: unknown): number => (v == null ? 0 : Number(v));

/** part / whole, or null when there is no whole. */
export const ratio = (part: number, whole: number): number | null => (whole > 0 ? part / whole : null);
