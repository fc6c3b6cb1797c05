import type { CachedSuggestion } from '../../lib/hooks/types';
import { decisionRights, type Decider } from '../../lib/policy/may-decide';
import { actionPolicyFor, DEFAULT_POLICY, type Policy } from '../../lib/schemas/policy';
import { formatMoney } from '../../lib/text/format';
import { isExpired } from './card-state';

/** The money an item moves: the refund amount, else the impact's amount. */
export const amountOf = (s: CachedSuggestion): number | undefined => s.changeSet.amount ?? s.impact.amount;

export interface RiskView {
  /** What makes the item risky, in words; none: low risk. */
  flags: string[];
  /** The amount limit the item was measured against: the policy in force for its action type, else the default. */
  amountLimit: number;
  /**
   * The item moves money and the policy in force is not known (loading, offline), so its amount was measured against
   * the default limit: the panel does not call it low risk, nor select it with the low-risk ones.
   */
  provisional: boolean;
}

/**
 * What makes an item risky, measured against `policy`, the policy in force (null while it is not known: the default
 * then). The lane, which the server's policy decided, is what gates batch approval.
 */
export function assessRisk(s: CachedSuggestion, policy: Policy | null): RiskView {
  const amountLimit = actionPolicyFor(policy ?? DEFAULT_POLICY, s.type).risk.amountLimit;
  const flags: string[] = [];
  const amount = amountOf(s);
  if (amount !== undefined && amount > amountLimit) {
    flags.push(`${formatMoney(amount, s.impact.currency)} at stake`);
  }
  if (s.impact.customerFacing) flags.push('Customer-facing');
  if (!s.impact.reversible) flags.push('Irreversible');
  if (s.routingReason.rule.startsWith('risk') && flags.length === 0) flags.push('Raised by a risk rule');
  return { flags, amountLimit, provisional: policy === null && amount !== undefined };
}

/** Open on the server, not decided here, not past its timeout. */
export function isDecidable(s: CachedSuggestion, now: number): boolean {
  return s.status === 'pending' && !s.local && !isExpired(s, now);
}

/**
 * Only review-lane items are approved in a batch, and only those `user` may approve; explicit and triage items are
 * decided one by one.
 */
export function isBatchable(s: CachedSuggestion, now: number, user: Decider): boolean {
  return isDecidable(s, now) && s.lane === 'review' && decisionRights(user, s).approve;
}

/**
 * The ones Shift+A selects: batchable and with nothing that makes them risky under `policy` (see `assessRisk`).
 * Outliers, and items whose amount the policy in force has not been checked against, stay for one-by-one review.
 */
export function isLowRisk(s: CachedSuggestion, now: number, user: Decider, policy: Policy | null): boolean {
  if (!isBatchable(s, now, user)) return false;
  const risk = assessRisk(s, policy);
  return risk.flags.length === 0 && !risk.provisional;
}

/** The policy asks for a reason on every approval in the explicit lane. */
export const needsReason = (s: CachedSuggestion): boolean => s.lane === 'explicit';

/** Modify needs something to edit; partial needs more than one change or an amount to lower. */
export const canModify = (s: CachedSuggestion): boolean =>
  s.changeSet.changes.length > 0 || s.changeSet.draft !== undefined || s.changeSet.amount !== undefined;
export const canPartial = (s: CachedSuggestion): boolean =>
  s.changeSet.changes.length > 1 || (s.changeSet.amount !== undefined && s.changeSet.amount > 0);
export const canEscalate = (s: CachedSuggestion): boolean => s.tier !== 'admin';
export const canDismiss = (s: CachedSuggestion): boolean => s.type === 'risk_alert';
