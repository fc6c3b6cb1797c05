import { describe, expect, it } from 'vitest';
import { DEFAULT_POLICY, type Policy } from '../schemas/policy';
import { proposalInput, type ProposalInput } from '../schemas/suggestion';
import { route } from './route';

const record = { crm: 'hubspot', objectType: 'deal', id: '456' };
const base = (over: Partial<ProposalInput>) =>
  proposalInput.parse({ type: 'stage_change', record, confidence: 0.8, ...over });

const withKill = (k: Partial<Policy['killSwitches']>): Policy => ({
  ...DEFAULT_POLICY,
  killSwitches: { ...DEFAULT_POLICY.killSwitches, ...k },
});

const HOUR = 3600;

describe('route with the default policy', () => {
  const cases: {
    name: string;
    input: Partial<ProposalInput>;
    policy?: Policy;
    agent?: string;
    lane: string;
    tier: string;
    rule: string;
    timeout: [number, string] | null;
  }[] = [
    {
      name: 'high confidence, reversible, internal, small: auto',
      input: { confidence: 0.95 },
      lane: 'auto',
      tier: 'rep',
      rule: 'threshold.auto',
      timeout: null,
    },
    {
      name: 'exactly the auto threshold is auto',
      input: { confidence: 0.9 },
      lane: 'auto',
      tier: 'rep',
      rule: 'threshold.auto',
      timeout: null,
    },
    {
      name: 'between thresholds: review, 24 h then reject',
      input: { confidence: 0.82 },
      lane: 'review',
      tier: 'rep',
      rule: 'threshold.review',
      timeout: [24 * HOUR, 'reject'],
    },
    {
      name: 'exactly the review threshold is review',
      input: { confidence: 0.7 },
      lane: 'review',
      tier: 'rep',
      rule: 'threshold.review',
      timeout: [24 * HOUR, 'reject'],
    },
    {
      name: 'low confidence: triage, 24 h then escalate',
      input: { confidence: 0.42 },
      lane: 'triage',
      tier: 'rep',
      rule: 'threshold.triage',
      timeout: [24 * HOUR, 'escalate'],
    },
    {
      name: 'seed: a $49.99 refund at 0.87 (irreversible) is explicit at the rep tier',
      input: { type: 'refund', confidence: 0.87, amount: 49.99, impact: { customerFacing: false, reversible: false } },
      lane: 'explicit',
      tier: 'rep',
      rule: 'risk.irreversible',
      timeout: [4 * HOUR, 'escalate'],
    },
    {
      name: 'seed: a stage change on a $2M deal at 0.95 is explicit at the manager tier',
      input: { confidence: 0.95, impact: { amount: 2_000_000, customerFacing: false, reversible: true } },
      lane: 'explicit',
      tier: 'manager',
      rule: 'risk.amount',
      timeout: [4 * HOUR, 'escalate'],
    },
    {
      name: 'seed: a customer-facing email at 0.97 is explicit at the rep tier',
      input: { type: 'email_draft', confidence: 0.97, impact: { customerFacing: true, reversible: false } },
      lane: 'explicit',
      tier: 'rep',
      rule: 'risk.customer_facing+risk.irreversible',
      timeout: [4 * HOUR, 'escalate'],
    },
    {
      name: 'an amount of exactly 1,000 may still go auto',
      input: { type: 'refund', confidence: 0.95, amount: 1000 },
      lane: 'auto',
      tier: 'rep',
      rule: 'threshold.auto',
      timeout: null,
    },
    {
      name: 'risk on a triage item raises the tier and keeps triage',
      input: { confidence: 0.5, impact: { amount: 5000, customerFacing: false, reversible: true } },
      lane: 'triage',
      tier: 'manager',
      rule: 'threshold.triage+risk.amount',
      timeout: [24 * HOUR, 'escalate'],
    },
    {
      name: 'seed: kill switch on (review) sends what would be auto to review',
      input: { confidence: 0.99 },
      policy: withKill({ actionTypes: { stage_change: 'review' } }),
      lane: 'review',
      tier: 'rep',
      rule: 'kill_switch',
      timeout: [24 * HOUR, 'reject'],
    },
    {
      name: 'kill switch (block) blocks whatever the confidence',
      input: { confidence: 0.99 },
      policy: withKill({ global: 'block' }),
      lane: 'blocked',
      tier: 'rep',
      rule: 'kill_switch',
      timeout: null,
    },
    {
      name: 'agent kill switch applies to that agent only',
      input: { confidence: 0.99 },
      policy: withKill({ agents: { other: 'block' } }),
      lane: 'auto',
      tier: 'rep',
      rule: 'threshold.auto',
      timeout: null,
    },
    {
      name: 'agent kill switch blocks its agent',
      input: { confidence: 0.99 },
      policy: withKill({ agents: { 'agent-1': 'block' } }),
      lane: 'blocked',
      tier: 'rep',
      rule: 'kill_switch',
      timeout: null,
    },
    {
      name: 'a blocking kill switch wins over a reviewing one',
      input: { confidence: 0.99 },
      policy: withKill({ global: 'review', agents: { 'agent-1': 'block' } }),
      lane: 'blocked',
      tier: 'rep',
      rule: 'kill_switch',
      timeout: null,
    },
    {
      name: 'the proposal overrides timeout and timeout action',
      input: { confidence: 0.8, timeoutSeconds: 300, timeoutAction: 'escalate' },
      lane: 'review',
      tier: 'rep',
      rule: 'threshold.review',
      timeout: [300, 'escalate'],
    },
  ];

  it.each(cases)('$name', (c) => {
    const r = route(c.policy ?? DEFAULT_POLICY, base(c.input), c.agent ?? 'agent-1');
    expect(r.lane).toBe(c.lane);
    expect(r.tier).toBe(c.tier);
    expect(r.reason.rule).toBe(c.rule);
    expect(r.reason.detail.length).toBeGreaterThan(0);
    expect(r.timeoutSeconds === null ? null : [r.timeoutSeconds, r.timeoutAction]).toEqual(c.timeout);
  });

  describe('timeout overrides', () => {
    const approving = (over: Partial<Policy> = {}): Policy => ({
      ...DEFAULT_POLICY,
      defaults: {
        ...DEFAULT_POLICY.defaults,
        timeouts: { ...DEFAULT_POLICY.defaults.timeouts, review: { seconds: HOUR, action: 'approve' } },
      },
      ...over,
    });
    const timeoutOf = (r: ReturnType<typeof route>) => [r.timeoutSeconds, r.timeoutAction];

    it("does not let an agent turn a person's decision into an approval on timeout", () => {
      const r = route(DEFAULT_POLICY, base({ timeoutSeconds: 60, timeoutAction: 'approve' }), 'a');
      expect(timeoutOf(r)).toEqual([60, 'reject']);
      expect(r.reason.detail).toContain("no approval on timeout (the policy's timeout action here is reject)");
    });

    it('keeps a large, irreversible, customer-facing refund waiting for a manager, whatever the agent asks', () => {
      const refund = base({
        type: 'refund',
        confidence: 0.99,
        amount: 48_000,
        impact: { customerFacing: true, reversible: false },
        timeoutSeconds: 1,
        timeoutAction: 'approve',
      });
      const r = route(DEFAULT_POLICY, refund, 'a');
      expect([r.lane, r.tier, ...timeoutOf(r)]).toEqual(['explicit', 'manager', 1, 'escalate']);
    });

    it('lets an agent ask for an approval on timeout where the policy gives one, but not sooner', () => {
      expect(timeoutOf(route(approving(), base({ timeoutAction: 'approve', timeoutSeconds: 60 }), 'a'))).toEqual([
        HOUR,
        'approve',
      ]);
      expect(timeoutOf(route(approving(), base({ timeoutSeconds: 2 * HOUR }), 'a'))).toEqual([2 * HOUR, 'approve']);
      expect(timeoutOf(route(approving(), base({ timeoutAction: 'reject', timeoutSeconds: 60 }), 'a'))).toEqual([
        60,
        'reject',
      ]);
    });

    it("refuses the policy's own approval on timeout under a kill switch or where two must approve", () => {
      const killed = route(
        approving({ killSwitches: { ...DEFAULT_POLICY.killSwitches, global: 'review' } }),
        base({}),
        'a',
      );
      expect(timeoutOf(killed)).toEqual([HOUR, 'reject']);
      expect(killed.reason.detail).toContain('a kill switch applies');
      const fourEyes = route(approving({ twoApprovers: { rep: true, manager: false, admin: false } }), base({}), 'a');
      expect(timeoutOf(fourEyes)).toEqual([HOUR, 'reject']);
      expect(fourEyes.reason.detail).toContain('the tier needs two approvers');
    });
  });

  it('uses per-action-type thresholds when the policy has them', () => {
    const policy: Policy = {
      ...DEFAULT_POLICY,
      actionTypes: { lead_routing: { ...DEFAULT_POLICY.defaults, thresholds: { auto: 0.6, review: 0.4 } } },
    };
    expect(route(policy, base({ type: 'lead_routing', confidence: 0.65 }), 'a').lane).toBe('auto');
    expect(route(policy, base({ type: 'stage_change', confidence: 0.65 }), 'a').lane).toBe('triage');
  });
});
