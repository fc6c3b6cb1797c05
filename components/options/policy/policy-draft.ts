import type { Tier, TimeoutAction } from '../../../lib/schemas/common';
import { EXECUTORS, type ActionPolicy, type Policy } from '../../../lib/schemas/policy';

export type Unit = 'minutes' | 'hours' | 'days';
export const UNIT_SECONDS: Record<Unit, number> = { minutes: 60, hours: 3600, days: 86_400 };
export const TIMED_LANES = ['review', 'explicit', 'triage'] as const;
export type TimedLane = (typeof TIMED_LANES)[number];

export interface TimeoutDraft {
  amount: string;
  unit: Unit;
  action: TimeoutAction;
}

/** One action policy as its form holds it: numbers as typed, so a half-typed value is not lost or coerced. */
export interface ActionDraft {
  auto: string;
  review: string;
  amountLimit: string;
  amountTier: Tier;
  customerFacingTier: Tier;
  irreversibleTier: Tier;
  timeouts: Record<TimedLane, TimeoutDraft>;
  executor: (typeof EXECUTORS)[number];
}

export interface PolicyDraft {
  defaults: ActionDraft;
  /** Action types with settings of their own; the others follow the defaults. */
  overrides: Record<string, ActionDraft>;
  twoApprovers: Policy['twoApprovers'];
}

/** The largest unit that shows the timeout as a whole number: 4 h rather than 240 min. */
function timeoutDraft(seconds: number, action: TimeoutAction): TimeoutDraft {
  const unit: Unit =
    seconds % UNIT_SECONDS.days === 0 ? 'days' : seconds % UNIT_SECONDS.hours === 0 ? 'hours' : 'minutes';
  return { amount: String(seconds / UNIT_SECONDS[unit]), unit, action };
}

export function actionDraft(p: ActionPolicy): ActionDraft {
  return {
    auto: String(p.thresholds.auto),
    review: String(p.thresholds.review),
    amountLimit: String(p.risk.amountLimit),
    amountTier: p.risk.amountTier,
    customerFacingTier: p.risk.customerFacingTier,
    irreversibleTier: p.risk.irreversibleTier,
    timeouts: {
      review: timeoutDraft(p.timeouts.review.seconds, p.timeouts.review.action),
      explicit: timeoutDraft(p.timeouts.explicit.seconds, p.timeouts.explicit.action),
      triage: timeoutDraft(p.timeouts.triage.seconds, p.timeouts.triage.action),
    },
    executor: p.executor,
  };
}

export function policyDraft(p: Policy): PolicyDraft {
  return {
    defaults: actionDraft(p.defaults),
    overrides: Object.fromEntries(Object.entries(p.actionTypes).map(([type, ap]) => [type, actionDraft(ap)])),
    twoApprovers: { ...p.twoApprovers },
  };
}

/** The draft with an action type's auto threshold set, giving the type settings of its own (from the defaults). */
export function withAuto(d: PolicyDraft, actionType: string, auto: number, defaults: ActionPolicy): PolicyDraft {
  const own = d.overrides[actionType] ?? actionDraft(defaults);
  return { ...d, overrides: { ...d.overrides, [actionType]: { ...own, auto: String(auto) } } };
}

/** A typed number; blank is not zero (NaN, which the schema refuses with a message). */
const num = (text: string) => (text.trim() === '' ? Number.NaN : Number(text.trim().replace(/,/g, '')));

const seconds = (t: TimeoutDraft) => Math.round(num(t.amount) * UNIT_SECONDS[t.unit]);

/** The draft as the policy schema expects it; the schema, not this function, says what is wrong. */
export function candidateAction(d: ActionDraft): unknown {
  return {
    thresholds: { auto: num(d.auto), review: num(d.review) },
    risk: {
      amountLimit: num(d.amountLimit),
      amountTier: d.amountTier,
      customerFacingTier: d.customerFacingTier,
      irreversibleTier: d.irreversibleTier,
    },
    timeouts: Object.fromEntries(
      TIMED_LANES.map((lane) => [lane, { seconds: seconds(d.timeouts[lane]), action: d.timeouts[lane].action }]),
    ),
    executor: d.executor,
  };
}

export function candidatePolicy(d: PolicyDraft): unknown {
  return {
    defaults: candidateAction(d.defaults),
    actionTypes: Object.fromEntries(Object.entries(d.overrides).map(([type, a]) => [type, candidateAction(a)])),
    twoApprovers: d.twoApprovers,
  };
}
