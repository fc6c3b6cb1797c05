import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { backends } from '../../test/helpers/backends';
import { cast, dealProposal, type Cast } from '../../test/helpers/people';
import { ManualClock } from '../clock';
import type { Store } from '../store/connect';
import type { Deps } from './deps';
import { openDeps } from './index';
import { propose } from './suggestions';
import { sweepTimeouts } from './timeouts';

const pgBackend = (await backends()).find((b) => b.name === 'postgres');

describe.runIf(pgBackend)('timeouts swept by several instances on PostgreSQL', () => {
  const clock = new ManualClock();
  const instances: { deps: Deps; store: Store }[] = [];
  let people: Cast;
  let drop: () => Promise<void>;
  beforeAll(async () => {
    const fresh = await pgBackend!.fresh();
    drop = fresh.drop;
    for (let i = 0; i < 3; i++) instances.push(await openDeps(fresh.target, clock));
    people = await cast(instances[0]!.deps);
  });
  afterAll(async () => {
    for (const i of instances) await i.store.close();
    await drop();
  });

  it('applies each overdue item once, whichever instance gets to it', async () => {
    const a = instances[0]!;
    const items = await Promise.all(
      Array.from({ length: 20 }, () =>
        propose(a.deps, people.agent.actor, dealProposal({ timeoutSeconds: 60, timeoutAction: 'reject' })),
      ),
    );
    clock.advance(60_000);
    const applied = await Promise.all(instances.flatMap((i) => [sweepTimeouts(i.deps), sweepTimeouts(i.deps)]));
    expect(applied.reduce((x, y) => x + y, 0)).toBe(items.length);
    const events = await a.deps.db
      .selectFrom('audit_events')
      .select('suggestion_id')
      .where('kind', '=', 'timed_out')
      .execute();
    expect(events.map((e) => e.suggestion_id).sort()).toEqual(items.map((s) => s.body.id).sort());
  });
});
