import { liveQuery } from 'dexie';
import { fakeBrowser } from 'wxt/testing/fake-browser';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { openHttpEnv, sessionOf, type HttpEnv } from '../../test/helpers/http';
import { dealProposal } from '../../test/helpers/people';
import { propose } from '../../server/services/suggestions';
import { createApiClient } from '../api/client';
import { getConnection, setConnection } from '../db/connection';
import { setSession } from '../db/session';
import { SYNC_ALARM } from './alarms';
import type { BackgroundBrowser } from './browser-api';
import { flushOnReconnect } from './flush-on-reconnect';
import { startBackground } from './start-background';
import type { SyncEngine } from './sync-engine';
import { freshDb, panelPage, popupPage, send } from './testing/harness';

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
    let h: HttpEnv;
    beforeEach(async () => {
      h = await openHttpEnv();
      // The extension reads the server's times (what has expired, what leaves the cache) against its own clock.
      h.clock.set(Date.now());
    });
    afterEach(async () => {
      vi.useRealTimers();
      vi.restoreAllMocks();
      await h.close();
    });

    /** The decisions the server recorded on suggestion `id`. */
    const decisionsOn = (id: string) =>
      h.deps.db.selectFrom('decisions').select(['kind', 'actor_id']).where('suggestion_id', '=', id).execute();

    /**
     * A background signed in as the rep, its cache filled from the server, whose approval of a suggestion the agent
     * proposed was taken while its network was down: it waits in the outbox, backed off.
     */
    async function decidedOffline() {
      const { id } = (await propose(h.deps, h.people.agent.actor, dealProposal())).body;
      const network = { down: false };
      const fetchUnlessDown: typeof fetch = (input, init) =>
        network.down ? Promise.reject(new TypeError('fetch failed')) : fetch(input, init);
      const api = createApiClient(h.url, h.people.rep.token, fetchUnlessDown);
      const db = freshDb();
      fakeBrowser.reset();
      (fakeBrowser.runtime as { onConnect: unknown }).onConnect = { addListener: () => {} };
      const scope = new EventTarget();
      const clock = { now: Date.now() };
      const now = () => clock.now;
      startBackground({ browser: fakeBrowser as unknown as BackgroundBrowser, db, createApi: () => api, now, scope });
      await setSession(db, sessionOf(h, h.people.rep));
      expect(await send({ type: 'sync.now' }, popupPage)).toMatchObject({ ok: true, data: { state: 'online' } });

      // From here the outbox's retry timer runs only when a test moves time, and the background's clock moves only
      // with it: a decision sent in the tests of the pull and of the online event was sent by them, not by the retry,
      // and no timer set in one test runs in the next. vi.waitFor moves the fake timers as it polls: that sends tRPC's
      // batched requests (they wait on a setTimeout of 0), and a retry it sets off finds its entry not yet due.
      vi.useFakeTimers({ toFake: ['setTimeout', 'clearTimeout'] });
      /** Moves the background's clock to `t`, and the timers with it. */
      const moveTo = async (t: number) => {
        const by = t - clock.now;
        clock.now = t;
        await vi.advanceTimersByTimeAsync(by);
      };
      // A flush's last step is the badge, and its title: each call is a flush that has ended.
      const flushesEnded = vi.spyOn(fakeBrowser.action, 'setTitle');

      network.down = true;
      const action = { op: 'decide', payload: { kind: 'approve' } };
      expect((await send({ type: 'decision.record', suggestionId: id, action }, panelPage())).ok).toBe(true);
      await vi.waitFor(async () => {
        expect((await db.outbox.toArray())[0]?.attempts).toBe(1);
        expect(['offline', 'unreachable']).toContain((await getConnection(db)).state);
      });
      return { id, db, network, scope, moveTo, flushesEnded };
    }

    /** Waits until the server has recorded the rep's approval of `id`, once, and the outbox is empty. */
    async function sentOnce(db: ReturnType<typeof freshDb>, id: string) {
      await vi.waitFor(async () => expect(await decisionsOn(id)).toHaveLength(1), { timeout: 5_000 });
      await vi.waitFor(async () => expect(await db.outbox.count()).toBe(0));
      expect(await decisionsOn(id)).toEqual([{ kind: 'approve', actor_id: h.people.rep.actor.id }]);
    }

    it('sends a decision taken offline as soon as a pull gets an answer, not at a later alarm', async () => {
      const { id, db, network } = await decidedOffline();
      network.down = false;
      // The alarm's sync skips the backed-off entry; its pull is the first answer since the outage.
      await fakeBrowser.alarms.onAlarm.trigger({ name: SYNC_ALARM, scheduledTime: Date.now() } as never);
      await sentOnce(db, id);
      expect((await getConnection(db)).state).toBe('online');
    });

    it('tries a backed-off decision again when it is due, with no alarm, event or pull', async () => {
      const { id, db, network, moveTo, flushesEnded } = await decidedOffline();
      await vi.waitFor(() => expect(flushesEnded).toHaveBeenCalledTimes(1)); // the decision's own flush
      const [entry] = await db.outbox.toArray();
      network.down = false;
      // A millisecond early, the retry goes off (as the timers move, and as vi.waitFor moves them) and finds the
      // entry not due yet: once a flush after the first has ended, it has sent nothing.
      await moveTo(entry!.nextAttemptAt - 1);
      await vi.waitFor(() => expect(flushesEnded.mock.calls.length).toBeGreaterThan(1));
      expect(await decisionsOn(id)).toEqual([]);
      expect(await db.outbox.count()).toBe(1);
      await moveTo(entry!.nextAttemptAt);
      await sentOnce(db, id);
    });

    it('syncs on the worker’s online event', async () => {
      const { id, db, network, scope } = await decidedOffline();
      network.down = false;
      scope.dispatchEvent(new Event('online'));
      await sentOnce(db, id);
    });
  });
});
