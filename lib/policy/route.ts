import type { Lane, Tier, TimeoutAction } from '../schemas/common';
import { tierRank } from '../schemas/common';
import { actionPolicyFor, type KillMode, type Policy } from '../schemas/policy';
import type { Proposal, RoutingReason } from '../schemas/suggestion';

export interface Route {
  lane: Lane;
  tier: Tier;
  /** Null for lanes nobody waits on (auto, blocked). */
  timeoutSeconds: number | null;
  timeoutAction: TimeoutAction | null;
  reason: RoutingReason;
}

type RoutedProposal = Pick<Proposal, 'type' | 'confidence' | 'impact' | 'amount' | 'timeoutSeconds' | 'timeoutAction'>;

const higher = (a: Tier, b: Tier): Tier => (tierRank(a) >= tierRank(b) ? a : b);
const money = (n: number) => n.toLocaleString('en-US', { maximumFractionDigits: 2 });

/** The kill switch that applies to a proposal, `block` winning over `review`. */
function killSwitchFor(p: Policy, type: string, agentId: string): { mode: KillMode; scope: string } | null {
  const hits = [
    p.killSwitches.global && { mode: p.killSwitches.global, scope: 'global' },
    p.killSwitches.actionTypes[type] && { mode: p.killSwitches.actionTypes[type], scope: `action type ${type}` },
    p.killSwitches.agents[agentId] && { mode: p.killSwitches.agents[agentId], scope: `agent ${agentId}` },
  ].filter((h): h is { mode: KillMode; scope: string } => Boolean(h));
  return hits.find((h) => h.mode === 'block') ?? hits[0] ?? null;
}

/** The money a proposal moves: the refund amount, else the impact's amount. */
export function amountOf(p: Pick<Proposal, 'amount' | 'impact'>): number {
  return p.amount ?? p.impact.amount ?? 0;
}

/**
 * Routes a proposal: kill switches first, then the confidence thresholds of its action type, then the risk rules,
 * which raise auto and review to explicit and raise the tier. The reason names what decided the lane.
 */
export function route(policy: Policy, proposal: RoutedProposal, agentId: string): Route {
  const ap = actionPolicyFor(policy, proposal.type);
  const kill = killSwitchFor(policy, proposal.type, agentId);
  if (kill?.mode === 'block') {
    return {
      lane: 'blocked',
      tier: 'rep',
      timeoutSeconds: null,
      timeoutAction: null,
      reason: { rule: 'kill_switch', detail: `kill switch (${kill.scope}) blocks new proposals` },
    };
  }

  const { auto, review } = ap.thresholds;
  const c = proposal.confidence;
  let lane: Lane = c >= auto ? 'auto' : c >= review ? 'review' : 'triage';
  let reason: RoutingReason =
    lane === 'auto'
      ? { rule: 'threshold.auto', detail: `confidence ${c} ≥ auto threshold ${auto}` }
      : lane === 'review'
        ? { rule: 'threshold.review', detail: `confidence ${c} ≥ review threshold ${review}, below auto ${auto}` }
        : { rule: 'threshold.triage', detail: `confidence ${c} below review threshold ${review}` };
  let tier: Tier = 'rep';

  const risks: { rule: string; detail: string; tier: Tier }[] = [];
  const amount = amountOf(proposal);
  if (amount > ap.risk.amountLimit) {
    risks.push({
      rule: 'risk.amount',
      detail: `amount ${money(amount)} over the limit of ${money(ap.risk.amountLimit)}`,
      tier: ap.risk.amountTier,
    });
  }
  if (proposal.impact.customerFacing) {
    risks.push({ rule: 'risk.customer_facing', detail: 'customer-facing', tier: ap.risk.customerFacingTier });
  }
  if (!proposal.impact.reversible) {
    risks.push({ rule: 'risk.irreversible', detail: 'irreversible', tier: ap.risk.irreversibleTier });
  }
  if (risks.length > 0) {
    tier = risks.reduce<Tier>((t, r) => higher(t, r.tier), 'rep');
    const detail = `${risks.map((r) => r.detail).join('; ')} → ${tier} tier`;
    const rule = risks.map((r) => r.rule).join('+');
    if (lane !== 'triage') {
      lane = 'explicit';
      reason = { rule, detail: `${detail}, explicit approval` };
    } else {
      reason = { rule: `${reason.rule}+${rule}`, detail: `${reason.detail}; ${detail}` };
    }
  }

  if (lane === 'auto' && kill?.mode === 'review') {
    lane = 'review';
    reason = { rule: 'kill_switch', detail: `kill switch (${kill.scope}) sends it to review; ${reason.detail}` };
  }

  if (lane === 'auto') {
    return { lane, tier, timeoutSeconds: null, timeoutAction: null, reason };
  }
  const t = ap.timeouts[lane];
  return {
    lane,
    tier,
    timeoutSeconds: proposal.timeoutSeconds ?? t.seconds,
    timeoutAction: proposal.timeoutAction ?? t.action,
    reason,
  };
}
