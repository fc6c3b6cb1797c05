import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { backends, openCastEnv, type CastEnv } from '../../test/helpers/backends';
import { person } from '../../test/helpers/people';
import { RevocationWatch } from './revocations';
import { revokeToken } from './users';

describe.each(await backends())('revocation watch on $name', (backend) => {
  let env: CastEnv;
  beforeAll(async () => {
    env = await openCastEnv(backend);
  });
  afterAll(() => env.close());

  /** A revocation written by another process: the row changes and this process's bus hears nothing. */
  const revokeElsewhere = (tokenId: string) =>
    env.deps.db.updateTable('tokens').set({ revoked_at: env.clock.now() }).where('id', '=', tokenId).execute();

  const heard = () => {
    const ids: string[] = [];
    const off = env.deps.events.onRevoked((id) => ids.push(id));
    return { ids, off };
  };

  it('reports each revocation made elsewhere once, at the next check', async () => {
    const watch = new RevocationWatch(env.deps);
    const [a, b] = [await person(env.deps, 'A', 'rep'), await person(env.deps, 'B', 'rep')];
    const bus = heard();
    await watch.check();
    expect(bus.ids).toEqual([]);

    await revokeElsewhere(a.actor.tokenId!);
    expect(bus.ids).toEqual([]);
    await watch.check();
    expect(bus.ids).toEqual([a.actor.tokenId]);

    env.clock.advance(5_000);
    await revokeElsewhere(b.actor.tokenId!);
    await watch.check();
    await watch.check();
    expect(bus.ids).toEqual([a.actor.tokenId, b.actor.tokenId]);
    bus.off();
  });

  it('also finds what another process revoked with a clock up to a minute behind', async () => {
    const watch = new RevocationWatch(env.deps);
    const c = await person(env.deps, 'C', 'rep');
    await watch.check();
    const bus = heard();
    await env.deps.db
      .updateTable('tokens')
      .set({ revoked_at: env.clock.now() - 50_000 })
      .where('id', '=', c.actor.tokenId)
      .execute();
    await watch.check();
    expect(bus.ids).toEqual([c.actor.tokenId]);
    bus.off();
  });

  it('hears of revocations made in this process at once, from the bus, before any check', async () => {
    const d = await person(env.deps, 'D', 'rep');
    const bus = heard();
    await revokeToken(env.deps, env.people.admin.actor, d.actor.tokenId!);
    expect(bus.ids).toEqual([d.actor.tokenId]);
    bus.off();
  });
});
