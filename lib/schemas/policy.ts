import { z } from 'zod';
import { actionType, tier, timeoutAction } from './common';

const seconds = z
  .number()
  .int()
  .min(1)
  .max(30 * 24 * 3600);
const laneTimeout = z.strictObject({ seconds, action: timeoutAction });

export const EXECUTORS = ['agent', 'webhook', 'demo'] as const;

export const actionPolicy = z
  .strictObject({
    /** Confidence at or above `auto` executes; at or above `review` queues; below goes to triage. */
    thresholds: z.strictObject({ auto: z.number().min(0).max(1), review: z.number().min(0).max(1) }),
    risk: z.strictObject({
      /** Money above this raises the lane to explicit, at `amountTier`. */
      amountLimit: z.number().nonnegative(),
      amountTier: tier,
      customerFacingTier: tier,
      irreversibleTier: tier,
    }),
    timeouts: z.strictObject({ review: laneTimeout, explicit: laneTimeout, triage: laneTimeout }),
    executor: z.enum(EXECUTORS),
  })
  .refine((p) => p.thresholds.review <= p.thresholds.auto, {
    message: 'the review threshold cannot be above the auto threshold',
    path: ['thresholds', 'review'],
  });
export type ActionPolicy = z.infer<typeof actionPolicy>;

/** `review` sends what would execute on its own to a person; `block` refuses it outright. */
export const killMode = z.enum(['review', 'block']);
export type KillMode = z.infer<typeof killMode>;

export const killSwitches = z.strictObject({
  global: killMode.nullable(),
  actionTypes: z.record(actionType, killMode),
  agents: z.record(z.string().min(1).max(64), killMode),
});
export type KillSwitches = z.infer<typeof killSwitches>;

export const policy = z.strictObject({
  defaults: actionPolicy,
  actionTypes: z.record(actionType, actionPolicy),
  /** Tiers at which an approval needs two distinct approvers. */
  twoApprovers: z.strictObject({ rep: z.boolean(), manager: z.boolean(), admin: z.boolean() }),
  killSwitches,
});
export type Policy = z.infer<typeof policy>;

/** The policy as admins edit it: kill switches are flipped one by one, with a reason, on their own. */
export const policyEdit = policy.omit({ killSwitches: true });
export type PolicyEdit = z.infer<typeof policyEdit>;

/** A policy's editable part: all but its kill switches. */
export const rulesOf = ({ killSwitches: _, ...rules }: Policy): PolicyEdit => rules;

const HOUR = 3600;

export const DEFAULT_ACTION_POLICY: ActionPolicy = {
  thresholds: { auto: 0.9, review: 0.7 },
  risk: { amountLimit: 1000, amountTier: 'manager', customerFacingTier: 'rep', irreversibleTier: 'rep' },
  timeouts: {
    review: { seconds: 24 * HOUR, action: 'reject' },
    explicit: { seconds: 4 * HOUR, action: 'escalate' },
    triage: { seconds: 24 * HOUR, action: 'escalate' },
  },
  executor: 'agent',
};

export const DEFAULT_POLICY: Policy = {
  defaults: DEFAULT_ACTION_POLICY,
  actionTypes: {},
  twoApprovers: { rep: false, manager: false, admin: false },
  killSwitches: { global: null, actionTypes: {}, agents: {} },
};

export function actionPolicyFor(p: Policy, type: string): ActionPolicy {
  return p.actionTypes[type] ?? p.defaults;
}
