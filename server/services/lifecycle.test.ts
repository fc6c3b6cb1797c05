import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { backends, openCastEnv, type CastEnv } from '../../test/helpers/backends';
import { dealProposal, type Cast } from '../../test/helpers/people';
import { decide } from './decisions';
import { resolveCondition, reportOutcome } from './follow-ups';
import { propose, getSuggestion } from './suggestions';
import { sweepTimeouts } from './timeouts';

describe.each(await backends())('lifecycle on $name', (backend) => {
  let env: CastEnv;
  let people: Cast;
  beforeAll(async () => {
    env = await openCastEnv(backend);
    people = env.people;
  });
  afterAll(() => env.close());

  const proposeAs = async (over: Record<string, unknown> = {}) =>
    (await propose(env.deps, people.agent.actor, dealProposal(over))).body;
  const expectError = async (p: Promise<unknown>, code: string) => {
    await expect(p).rejects.toMatchObject({ code });
  };

  it('routes a mid-confidence proposal to review and approves it', async () => {
    const s = await proposeAs();
    expect(s).toMatchObject({ status: 'pending', lane: 'review', tier: 'rep', version: 1 });
    const d = await decide(env.deps, people.rep.actor, s.id, { kind: 'approve' });
    expect(d.body.status).toBe('approved');
    expect(d.body.finalChangeSet?.changes[0]?.to).toBe('Closed Lost');
    expect(d.body.finalHash).toMatch(/^[0-9a-f]{64}$/);
    await expectError(decide(env.deps, people.rep2.actor, s.id, { kind: 'reject', note: 'no' }), 'CONFLICT');
  });

  it('auto-approves a confident, reversible, small change', async () => {
    const s = await proposeAs({ confidence: 0.95 });
    expect(s).toMatchObject({ status: 'approved', lane: 'auto' });
    expect(s.decisions[0]?.kind).toBe('auto');
    const out = await reportOutcome(env.deps, people.agent.actor, s.id, { ok: true });
    expect(out.status).toBe('executed');
  });

  it('refuses an outcome whose detail cannot be stored, and records nothing', async () => {
    const s = await proposeAs({ confidence: 0.95 });
    await expectError(
      reportOutcome(env.deps, people.agent.actor, s.id, { ok: false, detail: 'CRM said \u0000' }),
      'BAD_INPUT',
    );
    const after = await getSuggestion(env.deps, people.agent.actor, s.id);
    expect([after.status, after.version]).toEqual(['approved', s.version]);
  });

  it('executes exactly the modified values', async () => {
    const s = await proposeAs();
    const d = await decide(env.deps, people.rep.actor, s.id, {
      kind: 'modify',
      changes: [{ field: 'dealstage', to: 'Closed Won' }],
    });
    expect(d.body.finalChangeSet?.changes).toEqual([
      { field: 'dealstage', label: 'Stage', from: 'Negotiation', to: 'Closed Won' },
    ]);
  });

  it.each([
    ['draft.body', { body: 'Hello\u0000' }],
    ['draft.subject', { subject: 'Re: \ud800', body: 'Hello' }],
  ])('refuses a modified %s that cannot be stored, and writes nothing', async (field, draft) => {
    const s = await proposeAs({
      type: 'email_draft',
      changes: [],
      draft: { to: 'buyer@acme.example', subject: 'Renewal', body: 'Hi Sam, the renewal is ready.' },
    });
    const events = async () =>
      (await env.deps.db.selectFrom('audit_events').select('seq').where('suggestion_id', '=', s.id).execute()).length;
    const eventsBefore = await events();

    const refused = decide(env.deps, people.rep.actor, s.id, { kind: 'modify', draft }, `modify-${field}`);

    await expect(refused).rejects.toMatchObject({
      code: 'BAD_INPUT',
      status: 400,
      details: { fields: { [field]: [expect.any(String)] } },
    });
    const after = await getSuggestion(env.deps, people.rep.actor, s.id);
    expect([after.status, after.version, after.decisions, after.finalChangeSet]).toEqual(['pending', 1, [], null]);
    expect(await events()).toBe(eventsBefore);
    const answers = await env.deps.db
      .selectFrom('idempotency')
      .select('key')
      .where('key', '=', `modify-${field}`)
      .execute();
    expect(answers).toEqual([]);
  });

  it('holds a conditional approval until its condition is confirmed', async () => {
    const s = await proposeAs();
    const d = await decide(env.deps, people.rep.actor, s.id, { kind: 'conditional', condition: 'customer confirms' });
    expect(d.body.status).toBe('awaiting_condition');
    const c = await resolveCondition(env.deps, people.rep.actor, s.id, { confirmed: true });
    expect(c.body.status).toBe('approved');
  });

  it('refuses a decision after expires_at even before the sweeper runs, then applies the timeout action', async () => {
    const s = await proposeAs({ timeoutSeconds: 60, timeoutAction: 'reject' });
    env.clock.advance(60_000);
    await expectError(decide(env.deps, people.rep.actor, s.id, { kind: 'approve' }), 'GONE');
    expect(await sweepTimeouts(env.deps)).toBeGreaterThanOrEqual(1);
    const after = await getSuggestion(env.deps, people.admin.actor, s.id);
    expect(after.status).toBe('rejected');
    expect(after.decisions.at(-1)?.kind).toBe('timeout');
  });

  it('keeps reps off manager-tier items', async () => {
    const s = await proposeAs({ impact: { amount: 2_000_000, customerFacing: false, reversible: true } });
    expect(s).toMatchObject({ lane: 'explicit', tier: 'manager' });
    await expectError(decide(env.deps, people.rep.actor, s.id, { kind: 'approve', note: 'ok' }), 'FORBIDDEN');
    await expectError(decide(env.deps, people.manager.actor, s.id, { kind: 'approve' }), 'BAD_INPUT');
    const d = await decide(env.deps, people.manager.actor, s.id, { kind: 'approve', note: 'checked with Dana' });
    expect(d.body.status).toBe('approved');
  });
});
