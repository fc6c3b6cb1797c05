import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { approvalOf } from '../../lib/policy/approval';
import { decisionRights } from '../../lib/policy/may-decide';
import type { DecisionInput } from '../../lib/schemas/decision';
import { DEFAULT_POLICY, type Policy } from '../../lib/schemas/policy';
import { decide } from '../../server/services/decisions';
import { updatePolicy } from '../../server/services/policy';
import { getSuggestion, propose } from '../../server/services/suggestions';
import { backends, openCastEnv, type CastEnv } from '../helpers/backends';
import { dealProposal } from '../helpers/people';

// The extension's side of a second approval against the server's: what the panel sends when the second approver
// presses `a` (approvalOf, from the first approver's change set it shows) is approved, whatever the first did.

const editable = ({ killSwitches: _, ...rest }: Policy) => rest;

describe.each(await backends())('a second approval from the panel on $name', (backend) => {
  let env: CastEnv;
  beforeAll(async () => {
    env = await openCastEnv(backend);
    const { admin } = env.people;
    await updatePolicy(
      env.deps,
      admin.actor,
      editable({ ...DEFAULT_POLICY, twoApprovers: { ...DEFAULT_POLICY.twoApprovers, rep: true } }),
    );
  });
  afterAll(() => env.close());

  const firsts: [string, DecisionInput][] = [
    ['approves it as proposed', { kind: 'approve' }],
    ['edits a value', { kind: 'modify', changes: [{ field: 'dealstage', to: 'Closed Won' }] }],
    ['keeps one change of two', { kind: 'partial', changes: [{ field: 'dealstage' }] }],
  ];

  it.each(firsts)('approves what the first approver approved when the first %s', async (_, first) => {
    const { agent, rep, rep2 } = env.people;
    const changes = [
      { field: 'dealstage', label: 'Stage', from: 'Negotiation', to: 'Closed Lost' },
      { field: 'owner', label: 'Owner', from: 'Dana', to: 'Raj' },
    ];
    const s = (await propose(env.deps, agent.actor, dealProposal({ changes }))).body;
    await decide(env.deps, rep.actor, s.id, first);
    const seen = await getSuggestion(env.deps, rep2.actor, s.id);
    expect(decisionRights(rep.actor, seen)).toMatchObject({ approve: false, why: 'first_approver' });
    expect(decisionRights(rep2.actor, seen).approve).toBe(true);
    const second = await decide(env.deps, rep2.actor, s.id, approvalOf(seen.changeSet, seen.firstApproval!.changeSet));
    expect([second.body.status, second.body.finalHash]).toEqual(['approved', seen.firstApproval!.hash]);
  });
});
