import { IDBFactory, IDBKeyRange } from 'fake-indexeddb';
import { afterAll, beforeAll, beforeEach, describe, expect, it, onTestFinished, vi } from 'vitest';
import { createApiClient, type ApiClient } from '../../lib/api/client';
import { decideLocally } from '../../lib/db/local-decisions';
import { CountersignDb, type OutboxEntry } from '../../lib/db/schema';
import { getConnection } from '../../lib/db/connection';
import { getCursor } from '../../lib/db/cursor';
import { clearSession, getSession, setSession } from '../../lib/db/session';
import { flushOutbox } from '../../lib/sync/flush-outbox';
import { live } from '../../lib/sync/live';
import { describeNotice } from '../../lib/sync/notices';
import { pull } from '../../lib/sync/pull';
import { decide } from '../../server/services/decisions';
import { propose } from '../../server/services/suggestions';
import { openHttpEnv, type HttpEnv } from '../helpers/http';
import { dealProposal, type Person } from '../helpers/people';

let dbCount = 0;
/** A database of its own, in an IndexedDB of its own: no test sees another's data. */
const freshDb = () => new CountersignDb(`sync-test-${++dbCount}`, { indexedDB: new IDBFactory(), IDBKeyRange });

/** A fetch that fails like a network that is down, counting the requests it was asked to make. */
function downFetch() {
  const calls: string[] = [];
  const f = (async (input: RequestInfo | URL) => {
    calls.push(String(input));
    throw new TypeError('fetch failed');
  }) as typeof fetch;
  return { fetch: f, calls };
}

/** The procedures one tRPC request carries: a batch names them all in its path, comma-separated. */
const proceduresIn = (url: string) => new URL(url).pathname.replace(/^\/trpc\//, '').split(',');

/** A fetch that passes through and counts each procedure call it carried. */
function countingFetch() {
  const calls = new Map<string, number>();
  const f = ((input: RequestInfo | URL, init?: RequestInit) => {
    for (const p of proceduresIn(String(input))) calls.set(p, (calls.get(p) ?? 0) + 1);
    return fetch(input, init);
  }) as typeof fetch;
  return { fetch: f, calls };
}

describe('extension sync against a real server', () => {
  let h: HttpEnv;
  let db: CountersignDb;
  let api: ApiClient;
  let rep: Person;
  let raj: Person;

  beforeAll(async () => {
    h = await openHttpEnv();
    // The extension reads the server's times against its own clock (what is recent, what can leave the cache): here,
    // as in use, the two agree.
    h.clock.set(Date.now());
    rep = h.people.rep;
    raj = h.people.rep2;
  });
  afterAll(() => h.close());

  beforeEach(async () => {
    db = freshDb();
    api = createApiClient(h.url, rep.token);
    const { id, name, role, team } = rep.actor;
    await setSession(db, { serverUrl: h.url, token: rep.token, user: { id, name, role, team } });
  });

  let records = 0;
  const proposeOne = async (over: Record<string, unknown> = {}) => {
    const record = { crm: 'hubspot', objectType: 'deal', id: `r${++records}`, name: 'Acme' };
    return (await propose(h.deps, h.people.agent.actor, dealProposal({ record, ...over }))).body;
  };
  const decisionsOn = (id: string) =>
    h.deps.db.selectFrom('decisions').selectAll().where('suggestion_id', '=', id).orderBy('seq').execute();

  it('fills the cache on the first pull, then updates exactly the item decided on the server', async () => {
    const items = [await proposeOne(), await proposeOne(), await proposeOne()];
    const first = await pull(db, api, { pageSize: 2 });
    expect(first.pages).toBe(2);
    expect(await db.suggestions.count()).toBe(3);
    const cursor = await getCursor(db);
    expect(cursor).toBeGreaterThan(0);
    expect(cursor).toBe(first.cursor);
    const before = await db.suggestions.bulkGet(items.map((s) => s.id));

    await decide(h.deps, raj.actor, items[1]!.id, { kind: 'approve' }, 'k-raj');
    const second = await pull(db, api);
    expect(second.changed).toBe(1);
    expect(await getCursor(db)).toBeGreaterThan(cursor);
    const after = await db.suggestions.bulkGet(items.map((s) => s.id));
    expect(after[0]).toEqual(before[0]);
    expect(after[2]).toEqual(before[2]);
    expect(after[1]).toMatchObject({ status: 'approved', version: before[1]!.version + 1 });
    expect(after[1]!.lastDecision).toMatchObject({ kind: 'approve', byName: 'Raj' });

    expect((await pull(db, api)).changed).toBe(0);
    expect(await getConnection(db)).toMatchObject({ state: 'online', error: null });
  });

  it('sends a decision once; a flush replayed after a lost local delete gets the same answer', async () => {
    const s = await proposeOne();
    await pull(db, api);
    const answers: unknown[] = [];
    const recording = (async (input: RequestInfo | URL, init?: RequestInit) => {
      const res = await fetch(input, init);
      if (String(input).includes('suggestions.decide')) answers.push(await res.clone().json());
      return res;
    }) as typeof fetch;
    const recordingApi = createApiClient(h.url, rep.token, recording);

    const entry = await decideLocally(db, s.id, { op: 'decide', payload: { kind: 'approve', note: 'ok' } });
    expect((await db.suggestions.get(s.id))!.local).toMatchObject({ kind: 'approve', outboxSeq: entry.seq });
    const crashed: { entry: OutboxEntry; local: unknown } = {
      entry: (await db.outbox.get(entry.seq!))!,
      local: (await db.suggestions.get(s.id))!.local,
    };

    expect(await flushOutbox(db, recordingApi)).toMatchObject({ sent: 1, refused: 0, remaining: 0 });
    expect((await db.suggestions.get(s.id))!.local).toBeUndefined();
    expect((await db.suggestions.get(s.id))!.status).toBe('approved');

    // The crash: the server answered, but the local delete never happened.
    await db.outbox.put(crashed.entry);
    await db.suggestions.update(s.id, { local: crashed.local as never });
    expect(await flushOutbox(db, recordingApi)).toMatchObject({ sent: 1, remaining: 0 });

    const rows = await decisionsOn(s.id);
    expect(rows).toHaveLength(1);
    expect(rows[0]).toMatchObject({ kind: 'approve', actor_id: rep.actor.id });
    expect(answers).toHaveLength(2);
    expect(answers[1]).toEqual(answers[0]);
    expect(await db.suggestions.get(s.id)).toMatchObject({ status: 'approved', lastDecision: { byName: 'Dana' } });
  });

  it('keeps the queue in order while offline and sends each entry once when back', async () => {
    const a = await proposeOne();
    const b = await proposeOne();
    await pull(db, api);
    const now = Date.parse('2026-11-01T10:00:00Z');
    await decideLocally(db, a.id, { op: 'decide', payload: { kind: 'approve' } }, now);
    await decideLocally(db, b.id, { op: 'decide', payload: { kind: 'reject', note: 'wrong stage' } }, now);

    vi.stubGlobal('navigator', { onLine: false }); // as a browser with no network says
    onTestFinished(() => void vi.unstubAllGlobals());
    const down = downFetch();
    const offline = createApiClient(h.url, rep.token, down.fetch);
    const report = await flushOutbox(db, offline, now);
    expect(report).toMatchObject({ sent: 0, remaining: 2, stopped: 'transient' });
    // One request, carrying the head entry alone: the second was not sent.
    expect(down.calls.map(proceduresIn)).toEqual([['suggestions.decide']]);
    const [first, second] = await db.outbox.orderBy('seq').toArray();
    expect(first).toMatchObject({ suggestionId: a.id, attempts: 1, lastError: expect.any(String) });
    expect(first!.nextAttemptAt).toBeGreaterThan(now);
    expect(second).toMatchObject({ suggestionId: b.id, attempts: 0, nextAttemptAt: now });
    expect((await getConnection(db)).state).toBe('offline');
    expect((await db.suggestions.get(a.id))!.local).toBeDefined();

    // Still backing off: nothing is sent, and the second entry does not overtake the first.
    expect(await flushOutbox(db, offline, now + 1)).toMatchObject({ sent: 0, remaining: 2, stopped: 'backoff' });
    expect(down.calls).toHaveLength(1);
    expect(await flushOutbox(db, offline, first!.nextAttemptAt)).toMatchObject({ stopped: 'transient' });
    expect((await db.outbox.get(first!.seq!))!.attempts).toBe(2);
    expect((await db.outbox.get(second!.seq!))!.attempts).toBe(0);

    expect([...(await decisionsOn(a.id)), ...(await decisionsOn(b.id))]).toHaveLength(0);

    expect(await flushOutbox(db, api, now + 60 * 60_000)).toMatchObject({ sent: 2, remaining: 0, stopped: null });
    const rows = await h.deps.db
      .selectFrom('decisions')
      .selectAll()
      .where('suggestion_id', 'in', [a.id, b.id])
      .orderBy('seq')
      .execute();
    expect(rows.map((r) => [r.suggestion_id, r.kind])).toEqual([
      [a.id, 'approve'],
      [b.id, 'reject'],
    ]);
    expect((await getConnection(db)).state).toBe('online');
    expect(await db.suggestions.get(b.id)).toMatchObject({ status: 'rejected' });
  });

  it('replaces the optimistic state with the winner when another reviewer decided first', async () => {
    const s = await proposeOne();
    await pull(db, api);
    await decideLocally(db, s.id, { op: 'decide', payload: { kind: 'reject', note: 'not yet' } });
    await createApiClient(h.url, raj.token).suggestions.decide.mutate({
      id: s.id,
      decision: { kind: 'approve' },
      idempotencyKey: 'raj-1',
    });

    expect(await flushOutbox(db, api)).toMatchObject({ sent: 0, refused: 1, remaining: 0 });
    const cached = (await db.suggestions.get(s.id))!;
    expect(cached.local).toBeUndefined();
    expect(cached.status).toBe('approved');
    expect(cached.notice).toMatchObject({ kind: 'conflict', message: 'Approved by Raj' });
    expect(describeNotice(cached.notice!, cached.notice!.at + 120_000)).toBe('Approved by Raj 2 min ago');
    expect(cached.lastDecision).toMatchObject({ kind: 'approve', byName: 'Raj' });
    expect((await decisionsOn(s.id)).map((d) => d.actor_id)).toEqual([raj.actor.id]);
  });

  it('tells the reviewer when the item timed out before the decision arrived', async () => {
    const s = await proposeOne({ timeoutSeconds: 60 });
    await pull(db, api);
    await decideLocally(db, s.id, { op: 'decide', payload: { kind: 'approve' } });
    h.clock.advance(61_000);

    expect(await flushOutbox(db, api)).toMatchObject({ refused: 1, remaining: 0 });
    const cached = (await db.suggestions.get(s.id))!;
    expect(cached.local).toBeUndefined();
    expect(cached.notice).toMatchObject({ kind: 'gone', message: 'Timed out before your decision reached the server' });
    expect(await decisionsOn(s.id)).toHaveLength(0);
  });

  it('drops a decision the server forbids, with its reason, and leaves the item open', async () => {
    // Over 1,000 in money: explicit lane at the manager tier, which a rep may not decide.
    const s = await proposeOne({ impact: { amount: 48_000, customerFacing: false, reversible: true } });
    expect(s.tier).toBe('manager');
    await pull(db, api);
    await decideLocally(db, s.id, { op: 'decide', payload: { kind: 'approve', note: 'fine' } });

    expect(await flushOutbox(db, api)).toMatchObject({ refused: 1, remaining: 0 });
    const cached = (await db.suggestions.get(s.id))!;
    expect(cached).toMatchObject({ status: 'pending', notice: { kind: 'error' } });
    expect(cached.notice!.message).toMatch(/manager/);
    expect(cached.local).toBeUndefined();
  });

  it('keeps the queue when the token is refused and says so', async () => {
    const s = await proposeOne();
    await pull(db, api);
    await decideLocally(db, s.id, { op: 'decide', payload: { kind: 'approve' } });
    const revoked = createApiClient(h.url, 'cs_not-a-real-token-at-all');
    expect(await flushOutbox(db, revoked)).toMatchObject({ remaining: 1, stopped: 'unauthorized' });
    expect((await getConnection(db)).state).toBe('unauthorized');
    await expect(pull(db, revoked)).rejects.toThrow();
    expect((await getConnection(db)).state).toBe('unauthorized');
  });

  it('writes nothing back from a flush or a pull that outlives a sign-out', async () => {
    const s = await proposeOne();
    await pull(db, api);
    await decideLocally(db, s.id, { op: 'decide', payload: { kind: 'approve' } });
    let open!: () => void;
    const gate = new Promise<void>((resolve) => (open = resolve));
    const waiting: string[] = [];
    const gated = (async (input: RequestInfo | URL, init?: RequestInit) => {
      waiting.push(String(input));
      await gate;
      return fetch(input, init);
    }) as typeof fetch;
    const slowApi = createApiClient(h.url, rep.token, gated);
    const flushing = flushOutbox(db, slowApi);
    const pulling = pull(db, slowApi);

    // The decision and the delta request are on their way.
    await expect.poll(() => waiting.length, { timeout: 5_000 }).toBe(2);

    // Meanwhile the user signs out, and back in with the same token: a fresh, empty cache.
    const session = (await getSession(db))!;
    await clearSession(db);
    await setSession(db, session);
    open();
    await flushing;
    await pulling;
    expect(await db.suggestions.count()).toBe(0);
    expect(await getCursor(db)).toBe(0);
    expect(await decisionsOn(s.id)).toHaveLength(1); // the server did get it: the decision itself is not lost
  });

  it('sends each entry once when flushes are triggered concurrently', async () => {
    const items = await Promise.all([1, 2, 3, 4, 5].map(() => proposeOne()));
    await pull(db, api);
    for (const s of items) await decideLocally(db, s.id, { op: 'decide', payload: { kind: 'approve' } });
    const counting = countingFetch();
    const countedApi = createApiClient(h.url, rep.token, counting.fetch);
    const reports = await Promise.all([1, 2, 3].map(() => flushOutbox(db, countedApi)));
    expect(reports.reduce((n, r) => n + r.sent, 0)).toBe(5);
    expect(counting.calls.get('suggestions.decide')).toBe(5);
    for (const s of items) expect(await decisionsOn(s.id)).toHaveLength(1);
  });

  it('follows changes live while subscribed, and stops when told', async () => {
    const s = await proposeOne();
    await pull(db, api);
    const pulls: number[] = [];
    const handle = live(db, api, (r) => pulls.push(r.changed));
    try {
      await expect.poll(() => pulls.length, { timeout: 5_000 }).toBeGreaterThan(0); // the subscription caught up
      await createApiClient(h.url, raj.token).suggestions.decide.mutate({
        id: s.id,
        decision: { kind: 'approve' },
        idempotencyKey: 'raj-live',
      });
      await expect.poll(async () => (await db.suggestions.get(s.id))?.status, { timeout: 5_000 }).toBe('approved');
      // The name arrives with the status, in the same write: the panel never shows "Approved" by nobody.
      expect((await db.suggestions.get(s.id))!.lastDecision).toMatchObject({ byName: 'Raj' });
    } finally {
      handle.stop();
    }
  });

  it('flushes 1,000 queued decisions with no duplicates', { timeout: 180_000 }, async () => {
    const ids: string[] = [];
    for (let i = 0; i < 1_000; i++) ids.push((await proposeOne()).id);
    await pull(db, api, { pageSize: 500 });
    expect((await db.suggestions.bulkGet(ids)).every((s) => s?.status === 'pending')).toBe(true);
    for (const id of ids) await decideLocally(db, id, { op: 'decide', payload: { kind: 'approve' } });

    const started = performance.now();
    const report = await flushOutbox(db, api);
    const ms = performance.now() - started;

    // The yardstick, in the same run: the server's own decide, called in-process with no HTTP and no client.
    const reference: string[] = [];
    for (let i = 0; i < 200; i++) reference.push((await proposeOne()).id);
    const refStarted = performance.now();
    for (const id of reference) await decide(h.deps, rep.actor, id, { kind: 'approve' }, `ref-${id}`);
    const refEach = (performance.now() - refStarted) / reference.length;
    console.log(
      `flushed 1,000 outbox entries in ${Math.round(ms)} ms: ${(ms / 1_000).toFixed(2)} ms each, ` +
        `${(ms / 1_000 / refEach).toFixed(1)}× the server's in-process decide (${refEach.toFixed(2)} ms)`,
    );

    expect(report).toMatchObject({ sent: 1_000, remaining: 0 });
    const rows = await h.deps.db
      .selectFrom('decisions')
      .select(['suggestion_id'])
      .where('suggestion_id', 'in', ids)
      .execute();
    expect(rows).toHaveLength(1_000);
    expect(new Set(rows.map((r) => r.suggestion_id)).size).toBe(1_000);
  });
});
