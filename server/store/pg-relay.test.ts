import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { backends } from '../../test/helpers/backends';
import { cast, dealProposal } from '../../test/helpers/people';
import { ManualClock } from '../clock';
import { openDeps } from '../services';
import { auditedTx } from '../services/audit-log';
import type { Deps } from '../services/deps';
import type { SuggestionChanged } from '../services/events';
import { setKillSwitch } from '../services/policy';
import { propose } from '../services/suggestions';
import { revokeToken } from '../services/users';
import type { Store } from './connect';
import { startPgRelay } from './pg-relay';

const pgBackend = (await backends()).find((b) => b.name === 'postgres');

describe.runIf(pgBackend)('change relay between instances on PostgreSQL', () => {
  const instances: { deps: Deps; store: Store; stopRelay: () => Promise<void> }[] = [];
  let drop: () => Promise<void>;
  beforeAll(async () => {
    const fresh = await pgBackend!.fresh();
    drop = fresh.drop;
    for (let i = 0; i < 2; i++) {
      const { deps, store } = await openDeps(fresh.target, new ManualClock());
      const url = (fresh.target as { url: string }).url;
      instances.push({
        deps,
        store,
        stopRelay: await startPgRelay(url, deps.events, (e) => {
          throw e;
        }),
      });
    }
  });
  afterAll(async () => {
    for (const i of instances) {
      await i.stopRelay();
      await i.store.close();
    }
    await drop();
  });

  it('delivers a change committed on one instance to the other, once', async () => {
    const [a, b] = instances as [(typeof instances)[0], (typeof instances)[0]];
    const seenByA: SuggestionChanged[] = [];
    const seenByB: SuggestionChanged[] = [];
    a.deps.events.on((e) => seenByA.push(e));
    b.deps.events.on((e) => seenByB.push(e));
    const people = await cast(a.deps);
    const s = (await propose(a.deps, people.agent.actor, dealProposal())).body;
    await expect.poll(() => seenByB.filter((e) => e.suggestionId === s.id).length).toBe(1);
    // Once the next one has arrived, the first was heard once only, on either instance.
    const next = (await propose(a.deps, people.agent.actor, dealProposal())).body;
    await expect.poll(() => seenByB.some((e) => e.suggestionId === next.id)).toBe(true);
    expect(seenByB.filter((e) => e.suggestionId === s.id)).toHaveLength(1);
    expect(seenByA.filter((e) => e.suggestionId === s.id)).toHaveLength(1);
  });

  it('delivers a token revocation made on one instance to the other, once', async () => {
    const [a, b] = instances as [(typeof instances)[0], (typeof instances)[0]];
    const people = await cast(a.deps);
    const revokedOnB: string[] = [];
    b.deps.events.onRevoked((id) => revokedOnB.push(id));
    await revokeToken(a.deps, people.admin.actor, people.rep.actor.tokenId!);
    await expect.poll(() => revokedOnB).toEqual([people.rep.actor.tokenId]);
    // Once the next one has arrived, the first was heard once only.
    await revokeToken(a.deps, people.admin.actor, people.rep2.actor.tokenId!);
    await expect.poll(() => revokedOnB).toEqual([people.rep.actor.tokenId, people.rep2.actor.tokenId]);
  });

  it('delivers a policy change made on one instance to the other, once, with its place in the audit trail', async () => {
    const [a, b] = instances as [(typeof instances)[0], (typeof instances)[0]];
    const people = await cast(a.deps);
    const onA: number[] = [];
    const onB: number[] = [];
    a.deps.events.onPolicyChanged((seq) => onA.push(seq));
    b.deps.events.onPolicyChanged((seq) => onB.push(seq));
    const change = { scope: 'global', mode: 'review', reason: 'drill' } as const;
    await setKillSwitch(a.deps, people.admin.actor, change);
    await setKillSwitch(a.deps, people.admin.actor, { ...change, mode: null });
    await expect.poll(() => onB.length).toBe(2);
    expect(onB).toEqual(onA);
    const kinds = await b.deps.db.selectFrom('audit_events').select('kind').where('seq', 'in', onB).execute();
    expect(kinds.map((k) => k.kind)).toEqual(['kill_switch', 'kill_switch']);
  });

  it('says nothing of a transaction that rolled back', async () => {
    const [a, b] = instances as [(typeof instances)[0], (typeof instances)[0]];
    const seenByB: SuggestionChanged[] = [];
    b.deps.events.on((e) => seenByB.push(e));
    const failing = auditedTx(a.deps, async (_tx, log) => {
      log.changed.push({
        suggestionId: 'ghost',
        crm: 'demo',
        recordId: 'x',
        status: 'approved',
        seq: 0,
        audience: { proposed_by: 'nobody', assignee_user: null, assignee_team: null },
      });
      throw new Error('rolled back');
    });
    await expect(failing).rejects.toThrow('rolled back');
    // A committed change sent after the failed one arrives; the ghost, sent first, never does.
    const people = await cast(a.deps);
    const s = (await propose(a.deps, people.agent.actor, dealProposal())).body;
    await expect.poll(() => seenByB.some((e) => e.suggestionId === s.id)).toBe(true);
    expect(seenByB.some((e) => e.suggestionId === 'ghost')).toBe(false);
  });
});
