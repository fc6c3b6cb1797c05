import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { backends, openCastEnv, type CastEnv } from '../../test/helpers/backends';
import { person, type Person } from '../../test/helpers/people';
import { decide } from '../services/decisions';
import { getSuggestion, propose } from '../services/suggestions';
import { bulkRevert, previewBulkRevert } from './bulk-revert';
import { executeDemo } from './demo-connector';

const HOUR = 3_600_000;
const deals = ['d-1', 'd-2', 'd-3', 'd-4'];

const nextStep = (dealId: string, to: string) => ({
  type: 'field_update',
  record: { crm: 'demo', objectType: 'deal', id: dealId },
  changes: [{ field: 'next_step', label: 'Next step', from: 'Send the order form', to }],
  reasons: ['The customer asked for a call'],
  confidence: 0.8,
});

describe.each(await backends())('bulk revert on $name', (backend) => {
  let env: CastEnv;
  let other: Person;
  let start: number;
  const ran: Record<string, string> = {};
  const iso = (ms: number) => new Date(ms).toISOString();

  const executed = async (by: Person, dealId: string, to: string) => {
    const { body } = await propose(env.deps, by.actor, nextStep(dealId, to));
    await decide(env.deps, env.people.rep.actor, body.id, { kind: 'approve' });
    expect((await executeDemo(env.deps, body.id))?.status).toBe('executed');
    return body.id;
  };
  const stepOf = async (dealId: string) =>
    (await env.deps.db.selectFrom('demo_deals').select('next_step').where('id', '=', dealId).executeTakeFirstOrThrow())
      .next_step;
  const statusOf = async (id: string) => (await getSuggestion(env.deps, env.people.admin.actor, id)).status;

  beforeAll(async () => {
    env = await openCastEnv(backend);
    other = await person(env.deps, 'Routing Bot', 'agent');
    for (const id of deals) {
      await env.deps.transact((tx) =>
        tx
          .insertInto('demo_deals')
          .values({
            id,
            name: id,
            stage: 'Negotiation',
            amount: 100,
            owner: 'Dana',
            close_date: null,
            next_step: 'Send the order form',
            updated_at: env.clock.now(),
          })
          .execute(),
      );
    }
    ran.before = await executed(env.people.agent, 'd-4', 'Too early');
    env.clock.advance(HOUR);
    start = env.clock.now();
    ran.one = await executed(env.people.agent, 'd-1', 'Call the CFO');
    ran.two = await executed(env.people.agent, 'd-2', 'Call the CTO');
    ran.others = await executed(other, 'd-3', 'Book a demo');
    env.clock.advance(HOUR);
  });
  afterAll(() => env.close());

  const window = () => ({ from: iso(start), to: iso(start + HOUR) });

  it('previews the executions of one agent in the window, changing nothing', async () => {
    const preview = await previewBulkRevert(env.deps, env.people.manager.actor, {
      agentId: env.people.agent.actor.id,
      ...window(),
    });
    expect(preview.items.map((i) => i.id).sort()).toEqual([ran.one, ran.two].sort());
    expect(preview.more).toBe(false);
    expect([await stepOf('d-1'), await stepOf('d-2')]).toEqual(['Call the CFO', 'Call the CTO']);
  });

  it("refuses both to people below a manager, and to an admin's bad window, changing nothing", async () => {
    for (const who of [env.people.rep, env.people.agent]) {
      await expect(previewBulkRevert(env.deps, who.actor, { type: 'field_update', ...window() })).rejects.toMatchObject(
        {
          code: 'FORBIDDEN',
        },
      );
      await expect(bulkRevert(env.deps, who.actor, { type: 'field_update', ...window() })).rejects.toMatchObject({
        code: 'FORBIDDEN',
      });
    }
    await expect(bulkRevert(env.deps, env.people.admin.actor, window())).rejects.toMatchObject({
      code: 'BAD_INPUT',
      details: { fields: { type: [expect.stringContaining('action type, an agent')] } },
    });
    const backwards = { type: 'field_update', from: window().to, to: window().from };
    await expect(bulkRevert(env.deps, env.people.admin.actor, backwards)).rejects.toMatchObject({ code: 'BAD_INPUT' });
    expect(await statusOf(ran.one!)).toBe('executed');
  });

  it("reverts each of the agent's executions in the window, refusing one whose record changed since", async () => {
    await env.deps.transact((tx) =>
      tx.updateTable('demo_deals').set({ next_step: 'Edited by hand' }).where('id', '=', 'd-2').execute(),
    );
    const r = await bulkRevert(env.deps, env.people.admin.actor, { agentId: env.people.agent.actor.id, ...window() });
    expect(r.reverted).toEqual([ran.one]);
    expect(r.refused).toEqual([{ id: ran.two, reason: expect.stringContaining('the deal changed since') }]);
    expect([await stepOf('d-1'), await stepOf('d-2'), await stepOf('d-3'), await stepOf('d-4')]).toEqual([
      'Send the order form',
      'Edited by hand',
      'Book a demo',
      'Too early',
    ]);
    expect([
      await statusOf(ran.one!),
      await statusOf(ran.two!),
      await statusOf(ran.others!),
      await statusOf(ran.before!),
    ]).toEqual(['reverted', 'executed', 'executed', 'executed']);
    const events = await env.deps.db
      .selectFrom('audit_events')
      .select(['suggestion_id', 'actor'])
      .where('kind', '=', 'reverted')
      .execute();
    expect(events).toEqual([{ suggestion_id: ran.one, actor: env.people.admin.actor.id }]);
  });
});
