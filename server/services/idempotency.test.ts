import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { backends, openCastEnv, type CastEnv } from '../../test/helpers/backends';
import { dealProposal } from '../../test/helpers/people';
import { IDEMPOTENCY_KEPT_MS, pruneIdempotency } from './idempotency';
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
});
