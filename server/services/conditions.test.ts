import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DEFAULT_POLICY } from '../../lib/schemas/policy';
import { backends, openCastEnv, type CastEnv } from '../../test/helpers/backends';
import { dealProposal, type Cast } from '../../test/helpers/people';
import { decide } from './decisions';
import { resolveCondition } from './follow-ups';
import { updatePolicy } from './policy';
import { getSuggestion, propose } from './suggestions';
import { sweepTimeouts } from './timeouts';

// A conditional approval is approved only once its condition is confirmed. At a tier that needs two approvers, the
// first approver's condition holds whatever the second sends; an escalation drops it with the approvals.

describe.each(await backends())("a first approver's condition on $name", (backend) => {
  let env: CastEnv;
  let people: Cast;
  beforeAll(async () => {
    env = await openCastEnv(backend);
    people = env.people;
    // Rep-tier items need two approvers; stage changes execute through the webhook, so a hand-over is visible.
    const { killSwitches: _, ...editable } = DEFAULT_POLICY;
    await updatePolicy(env.deps, people.admin.actor, {
      ...editable,
      twoApprovers: { ...DEFAULT_POLICY.twoApprovers, rep: true },
      actionTypes: { stage_change: { ...DEFAULT_POLICY.defaults, executor: 'webhook' } },
    });
  });
  afterAll(() => env.close());

  const condition = 'the customer confirms the address';
  const proposeAs = async (over: Record<string, unknown> = {}) =>
    (await propose(env.deps, people.agent.actor, dealProposal(over))).body;
  const outbox = (id: string) =>
    env.deps.db.selectFrom('webhook_outbox').selectAll().where('suggestion_id', '=', id).executeTakeFirst();
  /** An item the first approver (Dana) approved on `condition`: pending, waiting for a second approver. */
  const approvedOnCondition = async (over: Record<string, unknown> = {}) => {
    const s = await proposeAs(over);
    const first = await decide(env.deps, people.rep.actor, s.id, { kind: 'conditional', condition });
    expect([first.body.status, first.body.condition]).toEqual(['pending', condition]);
    return first.body;
  };

  it("waits for the first approver's condition when the second approves plainly", async () => {
    const s = await approvedOnCondition();

    const second = await decide(env.deps, people.rep2.actor, s.id, { kind: 'approve' });

    expect([second.body.status, second.body.condition]).toEqual(['awaiting_condition', condition]);
    expect(second.body.expiresAt).toBe(s.expiresAt);
    expect(await outbox(s.id)).toBeUndefined();
    const confirmed = await resolveCondition(env.deps, people.rep.actor, s.id, { confirmed: true });
    expect(confirmed.body.status).toBe('approved');
    expect(await outbox(s.id)).toMatchObject({ state: 'pending' });
  });

  it('refuses a second approval on another condition, and changes nothing', async () => {
    const s = await approvedOnCondition();

    const refused = decide(env.deps, people.rep2.actor, s.id, {
      kind: 'conditional',
      condition: 'the champion signs off',
    });

    await expect(refused).rejects.toMatchObject({
      code: 'CONFLICT',
      status: 409,
      message: expect.stringContaining('the first approver set another condition'),
    });
    const after = await getSuggestion(env.deps, people.rep2.actor, s.id);
    expect([after.status, after.version, after.condition]).toEqual(['pending', s.version, condition]);
    expect(after.decisions.map((d) => d.kind)).toEqual(['conditional']);
    expect(await outbox(s.id)).toBeUndefined();
  });

  it('waits for the condition when the second approver sets the same one', async () => {
    const s = await approvedOnCondition();

    const second = await decide(env.deps, people.rep2.actor, s.id, { kind: 'conditional', condition });

    expect([second.body.status, second.body.condition]).toEqual(['awaiting_condition', condition]);
    expect(await outbox(s.id)).toBeUndefined();
  });

  it("waits for the second approver's condition when the first approved plainly", async () => {
    const s = await proposeAs();
    await decide(env.deps, people.rep.actor, s.id, { kind: 'approve' });

    const second = await decide(env.deps, people.rep2.actor, s.id, { kind: 'conditional', condition });

    expect([second.body.status, second.body.condition]).toEqual(['awaiting_condition', condition]);
    expect(await outbox(s.id)).toBeUndefined();
  });

  it('drops the condition of an item awaiting it when a person escalates it', async () => {
    const s = await approvedOnCondition();
    await decide(env.deps, people.rep2.actor, s.id, { kind: 'approve' });

    const escalated = await decide(env.deps, people.rep.actor, s.id, { kind: 'escalate', note: 'too big for us' });

    expect(escalated.body).toMatchObject({ status: 'pending', tier: 'manager', condition: null, firstApproval: null });
    const approved = await decide(env.deps, people.manager.actor, s.id, { kind: 'approve' });
    expect([approved.body.status, approved.body.condition]).toEqual(['approved', null]);
  });

  it("drops a first approver's condition when the item escalates on its timeout", async () => {
    const s = await approvedOnCondition({ timeoutSeconds: 60, timeoutAction: 'escalate' });
    env.clock.advance(60_000);

    expect(await sweepTimeouts(env.deps)).toBeGreaterThanOrEqual(1);

    const escalated = await getSuggestion(env.deps, people.manager.actor, s.id);
    expect(escalated).toMatchObject({ status: 'pending', tier: 'manager', condition: null, firstApproval: null });
  });
});
