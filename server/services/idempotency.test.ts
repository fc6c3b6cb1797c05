import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { backends, openCastEnv, type CastEnv } from '../../test/helpers/backends';
import { dealProposal } from '../../test/helpers/people';
import { IDEMPOTENCY_KEPT_MS, PRUNE_BATCH, pruneIdempotency } from './idempotency';
import { propose } from './suggestions';

describe.each(await backends())('idempotency answers on $name', (backend) => {
  let env: CastEnv;
  beforeAll(async () => {
    env = await openCastEnv(backend);
  });
  afterAll(() => env.close());

  const proposeWith = (key: string) => propose(env.deps, env.people.agent.actor, dealProposal(), key);

  it('replays an answer for a week, then forgets it', async () => {
    const old = await proposeWith('k-old');
    env.clock.advance(IDEMPOTENCY_KEPT_MS - 60_000);
    const recent = await proposeWith('k-recent');
    env.clock.advance(60_001);

    expect(await pruneIdempotency(env.deps)).toBe(1);
    const again = await proposeWith('k-recent');
    expect([again.replayed, again.body.id]).toEqual([true, recent.body.id]);
    const anew = await proposeWith('k-old');
    expect(anew.replayed).toBe(false);
    expect(anew.body.id).not.toBe(old.body.id);
    expect(await pruneIdempotency(env.deps)).toBe(0);
  });

  it('forgets a backlog in batches, each committed on its own, and keeps what is recent', async () => {
    const userId = env.people.agent.actor.id;
    const row = (key: string, createdAt: number) => ({
      user_id: userId,
      key,
      request_hash: 'h',
      status: 201,
      response: '{}',
      created_at: createdAt,
    });
    const old = env.clock.now() - IDEMPOTENCY_KEPT_MS - 1;
    const backlog = 2 * PRUNE_BATCH + 7;
    await env.deps.transact(async (tx) => {
      for (let i = 0; i < backlog; i += 100) {
        const n = Math.min(100, backlog - i);
        await tx
          .insertInto('idempotency')
          .values(Array.from({ length: n }, (_, k) => row(`backlog-${i + k}`, old)))
          .execute();
      }
      await tx.insertInto('idempotency').values(row('fresh', env.clock.now())).execute();
    });
    const transactions = vi.spyOn(env.deps, 'transact');
    expect(await pruneIdempotency(env.deps)).toBe(backlog);
    expect(transactions).toHaveBeenCalledTimes(3);
    transactions.mockRestore();
    const left = await env.deps.db.selectFrom('idempotency').select('key').where('user_id', '=', userId).execute();
    expect(left.map((r) => r.key)).toContain('fresh');
    expect(left.filter((r) => r.key.startsWith('backlog-'))).toEqual([]);
  });
});
