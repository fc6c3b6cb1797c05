import { CompiledQuery } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { backends, openCastEnv, type CastEnv } from '../../test/helpers/backends';
import type { Cast } from '../../test/helpers/people';
import type { SuggestionChanged } from '../services/events';
import { propose } from '../services/suggestions';
import { approvedDemoItems, startExecutors, type ExecutorLog } from './start';

const autoStageChange = (dealId: string) => ({
  type: 'stage_change',
  record: { crm: 'demo', objectType: 'deal', id: dealId },
  changes: [{ field: 'stage', from: 'Discovery', to: 'Proposal' }],
  confidence: 0.95,
});

describe.each(await backends())('executors on $name', (backend) => {
  let env: CastEnv;
  let people: Cast;
  const errors: unknown[] = [];
  const log: ExecutorLog = { info: () => {}, error: (obj: unknown) => void errors.push(obj) };
  beforeAll(async () => {
    env = await openCastEnv(backend);
    people = env.people;
  });
  afterAll(() => env.close());

  const addDeal = (id: string) =>
    env.deps.transact((tx) =>
      tx
        .insertInto('demo_deals')
        .values({
          id,
          name: id,
          stage: 'Discovery',
          amount: 1,
          owner: 'Dana',
          close_date: null,
          next_step: null,
          updated_at: 0,
        })
        .execute(),
    );

  /** Resolves once the bus has carried an event matching `match`, seen before or after the call. */
  function heard() {
    const seen: SuggestionChanged[] = [];
    let wake = () => {};
    const off = env.deps.events.on((e) => {
      seen.push(e);
      wake();
    });
    return {
      async until(match: (e: SuggestionChanged) => boolean) {
        while (!seen.some(match)) await new Promise<void>((r) => (wake = r));
        off();
      },
    };
  }

  it('executes an approval as soon as the bus reports it', async () => {
    await addDeal('d-live');
    const stop = startExecutors(env.deps, log, 60_000);
    const bus = heard();
    const { body } = await propose(env.deps, people.agent.actor, autoStageChange('d-live'));
    expect(body.status).toBe('approved');
    await bus.until((e) => e.suggestionId === body.id && e.status === 'executed');
    await stop();
    const deal = await env.deps.db.selectFrom('demo_deals').selectAll().where('id', '=', 'd-live').executeTakeFirst();
    expect(deal?.stage).toBe('Proposal');
    expect(errors).toEqual([]);
  });

  it('catches up at start on approvals made while it was not running', async () => {
    await addDeal('d-later');
    const { body } = await propose(env.deps, people.agent.actor, autoStageChange('d-later'));
    const bus = heard();
    const stop = startExecutors(env.deps, log, 60_000);
    await bus.until((e) => e.suggestionId === body.id && e.status === 'executed');
    await stop();
    expect(errors).toEqual([]);
  });

  it.runIf(backend.name === 'sqlite')('catches up through an index, not by reading every approved item', async () => {
    const { sql, parameters } = approvedDemoItems(env.deps.db).compile();
    const plan = await env.deps.db.executeQuery<{ detail: string }>(
      CompiledQuery.raw(`explain query plan ${sql}`, [...parameters]),
    );
    expect(plan.rows.map((r) => r.detail)).toEqual([
      'SEARCH suggestions USING INDEX suggestions_status_crm_updated (status=? AND crm=?)',
    ]);
  });
});
