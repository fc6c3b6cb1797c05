import { liveQuery } from 'dexie';
import { fakeBrowser } from 'wxt/testing/fake-browser';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { getConnection, setConnection } from '../db/connection';
import { upsertFromServer } from '../db/upsert-from-server';
import { SYNC_ALARM } from './alarms';
import type { BackgroundBrowser } from './browser-api';
import { flushOnReconnect } from './flush-on-reconnect';
import { startBackground } from './start-background';
import type { SyncEngine } from './sync-engine';
import { fakeApi, freshDb, panelPage, send, signInAs, suggestion } from './testing/harness';

describe('flushing the outbox when the connection comes back', () => {
  it('flushes at once, past any backoff, when the state goes from offline or unreachable to online', async () => {
    const db = freshDb();
    const flush = vi.fn(async () => null);
    const stop = flushOnReconnect(db, { flush } as unknown as SyncEngine);
    // A live query of the test's own, started after the watcher's: Dexie reruns live queries in the order they
    // started, so once it has seen a state, the watcher has too.
    const seen: string[] = [];
    const probe = liveQuery(() => getConnection(db)).subscribe(({ state }) => seen.push(state));
    await vi.waitFor(() => expect(seen).toEqual(['signed_out']));
    const moveTo = async (state: 'online' | 'offline' | 'unreachable' | 'signed_out') => {
      await setConnection(db, { state });
      await vi.waitFor(() => expect(seen.at(-1)).toBe(state));
    };
    await moveTo('online'); // from signed out: nothing was waiting on the connection
    await moveTo('offline');
    expect(flush).not.toHaveBeenCalled();
    await moveTo('online');
    expect(flush).toHaveBeenCalledExactlyOnceWith({ ignoreBackoff: true });
    await moveTo('unreachable');
    await moveTo('online');
    expect(flush).toHaveBeenCalledTimes(2);

    stop();
    await moveTo('offline');
    await moveTo('online');
    expect(flush).toHaveBeenCalledTimes(2);
    probe.unsubscribe();
  });

  describe('in the background', () => {
    // The outbox's retry timer runs only when a test moves time, and the background's clock moves only with it: a
    // decision sent in the tests of the pull and of the online event was sent by them, not by the retry, and no
    // timer set in one test runs in the next. (vi.waitFor moves the fake timers as it polls; a retry they set off
    // finds its entry not yet due on the background's clock.)
    beforeEach(() => {
      vi.useFakeTimers({ toFake: ['setTimeout', 'clearTimeout'] });
    });
    afterEach(() => {
      vi.useRealTimers();
      vi.restoreAllMocks();
    });

    /** A server that is out of reach while `down`, and otherwise accepts decisions and has no changes. */
    function setUp() {
      const db = freshDb();
      const server = { down: true, decided: [] as string[] };
      const unreachable = () => Object.assign(new TypeError('fetch failed'), { data: undefined });
      const api = fakeApi({
        'suggestions.changes': () => {
          if (server.down) throw unreachable();
          return { items: [], cursor: 1, more: false };
        },
        'suggestions.decide': (input) => {
          if (server.down) throw unreachable();
          const { id } = input as { id: string };
          server.decided.push(id);
          return {
            ...suggestion(id, { status: 'approved', version: 2 }),
            decisions: [],
            finalChangeSet: null,
            finalHash: null,
            outcome: null,
          };
        },
      });
      fakeBrowser.reset();
      (fakeBrowser.runtime as { onConnect: unknown }).onConnect = { addListener: () => {} };
      const scope = new EventTarget();
      const clock = { now: Date.parse('2026-11-01T09:30:00.000Z') };
      const now = () => clock.now;
      startBackground({ browser: fakeBrowser as unknown as BackgroundBrowser, db, createApi: () => api, now, scope });
      /** Moves the background's clock to `t`, and the timers with it. */
      const moveTo = async (t: number) => {
        const by = t - clock.now;
        clock.now = t;
        await vi.advanceTimersByTimeAsync(by);
      };
      // A flush's last step is the badge, and its title: each call is a flush that has ended.
      const flushesEnded = vi.spyOn(fakeBrowser.action, 'setTitle');
      return { db, server, scope, moveTo, flushesEnded };
    }

    /** A decision taken while the server is out of reach: it waits in the outbox, backed off. */
    async function decideOffline(db: ReturnType<typeof freshDb>) {
      await signInAs(db, 'rep');
      await upsertFromServer(db, [suggestion('s1')]);
      const action = { op: 'decide', payload: { kind: 'approve' } };
      expect((await send({ type: 'decision.record', suggestionId: 's1', action }, panelPage())).ok).toBe(true);
      await vi.waitFor(async () => expect((await db.outbox.toArray())[0]?.attempts).toBe(1));
      expect(['offline', 'unreachable']).toContain((await getConnection(db)).state);
    }

    it('sends a decision taken offline as soon as a pull gets an answer, not at a later alarm', async () => {
      const { db, server } = setUp();
      await decideOffline(db);
      server.down = false;
      // The alarm's sync skips the backed-off entry; its pull is the first answer since the outage.
      await fakeBrowser.alarms.onAlarm.trigger({ name: SYNC_ALARM, scheduledTime: Date.now() } as never);
      await vi.waitFor(() => expect(server.decided).toEqual(['s1']));
      await vi.waitFor(async () => expect(await db.outbox.count()).toBe(0));
      expect((await getConnection(db)).state).toBe('online');
    });

    it('tries a backed-off decision again when it is due, with no alarm, event or pull', async () => {
      const { db, server, moveTo, flushesEnded } = setUp();
      await decideOffline(db);
      await vi.waitFor(() => expect(flushesEnded).toHaveBeenCalledTimes(1)); // the decision's own flush
      const [entry] = await db.outbox.toArray();
      server.down = false;
      // A millisecond early, the retry goes off (as the timers move, and as vi.waitFor moves them) and finds the
      // entry not due yet: once a flush after the first has ended, it has sent nothing.
      await moveTo(entry!.nextAttemptAt - 1);
      await vi.waitFor(() => expect(flushesEnded.mock.calls.length).toBeGreaterThan(1));
      expect(server.decided).toEqual([]);
      await moveTo(entry!.nextAttemptAt);
      await vi.waitFor(() => expect(server.decided).toEqual(['s1']));
      await vi.waitFor(async () => expect(await db.outbox.count()).toBe(0));
    });

    it('syncs on the worker’s online event', async () => {
      const { db, server, scope } = setUp();
      await decideOffline(db);
      server.down = false;
      scope.dispatchEvent(new Event('online'));
      await vi.waitFor(() => expect(server.decided).toEqual(['s1']));
      await vi.waitFor(async () => expect(await db.outbox.count()).toBe(0));
    });
  });
});
