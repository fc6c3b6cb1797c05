import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DEFAULT_POLICY, type Policy } from '../../lib/schemas/policy';
import { backends, openCastEnv, type CastEnv } from '../../test/helpers/backends';
import { dealProposal, person, type Cast, type Person } from '../../test/helpers/people';
import { decide } from './decisions';
import { reportOutcome } from './follow-ups';
import { readPolicy, setKillSwitch, updatePolicy } from './policy';
import { changesSince, getSuggestion, listSuggestions, propose } from './suggestions';
import { authenticate, createUser, createUserWithToken, issueToken, revokeToken } from './users';

/** The editable part of a policy: kill switches are flipped on their own. */
const editable = ({ killSwitches: _, ...rest }: Policy) => rest;

describe.each(await backends())('roles and tiers on $name', (backend) => {
  let env: CastEnv;
  let p: Cast;
  let eastRep: Person;
  beforeAll(async () => {
    env = await openCastEnv(backend);
    p = env.people;
    eastRep = await person(env.deps, 'Eve', 'rep', 'east');
  });
  afterAll(() => env.close());

  const proposeAs = async (who: Person, over: Record<string, unknown> = {}) =>
    (await propose(env.deps, who.actor, dealProposal(over))).body;
  const rejects = (promise: Promise<unknown>, code: string) => expect(promise).rejects.toMatchObject({ code });

  it('lets no agent decide', async () => {
    const s = await proposeAs(p.agent);
    await rejects(decide(env.deps, p.agent.actor, s.id, { kind: 'approve' }), 'FORBIDDEN');
  });

  it('lets no one approve what they proposed, though they may reject it', async () => {
    const s = await proposeAs(p.admin);
    await rejects(decide(env.deps, p.admin.actor, s.id, { kind: 'approve' }), 'FORBIDDEN');
    const r = await decide(env.deps, p.admin.actor, s.id, { kind: 'reject', note: 'withdrawn' });
    expect(r.body.status).toBe('rejected');
  });

  it('gives managers the manager tier and below, admins everything', async () => {
    const managerItem = await proposeAs(p.agent, {
      impact: { amount: 50_000, customerFacing: false, reversible: true },
    });
    expect(managerItem.tier).toBe('manager');
    await rejects(decide(env.deps, p.rep.actor, managerItem.id, { kind: 'approve', note: 'x' }), 'FORBIDDEN');
    const e = await decide(env.deps, p.manager.actor, managerItem.id, { kind: 'escalate', note: 'too big for me' });
    expect(e.body).toMatchObject({ tier: 'admin', status: 'pending' });
    await rejects(decide(env.deps, p.manager.actor, managerItem.id, { kind: 'approve', note: 'x' }), 'FORBIDDEN');
    await rejects(decide(env.deps, p.admin.actor, managerItem.id, { kind: 'escalate', note: 'up' }), 'BAD_INPUT');
    const a = await decide(env.deps, p.admin.actor, managerItem.id, { kind: 'approve', note: 'signed off' });
    expect(a.body.status).toBe('approved');
  });

  it('keeps assigned items to their assignee or team, and hides them from other reps', async () => {
    const toWest = await proposeAs(p.agent, { assignee: { team: 'west' } });
    const toRaj = await proposeAs(p.agent, { assignee: { userId: p.rep2.actor.id } });
    await rejects(getSuggestion(env.deps, eastRep.actor, toWest.id), 'NOT_FOUND');
    await rejects(decide(env.deps, eastRep.actor, toWest.id, { kind: 'approve' }), 'NOT_FOUND');
    await rejects(decide(env.deps, p.rep.actor, toRaj.id, { kind: 'approve' }), 'NOT_FOUND');
    const listed = await listSuggestions(env.deps, eastRep.actor, { limit: 100 });
    expect(listed.items.map((s) => s.id)).not.toContain(toWest.id);
    expect((await decide(env.deps, p.rep.actor, toWest.id, { kind: 'approve' })).body.status).toBe('approved');
    expect((await decide(env.deps, p.rep2.actor, toRaj.id, { kind: 'approve' })).body.status).toBe('approved');
  });

  it('lets an agent see and report on its own proposals only', async () => {
    const other = await person(env.deps, 'Other Bot', 'agent');
    const s = await proposeAs(p.agent, { confidence: 0.95 });
    await rejects(getSuggestion(env.deps, other.actor, s.id), 'NOT_FOUND');
    await rejects(reportOutcome(env.deps, other.actor, s.id, { ok: true }), 'NOT_FOUND');
    expect((await reportOutcome(env.deps, p.agent.actor, s.id, { ok: false, detail: 'CRM said 409' })).status).toBe(
      'failed',
    );
    await rejects(reportOutcome(env.deps, p.agent.actor, s.id, { ok: true }), 'CONFLICT');
  });

  it('requires two distinct approvers where the tier says so', async () => {
    await updatePolicy(
      env.deps,
      p.admin.actor,
      editable({ ...DEFAULT_POLICY, twoApprovers: { rep: true, manager: false, admin: false } }),
    );
    try {
      const s = await proposeAs(p.agent);
      expect(s.firstApproval).toBeNull();
      const first = await decide(env.deps, p.rep.actor, s.id, { kind: 'approve' });
      expect(first.body.status).toBe('pending');
      expect(first.body.firstApproval).toMatchObject({ by: { id: p.rep.actor.id, name: 'Dana' } });
      await rejects(decide(env.deps, p.rep.actor, s.id, { kind: 'approve' }), 'FORBIDDEN');
      const second = await decide(env.deps, p.rep2.actor, s.id, { kind: 'approve' });
      expect(second.body.status).toBe('approved');
      expect(second.body.decisions.map((d) => d.by.name)).toEqual(['Dana', 'Raj']);

      const edited = await proposeAs(p.agent);
      await decide(env.deps, p.rep.actor, edited.id, {
        kind: 'modify',
        changes: [{ field: 'dealstage', to: 'Closed Won' }],
      });
      await rejects(decide(env.deps, p.rep2.actor, edited.id, { kind: 'approve' }), 'CONFLICT');
      // What the second approver is asked to approve, in every read the extension makes: the edit, with its hash.
      const seen = [
        (await getSuggestion(env.deps, p.rep2.actor, edited.id)).firstApproval,
        (await listSuggestions(env.deps, p.rep2.actor, {})).items.find((i) => i.id === edited.id)?.firstApproval,
        (await changesSince(env.deps, p.rep2.actor, 0)).items.find((i) => i.id === edited.id)?.firstApproval,
      ];
      for (const a of seen) {
        expect(a?.by.name).toBe('Dana');
        expect(a?.changeSet.changes).toEqual([
          { field: 'dealstage', label: 'Stage', from: 'Negotiation', to: 'Closed Won' },
        ]);
      }
      const same = { kind: 'modify', changes: [{ field: 'dealstage', to: 'Closed Won' }] };
      const done = await decide(env.deps, p.rep2.actor, edited.id, same);
      expect([done.body.status, done.body.finalHash, done.body.firstApproval]).toEqual([
        'approved',
        seen[0]!.hash,
        null,
      ]);
    } finally {
      await updatePolicy(env.deps, p.admin.actor, editable(DEFAULT_POLICY));
    }
  });

  it('lets only admins manage users and tokens, whatever the caller', async () => {
    await rejects(createUser(env.deps, p.manager.actor, { name: 'Mallory', role: 'admin' }), 'FORBIDDEN');
    await rejects(issueToken(env.deps, p.rep.actor, p.rep.actor.id), 'FORBIDDEN');
    await rejects(revokeToken(env.deps, p.manager.actor, p.admin.actor.tokenId!), 'FORBIDDEN');
    await rejects(createUserWithToken(env.deps, p.rep.actor, { name: 'Mallory', role: 'admin' }), 'FORBIDDEN');
    const users = await env.deps.db.selectFrom('users').select('name').execute();
    expect(users.map((u) => u.name)).not.toContain('Mallory');
  });

  it('creates a user with their first token in one audited transaction', async () => {
    const before = await env.deps.db.selectFrom('audit_head').select('seq').executeTakeFirstOrThrow();
    const { user, tokenId, token } = await createUserWithToken(env.deps, p.admin.actor, {
      name: 'Nia',
      role: 'rep',
      team: 'west',
    });
    expect(await authenticate(env.deps, token)).toMatchObject({ id: user.id, name: 'Nia', role: 'rep', tokenId });
    const events = await env.deps.db
      .selectFrom('audit_events')
      .select(['seq', 'at', 'kind'])
      .where('seq', '>', before.seq)
      .orderBy('seq')
      .execute();
    expect(events.map((e) => e.kind)).toEqual(['user_created', 'token_issued']);
    expect(new Set(events.map((e) => Number(e.at))).size).toBe(1);
    // A refused input writes neither the user nor a token.
    await rejects(createUserWithToken(env.deps, p.admin.actor, { name: '', role: 'rep' }), 'BAD_INPUT');
    const after = await env.deps.db.selectFrom('audit_head').select('seq').executeTakeFirstOrThrow();
    expect(Number(after.seq)).toBe(Number(before.seq) + 2);
  });

  it('refuses policy changes from anyone but an admin, and changes nothing', async () => {
    const before = await readPolicy(env.deps.db);
    const raise = {
      ...DEFAULT_POLICY,
      defaults: { ...DEFAULT_POLICY.defaults, thresholds: { auto: 0.99, review: 0.7 } },
    };
    await rejects(updatePolicy(env.deps, p.manager.actor, editable(raise)), 'FORBIDDEN');
    await rejects(setKillSwitch(env.deps, p.rep.actor, { scope: 'global', mode: 'block', reason: 'x' }), 'FORBIDDEN');
    expect(await readPolicy(env.deps.db)).toEqual(before);
  });

  it('applies a raised threshold and a kill switch from the next proposal on', async () => {
    expect((await proposeAs(p.agent, { confidence: 0.95 })).lane).toBe('auto');
    const raise = {
      ...DEFAULT_POLICY,
      defaults: { ...DEFAULT_POLICY.defaults, thresholds: { auto: 0.99, review: 0.7 } },
    };
    await updatePolicy(env.deps, p.admin.actor, editable(raise));
    expect((await proposeAs(p.agent, { confidence: 0.95 })).lane).toBe('review');
    await updatePolicy(env.deps, p.admin.actor, editable(DEFAULT_POLICY));
    await setKillSwitch(env.deps, p.admin.actor, {
      scope: 'action_type',
      target: 'stage_change',
      mode: 'block',
      reason: 'bad run',
    });
    expect(await proposeAs(p.agent, { confidence: 0.95 })).toMatchObject({ lane: 'blocked', status: 'blocked' });
    expect((await proposeAs(p.agent, { type: 'field_update', confidence: 0.95 })).lane).toBe('auto');
    await setKillSwitch(env.deps, p.admin.actor, {
      scope: 'action_type',
      target: 'stage_change',
      mode: null,
      reason: 'fixed',
    });
    expect((await proposeAs(p.agent, { confidence: 0.95 })).lane).toBe('auto');
    const kinds = await env.deps.db
      .selectFrom('audit_events')
      .select('kind')
      .where('kind', 'in', ['policy_changed', 'kill_switch'])
      .execute();
    expect(kinds.length).toBeGreaterThanOrEqual(4);
  });
});
