import { IDBFactory, IDBKeyRange } from 'fake-indexeddb';
import { fakeBrowser } from 'wxt/testing/fake-browser';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createApiClient } from '../../lib/api/client';
import type { BackgroundBrowser, MessageSender } from '../../lib/background/browser-api';
import { startBackground, type Background } from '../../lib/background/start-background';
import { getCachedPolicy } from '../../lib/db/policy';
import { DATA_PORT } from '../../lib/bridge/protocol';
import { fakeEvent, memoryPorts, type MemoryPort } from '../../lib/bridge/testing/memory-ports';
import { decideLocally } from '../../lib/db/local-decisions';
import { CountersignDb } from '../../lib/db/schema';
import { getSession } from '../../lib/db/session';
import type { Reply } from '../../lib/messages';
import { propose } from '../../server/services/suggestions';
import { openHttpEnv, type HttpEnv } from '../helpers/http';
import { dealProposal } from '../helpers/people';

const EXT = `chrome-extension://${fakeBrowser.runtime.id}`;
const options: MessageSender = { id: fakeBrowser.runtime.id, url: `${EXT}/options.html`, tab: { id: 3 } as never };
const panel: MessageSender = { id: fakeBrowser.runtime.id, url: `${EXT}/review-panel.html`, tab: { id: 7 } as never };

function send<T>(msg: unknown, sender: MessageSender): Promise<Reply<T>> {
  return new Promise((resolve) => void fakeBrowser.runtime.onMessage.trigger(msg, sender, resolve));
}

/** `expect.poll` with room for a round trip to the server (its own default is 1 s). */
const poll = <T>(read: () => Promise<T> | T) => expect.poll(read, { timeout: 5_000 });

describe('the background against a real server', () => {
  let h: HttpEnv;
  let db: CountersignDb;
  let bg: Background;
  const onConnect = fakeEvent<[MemoryPort]>();
  const ids: string[] = [];

  beforeAll(async () => {
    h = await openHttpEnv();
    // The extension reads the server's times against its own clock (what is recent, what can leave the cache): here,
    // as in use, the two agree.
    h.clock.set(Date.now());
    for (const id of ['101', '102', '103']) {
      const record = { crm: 'hubspot', objectType: 'deal', id, name: `Deal ${id}` };
      // High-priority risk alerts: what the badge counts.
      const alert = { record, type: 'risk_alert', priority: 'high' };
      ids.push((await propose(h.deps, h.people.agent.actor, dealProposal(alert))).body.id);
    }
    fakeBrowser.reset();
    (fakeBrowser.runtime as { onConnect: unknown }).onConnect = onConnect;
    db = new CountersignDb('background-it', { indexedDB: new IDBFactory(), IDBKeyRange });
    bg = startBackground({ browser: fakeBrowser as unknown as BackgroundBrowser, db });
  });
  afterAll(() => h.close());

  it('signs in only with a token the server accepts, and never hands the token back', async () => {
    const bad = await send({ type: 'auth.signIn', serverUrl: h.url, token: 'cs_this-token-is-not-real' }, options);
    expect(bad).toEqual({ ok: false, error: 'The server did not accept this token' });
    expect(await getSession(db)).toBeUndefined();

    const token = h.people.rep.token;
    const ok = await send<{ user: { name: string } }>({ type: 'auth.signIn', serverUrl: `${h.url}/`, token }, options);
    expect(ok).toMatchObject({ ok: true, data: { user: { name: 'Dana', role: 'rep' } } });
    const status = await send({ type: 'auth.status' }, panel);
    expect(status).toMatchObject({ ok: true, data: { serverUrl: h.url, user: { name: 'Dana' } } });
    expect(JSON.stringify(status)).not.toContain(token);
  });

  it('fills the cache after sign-in and shows the count on the badge', async () => {
    await poll(async () => (await db.suggestions.bulkGet(ids)).every(Boolean)).toBe(true);
    await poll(() => fakeBrowser.action.getBadgeText({})).toBe('3');
    expect(await send({ type: 'auth.status' }, panel)).toMatchObject({
      data: { pending: 3, outbox: 0, connection: { state: 'online' } },
    });
  });

  it('flushes a decision the panel queued when asked to sync, and the badge follows', async () => {
    await decideLocally(db, ids[0]!, { op: 'decide', payload: { kind: 'approve' } });
    expect(await send({ type: 'sync.now' }, panel)).toMatchObject({ ok: true, data: { state: 'online' } });
    expect(await db.outbox.count()).toBe(0);
    const cached = await db.suggestions.get(ids[0]!);
    expect(cached).toMatchObject({ status: 'approved', lastDecision: { byName: 'Dana' } });
    expect(cached?.local).toBeUndefined();
    expect(cached?.notice).toBeUndefined();
    const rows = await h.deps.db.selectFrom('decisions').selectAll().where('suggestion_id', '=', ids[0]!).execute();
    expect(rows).toHaveLength(1);
    expect(await fakeBrowser.action.getBadgeText({})).toBe('2');
  });

  it('updates the cache live while a panel is connected', async () => {
    const { page, background } = memoryPorts(DATA_PORT, panel);
    onConnect.trigger(background);
    expect(bg.watchers.count).toBe(1);
    try {
      const raj = createApiClient(h.url, h.people.rep2.token);
      // Through a live event, or the pull the subscription runs on connecting: either way with no alarm or message.
      // (lib/sync's own test shows the event path alone.)
      await raj.suggestions.decide.mutate({ id: ids[1]!, decision: { kind: 'approve' }, idempotencyKey: 'raj-bg' });
      await poll(async () => (await db.suggestions.get(ids[1]!))?.status).toBe('approved');
      expect((await db.suggestions.get(ids[1]!))!.lastDecision?.byName).toBe('Raj');
      await poll(() => fakeBrowser.action.getBadgeText({})).toBe('1');

      // An admin elsewhere changes the policy: the open panel's cache has it with no sync of its own.
      await poll(() => getCachedPolicy(db)).not.toBeNull();
      const admin = createApiClient(h.url, h.people.admin.token);
      const { killSwitches: _k, ...editable } = (await admin.policy.get.query()).policy;
      const lower = { ...editable.defaults, risk: { ...editable.defaults.risk, amountLimit: 250 } };
      await admin.policy.update.mutate({ ...editable, defaults: lower });
      await poll(async () => (await getCachedPolicy(db))?.defaults.risk.amountLimit).toBe(250);
    } finally {
      page.disconnect();
      await poll(() => bg.watchers.count).toBe(0);
    }
  });

  it('records a decision a page sends and flushes it to the server at once', async () => {
    const action = { op: 'decide', payload: { kind: 'reject', note: 'Not yet' } };
    expect(await send({ type: 'decision.record', suggestionId: ids[2]!, action }, panel)).toEqual({
      ok: true,
      data: null,
    });
    const decided = () => h.deps.db.selectFrom('decisions').selectAll().where('suggestion_id', '=', ids[2]!).execute();
    await poll(async () => (await decided()).length).toBe(1);
    await poll(() => db.outbox.count()).toBe(0);
    expect((await db.suggestions.get(ids[2]!))?.status).toBe('rejected');
  });

  it('signs out with the cache and clears the badge', async () => {
    expect(await send({ type: 'auth.signOut' }, options)).toEqual({ ok: true, data: { signedOut: true, outbox: 0 } });
    expect(await db.suggestions.count()).toBe(0);
    expect(await fakeBrowser.action.getBadgeText({})).toBe('');
    expect(await send({ type: 'auth.status' }, panel)).toMatchObject({
      data: { user: null, connection: { state: 'signed_out' } },
    });
  });
});
