import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { backends, openCastEnv, type CastEnv } from '../test/helpers/backends';
import { dealProposal } from '../test/helpers/people';
import { getSuggestion, propose } from './services/suggestions';
import { startSweeper } from './sweeper';

describe.each(await backends())('the timeout sweeper on $name', (backend) => {
  let env: CastEnv;
  beforeAll(async () => {
    env = await openCastEnv(backend);
  });
  afterAll(() => env.close());

  it('applies the timeout actions that fell due, every interval, and logs how many', async () => {
    const { agent, admin } = env.people;
    const s = (await propose(env.deps, agent.actor, dealProposal({ timeoutSeconds: 60, timeoutAction: 'reject' })))
      .body;
    const logged: unknown[] = [];
    const stop = startSweeper(env.deps, 20, { info: (o: unknown) => logged.push(o), error: () => {} });
    try {
      env.clock.advance(60_000);
      const status = async () => (await getSuggestion(env.deps, admin.actor, s.id)).status;
      await vi.waitFor(async () => expect(await status()).toBe('rejected'), { timeout: 10_000 });
      await vi.waitFor(() => expect(logged).toEqual([{ applied: 1 }]), { timeout: 10_000 });
    } finally {
      await stop();
    }
  });
});
