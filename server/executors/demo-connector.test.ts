import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { backends, openCastEnv, type CastEnv } from '../../test/helpers/backends';
import { ACME_DEAL as DEAL } from '../../test/helpers/demo-deals';
import type { Cast } from '../../test/helpers/people';
import { decide } from '../services/decisions';
import { getSuggestion, propose } from '../services/suggestions';
import { executeDemo } from './demo-connector';
import { revertSuggestion } from './revert';

const stageChange = (to = 'Closed Lost') => ({
  type: 'stage_change',
  record: { crm: 'demo', objectType: 'deal', id: DEAL.id, name: DEAL.name },
  changes: [{ field: 'dealstage', label: 'Stage', from: 'Negotiation', to }],
  reasons: ['No activity in 45 days'],
  confidence: 0.82,
});

describe.each(await backends())('demo connector on $name', (backend) => {
  let env: CastEnv;
  let people: Cast;
  beforeAll(async () => {
    env = await openCastEnv(backend);
    people = env.people;
  });
  afterAll(() => env.close());
  beforeEach(async () => {
    await env.deps.transact(async (tx) => {
      await tx.deleteFrom('demo_activity').execute();
      await tx.deleteFrom('demo_deals').execute();
      await tx
        .insertInto('demo_deals')
        .values({ ...DEAL, updated_at: env.clock.now() })
        .execute();
    });
  });

  const deal = () =>
    env.deps.db.selectFrom('demo_deals').selectAll().where('id', '=', DEAL.id).executeTakeFirstOrThrow();
  const approved = async (proposal: object, decision: Record<string, unknown> = { kind: 'approve' }) => {
    const { body } = await propose(env.deps, people.agent.actor, proposal);
    const d = await decide(env.deps, people.rep.actor, body.id, decision);
    expect(d.body.status).toBe('approved');
    return body.id;
  };
  const outcomes = (id: string) =>
    env.deps.db
      .selectFrom('audit_events')
      .selectAll()
      .where('suggestion_id', '=', id)
      .where('kind', '=', 'outcome')
      .execute();

  it('executes exactly the approved, modified values', async () => {
    const id = await approved(stageChange(), { kind: 'modify', changes: [{ field: 'dealstage', to: 'Closed Won' }] });
    expect(await executeDemo(env.deps, id)).toMatchObject({ status: 'executed' });
    expect(await deal()).toMatchObject({ ...DEAL, stage: 'Closed Won' });
    const s = await getSuggestion(env.deps, people.admin.actor, id);
    expect(s.status).toBe('executed');
    expect(s.outcome).toMatchObject({ ok: true, detail: expect.stringContaining('Stage: Negotiation → Closed Won') });
    const [event] = await outcomes(id);
    expect(event).toMatchObject({ actor: 'executor:demo' });
    const activity = await env.deps.db.selectFrom('demo_activity').selectAll().execute();
    expect(activity).toHaveLength(1);
    expect(activity[0]).toMatchObject({ deal_id: DEAL.id, kind: 'executed', suggestion_id: id });
    expect(activity[0]?.title).toContain('approved by Dana');
  });

  it('marks the item stale and leaves the deal alone when the record moved on', async () => {
    const id = await approved(stageChange());
    await env.deps.transact((tx) =>
      tx.updateTable('demo_deals').set({ stage: 'Proposal' }).where('id', '=', DEAL.id).execute(),
    );
    expect(await executeDemo(env.deps, id)).toMatchObject({
      status: 'stale',
      detail: 'record changed: Stage is now Proposal, expected Negotiation',
    });
    expect(await deal()).toMatchObject({ ...DEAL, stage: 'Proposal' });
    const s = await getSuggestion(env.deps, people.admin.actor, id);
    expect(s).toMatchObject({ status: 'stale', outcome: { ok: false } });
    expect((await outcomes(id)).map((e) => JSON.parse(e.payload))).toEqual([
      expect.objectContaining({ ok: false, detail: 'record changed: Stage is now Proposal, expected Negotiation' }),
    ]);
  });

  it('applies only the changes kept by a partial approval', async () => {
    const id = await approved(
      {
        ...stageChange(),
        type: 'field_update',
        changes: [
          { field: 'amount', label: 'Amount', from: 48_000, to: 52_000 },
          { field: 'next_step', label: 'Next step', from: DEAL.next_step, to: 'Call the CFO' },
        ],
      },
      { kind: 'partial', changes: [{ field: 'next_step' }] },
    );
    expect(await executeDemo(env.deps, id)).toMatchObject({ status: 'executed' });
    expect(await deal()).toMatchObject({ ...DEAL, next_step: 'Call the CFO' });
  });

  it('fails, naming the field, on a field the demo CRM does not have', async () => {
    const id = await approved({ ...stageChange(), changes: [{ field: 'probability', from: 0.4, to: 0.1 }] });
    const r = await executeDemo(env.deps, id);
    expect(r).toMatchObject({ status: 'failed', detail: expect.stringContaining('unknown field "probability"') });
    expect(await deal()).toMatchObject(DEAL);
  });

  it('executes an item once however many runs race for it', async () => {
    const id = await approved(stageChange());
    const runs = await Promise.all(Array.from({ length: 5 }, () => executeDemo(env.deps, id)));
    expect(runs.filter((r) => r?.status === 'executed')).toHaveLength(1);
    expect(runs.filter((r) => r === null)).toHaveLength(4);
    expect(await outcomes(id)).toHaveLength(1);
    expect(await env.deps.db.selectFrom('demo_activity').selectAll().execute()).toHaveLength(1);
    expect(await deal()).toMatchObject({ stage: 'Closed Lost' });
  });

  it('leaves items that are not approved, or not for the demo CRM, alone', async () => {
    const { body: pending } = await propose(env.deps, people.agent.actor, stageChange());
    expect(await executeDemo(env.deps, pending.id)).toBeNull();
    const hubspot = await approved({ ...stageChange(), record: { crm: 'hubspot', objectType: 'deal', id: DEAL.id } });
    expect(await executeDemo(env.deps, hubspot)).toBeNull();
    expect(await deal()).toMatchObject(DEAL);
  });

  it('reverts an executed change to its from values', async () => {
    const id = await approved(stageChange());
    await executeDemo(env.deps, id);
    const r = await revertSuggestion(env.deps, people.rep2.actor, id);
    expect(r.status).toBe('reverted');
    expect(await deal()).toMatchObject(DEAL);
    const reverted = await env.deps.db
      .selectFrom('audit_events')
      .selectAll()
      .where('suggestion_id', '=', id)
      .where('kind', '=', 'reverted')
      .execute();
    expect(reverted).toHaveLength(1);
    expect(reverted[0]).toMatchObject({ actor: people.rep2.actor.id });
    expect(JSON.parse(reverted[0]!.payload)).toMatchObject({ detail: 'Stage: Closed Lost → Negotiation' });
    const kinds = await env.deps.db.selectFrom('demo_activity').select('kind').orderBy('seq').execute();
    expect(kinds.map((k) => k.kind)).toEqual(['executed', 'reverted']);
    await expect(revertSuggestion(env.deps, people.rep.actor, id)).rejects.toMatchObject({ code: 'CONFLICT' });
  });

  it('refuses to revert when the deal changed since, and changes nothing', async () => {
    const id = await approved(stageChange());
    await executeDemo(env.deps, id);
    await env.deps.transact((tx) =>
      tx.updateTable('demo_deals').set({ stage: 'Closed Won' }).where('id', '=', DEAL.id).execute(),
    );
    await expect(revertSuggestion(env.deps, people.rep.actor, id)).rejects.toMatchObject({
      code: 'CONFLICT',
      message: expect.stringContaining('Stage is now Closed Won, expected Closed Lost'),
    });
    expect(await deal()).toMatchObject({ stage: 'Closed Won' });
    expect((await getSuggestion(env.deps, people.admin.actor, id)).status).toBe('executed');
  });

  it('lets only reviewers at the item tier revert, and only reversible actions', async () => {
    const big = await propose(env.deps, people.agent.actor, {
      ...stageChange(),
      impact: { amount: 48_000, customerFacing: false, reversible: true },
    });
    await decide(env.deps, people.manager.actor, big.body.id, { kind: 'approve', note: 'checked' });
    await executeDemo(env.deps, big.body.id);
    await expect(revertSuggestion(env.deps, people.agent.actor, big.body.id)).rejects.toMatchObject({
      code: 'FORBIDDEN',
    });
    await expect(revertSuggestion(env.deps, people.rep.actor, big.body.id)).rejects.toMatchObject({
      code: 'FORBIDDEN',
    });
    expect((await revertSuggestion(env.deps, people.admin.actor, big.body.id)).status).toBe('reverted');

    const oneWay = await approved(
      { ...stageChange(), impact: { customerFacing: false, reversible: false } },
      { kind: 'approve', note: 'fine' },
    );
    await executeDemo(env.deps, oneWay);
    await expect(revertSuggestion(env.deps, people.admin.actor, oneWay)).rejects.toMatchObject({ code: 'BAD_INPUT' });
  });
});
