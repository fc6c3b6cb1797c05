import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { executeDemo } from '../../server/executors/demo-connector';
import { backends } from '../helpers/backends';
import { openHttpEnv, trpcClient, type HttpEnv } from '../helpers/http';

// Reverting an executed change over both interfaces: REST for tools and agents, tRPC for the extension.

const deal = { id: 'd-9', name: 'Globex', stage: 'Negotiation', amount: 900, owner: 'Dana', close_date: null };

describe.each(await backends())('revert over HTTP on $name', (backend) => {
  let h: HttpEnv;
  beforeAll(async () => {
    h = await openHttpEnv(backend);
    await h.deps.transact((tx) =>
      tx
        .insertInto('demo_deals')
        .values({ ...deal, next_step: 'Send the quote', updated_at: h.clock.now() })
        .execute(),
    );
  });
  afterAll(() => h.close());

  const stageOf = async () =>
    (await h.deps.db.selectFrom('demo_deals').select('stage').where('id', '=', deal.id).executeTakeFirstOrThrow())
      .stage;

  /** A stage change on the demo deal, approved by Dana and executed by the demo connector. */
  async function executed(crm = 'demo') {
    const proposal = {
      type: 'stage_change',
      record: { crm, objectType: 'deal', id: deal.id },
      changes: [{ field: 'dealstage', label: 'Stage', from: await stageOf(), to: 'Closed Lost' }],
      confidence: 0.8,
    };
    const made = await h.call(h.people.agent.token, 'POST', '/api/v1/suggestions', proposal);
    const id = made.body.id as string;
    await h.call(h.people.rep.token, 'POST', `/api/v1/suggestions/${id}/decisions`, { kind: 'approve' });
    if (crm === 'demo') expect((await executeDemo(h.deps, id))?.status).toBe('executed');
    return id;
  }

  it('reverts over REST once, refusing agents and a second revert', async () => {
    const id = await executed();
    expect(await stageOf()).toBe('Closed Lost');
    const byAgent = await h.call(h.people.agent.token, 'POST', `/api/v1/suggestions/${id}/revert`);
    expect([byAgent.status, byAgent.body.error.code]).toEqual([403, 'FORBIDDEN']);
    expect(await stageOf()).toBe('Closed Lost');

    const done = await h.call(h.people.rep2.token, 'POST', `/api/v1/suggestions/${id}/revert`);
    expect([done.status, done.body.status]).toEqual([200, 'reverted']);
    expect(await stageOf()).toBe('Negotiation');
    const again = await h.call(h.people.rep.token, 'POST', `/api/v1/suggestions/${id}/revert`);
    expect([again.status, again.body.error.code]).toEqual([409, 'CONFLICT']);
  });

  it('reverts over tRPC, and refuses what the server cannot undo with a clear 4xx', async () => {
    const id = await executed();
    const { api } = trpcClient(h, h.people.manager.token);
    expect((await api.suggestions.revert.mutate({ id })).status).toBe('reverted');
    expect(await stageOf()).toBe('Negotiation');

    const approvedOnly = await executed('hubspot');
    const refused = await h.call(h.people.rep.token, 'POST', `/api/v1/suggestions/${approvedOnly}/revert`);
    expect([refused.status, refused.body.error.code]).toEqual([400, 'BAD_INPUT']);
    const unknown = await h.call(h.people.rep.token, 'POST', '/api/v1/suggestions/no-such-id/revert');
    expect(unknown.status).toBe(404);
  });
});
