import { z } from 'zod';
import { isoTime } from './common';

const DAY_MS = 86_400_000;
export const WEEK_MS = 7 * DAY_MS;
/** The longest window the metrics are computed over, so that one request stays bounded. */
export const MAX_WINDOW_DAYS = 366;
/** A threshold is recommended on no fewer human-decided items than this, at or above it. */
export const MIN_SAMPLES = 20;
/** The share of items at or above a recommended threshold that people approved unchanged. */
export const TARGET_APPROVAL = 0.95;

/**
 * The window the metrics cover: proposals made from `from` (inclusive) to `to` (exclusive). `to` defaults to now;
 * `from` to `weeks` weeks (4 unless given) before `to`. Give `weeks` or `from`, not both.
 */
export const metricsQuery = z
  .strictObject({
    weeks: z.number().int().min(1).max(52).optional(),
    from: isoTime.optional(),
    to: isoTime.optional(),
  })
  .refine((q) => q.weeks === undefined || q.from === undefined, {
    message: 'give weeks or from, not both',
    path: ['weeks'],
  })
  .refine((q) => !q.from || !q.to || Date.parse(q.from) < Date.parse(q.to), {
    message: 'from must be before to',
    path: ['from'],
  })
  .refine((q) => !q.from || !q.to || Date.parse(q.to) - Date.parse(q.from) <= MAX_WINDOW_DAYS * DAY_MS, {
    message: `the window spans at most ${MAX_WINDOW_DAYS} days`,
    path: ['from'],
  });
export type MetricsQuery = z.input<typeof metricsQuery>;

const count = z.number().int().nonnegative();
const share = z.number().min(0).max(1);

/**
 * The rates of one group (all, an action type, an agent, a reviewer, a week). A rate is null where it has no
 * denominator; the proposal-side counts are null for reviewers, who do not propose.
 */
export const metricRates = z.object({
  key: z.string(),
  label: z.string(),
  /** Proposals in the window; of them routed `auto`; of them routed to a person (review, explicit, triage). */
  proposals: count.nullable(),
  auto: count.nullable(),
  autoRate: share.nullable(),
  routedToPeople: count.nullable(),
  /** Items routed to a person whose timeout fired at least once. */
  timedOut: count.nullable(),
  timeoutRate: share.nullable(),
  /** Every decision a person took (not the system's timeouts). */
  humanDecisions: count,
  /** Those that approve, modify, partially or conditionally approve, reject or dismiss (not escalations). */
  verdicts: count,
  /** Verdicts that reject, dismiss, modify or partially approve: anything but approval as proposed. */
  overrides: count,
  overrideRate: share.nullable(),
  /** Modify and partial verdicts; reject and dismiss verdicts; the first divided by the second. */
  modified: count,
  rejected: count,
  modifyVsReject: z.number().nonnegative().nullable(),
  escalations: count,
  /** Escalations among human decisions. */
  escalationRate: share.nullable(),
  /** Items a person decided on, and the time from proposal to the first person's decision (nearest rank). */
  decidedItems: count,
  medianMs: z.number().nonnegative().nullable(),
  p90Ms: z.number().nonnegative().nullable(),
});
export type MetricRates = z.infer<typeof metricRates>;

/** Items a person gave a verdict on, with confidence in [from, to) (the last bucket includes 1). */
export const confidenceBucket = z.object({
  from: z.number(),
  to: z.number(),
  decided: count,
  approvedUnchanged: count,
  rate: share.nullable(),
});
export type ConfidenceBucket = z.infer<typeof confidenceBucket>;

/**
 * The recommended threshold replayed on the window: items routed by their confidence alone (no risk rule or kill
 * switch) at or above it, which it would have executed; how many of those went to a person, and how many of those
 * a person rejected or changed; the rest of those had no verdict (timed out or still open).
 */
export const replay = z.object({
  wouldAutoExecute: count,
  alreadyAuto: count,
  fromPeople: count,
  overridden: count,
  undecided: count,
});
export type Replay = z.infer<typeof replay>;

export const recommendation = z.discriminatedUnion('kind', [
  z.object({
    kind: z.literal('recommended'),
    threshold: z.number(),
    /** Human-decided items at or above the threshold, and of them approved unchanged. */
    decided: count,
    approvedUnchanged: count,
    replay,
  }),
  /** Fewer than MIN_SAMPLES human-decided items at or above the lowest candidate threshold. */
  z.object({ kind: z.literal('too_few'), decided: count, needed: count }),
  /** Enough items, but at no candidate threshold did people approve TARGET_APPROVAL of them unchanged. */
  z.object({ kind: z.literal('none'), decided: count }),
]);
export type Recommendation = z.infer<typeof recommendation>;

export const calibration = z.object({
  actionType: z.string(),
  /** The auto threshold the policy sets for this action type now. */
  currentAuto: z.number(),
  buckets: z.array(confidenceBucket),
  recommendation,
});
export type Calibration = z.infer<typeof calibration>;

export const metricsReport = z.object({
  window: z.object({ from: isoTime, to: isoTime }),
  minSamples: count,
  targetApproval: share,
  overall: metricRates,
  byActionType: z.array(metricRates),
  byAgent: z.array(metricRates),
  byReviewer: z.array(metricRates),
  /** Weeks counted from the window's start; the label is the week's first day, the last week may be short. */
  byWeek: z.array(metricRates),
  calibration: z.array(calibration),
});
export type MetricsReport = z.infer<typeof metricsReport>;
