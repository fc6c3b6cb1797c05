import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { backends, openCastEnv, type CastEnv } from '../../test/helpers/backends';
import { person } from '../../test/helpers/people';
import { EventBus } from './events';
import { RevocationWatch } from './revocations';
import { revokeToken } from './users';

describe.each(await backends())('revocation watch on $name', (backend) => {
  let env: CastEnv;
  beforeAll(async () => {
    env = await openCastEnv(backend);
  });
  afterAll(() => env.close());

  /** A revocation made by another process (the CLI): written and audited, and nothing on this process's bus. */
  const revokeElsewhere = (tokenId: string) =>
    revokeToken({ ...env.deps, events: new EventBus() }, env.people.admin.actor, tokenId);

  const heard = () => {
    const ids: string[] = [];
    const off = env.deps.events.onRevoked((id) => ids.push(id));
    return { ids, off };
  };

  it('reports each revocation made elsewhere once, at the next check, and none made before it started', async () => {
    const [old, a, b] = [
      await person(env.deps, 'Old', 'rep'),
      await person(env.deps, 'A', 'rep'),
      await person(env.deps, 'B', 'rep'),
    ];
    await revokeElsewhere(old.actor.tokenId!);
    const watch = await RevocationWatch.start(env.deps);
    const bus = heard();
    await watch.check();
    expect(bus.ids).toEqual([]);

    await revokeElsewhere(a.actor.tokenId!);
    expect(bus.ids).toEqual([]);
    await watch.check();
    expect(bus.ids).toEqual([a.actor.tokenId]);

    await revokeElsewhere(b.actor.tokenId!);
    await watch.check();
    await watch.check();
    expect(bus.ids).toEqual([a.actor.tokenId, b.actor.tokenId]);
    bus.off();
  });

  it('hears of revocations made in this process at once, from the bus, and does not report them again', async () => {
    const watch = await RevocationWatch.start(env.deps);
    const d = await person(env.deps, 'D', 'rep');
    const bus = heard();
    await revokeToken(env.deps, env.people.admin.actor, d.actor.tokenId!);
    expect(bus.ids).toEqual([d.actor.tokenId]);
    await watch.check();
    expect(bus.ids).toEqual([d.actor.tokenId]);
    bus.off();
  });
});
