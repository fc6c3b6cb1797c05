import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createApiClient } from '../../lib/api/client';
import { EventBus } from '../../server/services/events';
import { RevocationWatch } from '../../server/services/revocations';
import { revokeToken } from '../../server/services/users';
import { backends } from '../helpers/backends';
import { openHttpEnv, type HttpEnv } from '../helpers/http';
import { dealProposal, person } from '../helpers/people';

// The live stream the extension keeps open (`events.onChange`), over HTTP with the extension's own client: each
// listener hears only what its user may see, and a revoked token ends the stream whoever revoked it.

interface Heard {
  ids: string[];
  /** The audit sequence of each policy change heard. */
  policies: number[];
  errors: { appCode: string; httpStatus: number }[];
  stop(): void;
}

describe.each(await backends())('live stream on $name', (backend) => {
  let h: HttpEnv;
  beforeAll(async () => {
    h = await openHttpEnv(backend);
  });
  afterAll(() => h.close());

  const propose = async (over: Record<string, unknown> = {}) => {
    const res = await h.call(h.people.agent.token, 'POST', '/api/v1/suggestions', dealProposal(over));
    expect(res.status).toBe(201);
    return res.body.id as string;
  };

  function listen(token: string): Heard {
    const heard: Heard = { ids: [], policies: [], errors: [], stop: () => {} };
    const sub = createApiClient(h.url, token).events.onChange.subscribe(undefined, {
      onData: (e) => {
        if (e.data.kind === 'policy') heard.policies.push(e.data.seq);
        else heard.ids.push(e.data.suggestionId);
      },
      onError: (e) => {
        const { appCode, httpStatus } = e.data as unknown as Heard['errors'][number];
        heard.errors.push({ appCode, httpStatus });
      },
    });
    heard.stop = () => sub.unsubscribe();
    return heard;
  }

  /** Proposes until the listener hears one: the stream may still be connecting when the first one commits. */
  async function connected(heard: Heard) {
    const sent: string[] = [];
    await expect
      .poll(
        async () => {
          sent.push(await propose());
          return heard.ids.some((id) => sent.includes(id));
        },
        { timeout: 10_000, interval: 200 },
      )
      .toBe(true);
  }

  it("tells each listener of the changes its user may see, and of no one else's", async () => {
    const east = await person(h.deps, 'Eli', 'rep', 'east');
    const [west, eli, agent] = [listen(h.people.rep.token), listen(east.token), listen(h.people.agent.token)];
    try {
      await connected(west);
      await connected(eli);
      await connected(agent);
      const forEast = await propose({ assignee: { team: 'east' } });
      const forDana = await propose({ assignee: { userId: h.people.rep.actor.id } });
      const open = await propose();
      // The open one is sent last: once every listener has heard it, the ones before it were sent or withheld.
      await expect.poll(() => [west, eli, agent].every((l) => l.ids.includes(open))).toBe(true);
      expect([west.ids.includes(forEast), west.ids.includes(forDana)]).toEqual([false, true]);
      expect([eli.ids.includes(forEast), eli.ids.includes(forDana)]).toEqual([true, false]);
      // The agent proposed all three.
      expect([agent.ids.includes(forEast), agent.ids.includes(forDana)]).toEqual([true, true]);

      const other = await person(h.deps, 'Other Bot', 'agent');
      const byOther = await h.call(other.token, 'POST', '/api/v1/suggestions', dealProposal());
      expect(byOther.status).toBe(201);
      expect(byOther.body.id).toEqual(expect.any(String));
      const last = await propose();
      await expect.poll(() => agent.ids.includes(last)).toBe(true);
      expect(agent.ids).not.toContain(byOther.body.id);
    } finally {
      for (const l of [west, eli, agent]) l.stop();
    }
  });

  it('tells every listener, whoever they are, that the policy changed, and nothing else of it', async () => {
    const [rep, agent] = [listen(h.people.rep.token), listen(h.people.agent.token)];
    try {
      await connected(rep);
      await connected(agent);
      const admin = createApiClient(h.url, h.people.admin.token);
      const { killSwitches: _k, ...editable } = (await admin.policy.get.query()).policy;
      await admin.policy.update.mutate({ ...editable, twoApprovers: { ...editable.twoApprovers, admin: true } });
      await admin.policy.setKillSwitch.mutate({ scope: 'agent', target: 'bot-9', mode: 'review', reason: 'drill' });
      await expect.poll(() => [rep.policies.length, agent.policies.length]).toEqual([2, 2]);
      // Ids are the policy events' places in the audit trail, in order.
      expect(rep.policies).toEqual(agent.policies);
      expect(rep.policies[0]!).toBeLessThan(rep.policies[1]!);
      const kinds = await h.deps.db
        .selectFrom('audit_events')
        .select('kind')
        .where('seq', 'in', rep.policies)
        .orderBy('seq')
        .execute();
      expect(kinds.map((k) => k.kind)).toEqual(['policy_changed', 'kill_switch']);
    } finally {
      rep.stop();
      agent.stop();
    }
  });

  it('ends a stream at once when an admin revokes its token, with no other change needed', async () => {
    const riley = await person(h.deps, 'Riley', 'rep');
    const [stream, witness] = [listen(riley.token), listen(h.people.rep.token)];
    try {
      await connected(stream);
      await connected(witness);
      await createApiClient(h.url, h.people.admin.token).users.revokeToken.mutate({ tokenId: riley.actor.tokenId! });
      await expect.poll(() => stream.errors).toEqual([{ appCode: 'UNAUTHORIZED', httpStatus: 401 }]);
      const after = await propose();
      await expect.poll(() => witness.ids.includes(after)).toBe(true);
      expect(stream.ids).not.toContain(after);
    } finally {
      stream.stop();
      witness.stop();
    }
  });

  it('ends a stream whose token another process revoked, at the next revocation check', async () => {
    const sam = await person(h.deps, 'Sam', 'rep');
    const [stream, witness] = [listen(sam.token), listen(h.people.rep.token)];
    const watch = await RevocationWatch.start(h.deps);
    try {
      await connected(stream);
      await connected(witness);
      // A revocation by another process (the CLI): written and audited, and nothing on this process's bus.
      await revokeToken({ ...h.deps, events: new EventBus() }, h.people.admin.actor, sam.actor.tokenId!);
      // Still open after a change: the stream does not look its token up per change, so the check is what ends it.
      const between = await propose();
      await expect.poll(() => witness.ids.includes(between)).toBe(true);
      expect(stream.errors).toEqual([]);
      await watch.check();
      await expect.poll(() => stream.errors).toEqual([{ appCode: 'UNAUTHORIZED', httpStatus: 401 }]);
    } finally {
      stream.stop();
      witness.stop();
    }
  });
});
