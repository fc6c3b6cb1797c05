import { PRIORITIES, tierRank } from '../schemas/common';
import type { Suggestion } from '../schemas/suggestion';
import { describeAction } from '../text/describe-action';

// The rules of the popup's alert list and of the badge, on suggestions alone: the background counts and sorts the
// cache by them, and the popup shows an item's risk in the same words.

const MANAGER = tierRank('manager');

/** On the popup's list: a risk alert, or any item escalated (or routed) to the manager tier or above. */
export function isAlertItem(s: Suggestion): boolean {
  return s.type === 'risk_alert' || tierRank(s.tier) >= MANAGER;
}

/**
 * High-risk, the badge's rule: a risk alert at high or urgent priority or in the explicit lane, or anything at the
 * manager tier or above (the policy raised it there for its amount, or a person escalated it).
 */
export function isHighRisk(s: Suggestion): boolean {
  const urgentAlert =
    s.type === 'risk_alert' && (s.priority === 'high' || s.priority === 'urgent' || s.lane === 'explicit');
  return urgentAlert || tierRank(s.tier) >= MANAGER;
}

/**
 * Critical, the notification's rule: a risk alert at urgent priority, or an item the server's policy routed for its
 * amount (`risk.amount` in the routing rule: over the limit in force when it was proposed). The routing rule is used
 * rather than the policy itself so the background needs no policy fetch to decide.
 */
export function isCritical(s: Suggestion): boolean {
  if (s.type === 'risk_alert' && s.priority === 'urgent') return true;
  return s.routingReason.rule.split('+').includes('risk.amount');
}

/** The money an item moves: the refund amount, else the impact's amount. */
export const amountOf = (s: Suggestion): number => s.changeSet.amount ?? s.impact.amount ?? 0;

const time = (iso: string | null) => (iso === null ? Number.POSITIVE_INFINITY : Date.parse(iso));

/**
 * The popup's order, highest risk first: high-risk items (see `isHighRisk`) before the rest, each by priority
 * (urgent first); then the larger amount; then the sooner timeout; then the older item.
 */
export function compareAlerts(a: Suggestion, b: Suggestion): number {
  return (
    Number(isHighRisk(b)) - Number(isHighRisk(a)) ||
    PRIORITIES.indexOf(b.priority) - PRIORITIES.indexOf(a.priority) ||
    amountOf(b) - amountOf(a) ||
    time(a.expiresAt) - time(b.expiresAt) ||
    time(a.createdAt) - time(b.createdAt) ||
    a.id.localeCompare(b.id)
  );
}

/** The alert in one line, as plain text: the first reason of a risk alert, else the action in words. */
export function alertLine(s: Suggestion): string {
  if (s.type === 'risk_alert') return s.reasons[0] ?? 'Flagged as at risk';
  return describeAction(s);
}
