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
  const timeout = timeoutFor(proposal, ap.timeouts[lane], {
    killSwitch: kill !== null,
    twoApprovers: policy.twoApprovers[tier],
  });
  if (timeout.refused) reason = { ...reason, detail: `${reason.detail}; ${timeout.refused}` };
  return { lane, tier, timeoutSeconds: timeout.seconds, timeoutAction: timeout.action, reason };
}

/**
 * When and how a waiting item times out: the policy's timeout for its lane, or the proposal's overrides within what
 * the policy allows. A timeout approves only where the policy itself approves on timeout, no kill switch applies and
 * the tier needs one approver, never sooner than the policy's own timeout: an agent cannot turn a wait for a person
 * into a delayed automatic approval. What was not allowed is said in `refused`.
 */
function timeoutFor(
  proposal: Pick<Proposal, 'timeoutSeconds' | 'timeoutAction'>,
  policy: { seconds: number; action: TimeoutAction },
  guard: { killSwitch: boolean; twoApprovers: boolean },
): { seconds: number; action: TimeoutAction; refused: string | null } {
  const unsafe = guard.killSwitch
    ? 'a kill switch applies'
    : guard.twoApprovers
      ? 'the tier needs two approvers'
      : policy.action !== 'approve'
        ? `the policy's timeout action here is ${policy.action}`
        : null;
  let action = proposal.timeoutAction ?? policy.action;
  let seconds = proposal.timeoutSeconds ?? policy.seconds;
  const refused: string[] = [];
  if (action === 'approve' && unsafe) {
    action = policy.action === 'approve' ? 'reject' : policy.action;
    refused.push(`no approval on timeout (${unsafe}): ${action} instead`);
  }
  if (action === 'approve' && seconds < policy.seconds) {
    seconds = policy.seconds;
    refused.push(`an approval on timeout waits the policy's ${policy.seconds} s at least`);
  }
  return { seconds, action, refused: refused.length > 0 ? refused.join('; ') : null };
}
