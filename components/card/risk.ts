import type { CachedSuggestion } from '../../lib/hooks/types';
import { decisionRights, type Decider } from '../../lib/policy/may-decide';
import { DEFAULT_ACTION_POLICY } from '../../lib/schemas/policy';
import { formatMoney } from '../../lib/text/format';
import { isExpired } from './card-state';

/** The money an item moves: the refund amount, else the impact's amount. */
export const amountOf = (s: CachedSuggestion): number | undefined => s.changeSet.amount ?? s.impact.amount;

/**
 * What makes an item risky, in words. The panel does not know the admin's policy, so the amount is measured against
 * the default limit; the lane, which the server's policy decided, is what gates batch approval.
 */
export function riskFlags(s: CachedSuggestion): string[] {
  const flags: string[] = [];
  const amount = amountOf(s);
  if (amount !== undefined && amount > DEFAULT_ACTION_POLICY.risk.amountLimit) {
    flags.push(`${formatMoney(amount, s.impact.currency)} at stake`);
  }
  if (s.impact.customerFacing) flags.push('Customer-facing');
  if (!s.impact.reversible) flags.push('Irreversible');
  if (s.routingReason.rule.startsWith('risk') && flags.length === 0) flags.push('Raised by a risk rule');
  return flags;
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

/** The ones Shift+A selects: batchable and with nothing that makes them risky. Outliers stay for one-by-one review. */
export function isLowRisk(s: CachedSuggestion, now: number, user: Decider): boolean {
  return isBatchable(s, now, user) && riskFlags(s).length === 0;
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
