import type { ApiClient } from '../api/client';
import { getConnection, setConnection } from '../db/connection';
import type { ConnectionState, CountersignDb } from '../db/schema';
import { getSession } from '../db/session';
import { flushOutbox, type FlushOptions, type FlushReport } from '../sync/flush-outbox';
import { live, type LiveHandle } from '../sync/live';
import { inTurn } from '../sync/one-at-a-time';
import { refreshPolicy } from '../sync/policy';
import { pull } from '../sync/pull';

export type CreateApi = (serverUrl: string, token: string) => ApiClient;

export interface SyncEngineDeps {
  db: CountersignDb;
  createApi: CreateApi;
  /** After each sync, flush or live pull: the badge follows the cache. */
  onSynced: () => Promise<unknown>;
  now?: () => number;
}

export interface SyncEngine {
  /**
   * Flushes the outbox, then pulls, then reads the policy in force; failures end up in the connection state, which it
   * returns.
   */
  sync(opts?: FlushOptions): Promise<ConnectionState>;
  flush(opts?: FlushOptions): Promise<FlushReport | null>;
  /** Live updates on while at least one panel watches. */
  setWatching(on: boolean): Promise<void>;
  /** The session changed (sign-in, sign-out): drop the client and restart live updates under the new one. */
  sessionChanged(): Promise<void>;
}

/** Runs sync for the background: one API client per session, read from the database on each use. */
export function createSyncEngine({ db, createApi, onSynced, now = Date.now }: SyncEngineDeps): SyncEngine {
  let client: { serverUrl: string; token: string; api: ApiClient } | null = null;
  let watching = false;
  let liveHandle: LiveHandle | null = null;
  let retry: ReturnType<typeof setTimeout> | undefined;

  // The service worker may have been restarted since the last call: the database, not memory, says who is in.
  async function api(): Promise<ApiClient | null> {
    const session = await getSession(db);
    if (!session) {
      client = null;
      await setConnection(db, { state: 'signed_out', error: null });
      return null;
    }
    if (client?.token !== session.token || client.serverUrl !== session.serverUrl) {
      client = { serverUrl: session.serverUrl, token: session.token, api: createApi(session.serverUrl, session.token) };
    }
    return client.api;
  }

  /**
   * A flush that stopped short of an empty outbox, on a failure worth retrying or on an entry not due yet, goes again
   * when the head entry is due: the outbox's backoff is kept while the worker lives, instead of waiting for the next
   * alarm, which stays the way back once the worker has slept.
   */
  async function retryWhenDue(report: FlushReport | null): Promise<void> {
    clearTimeout(retry);
    if (report?.stopped !== 'transient' && report?.stopped !== 'backoff') return;
    const head = await db.outbox.orderBy('seq').first();
    if (!head) return;
    const flushAgain = () => void engine.flush().catch((err) => console.error('Countersign:', err));
    retry = setTimeout(flushAgain, Math.max(0, head.nextAttemptAt - now()));
  }

  const engine: SyncEngine = {
    async sync(opts) {
      const a = await api();
      if (a) {
        await retryWhenDue(await flushOutbox(db, a, now(), opts));
        // The connection state says what went wrong; a server that could not be pulled from is not asked again.
        const pulled = await pull(db, a).then(
          () => true,
          () => false,
        );
        if (pulled) await refreshPolicy(db, a);
      }
      await onSynced();
      return getConnection(db);
    },

    async flush(opts) {
      const a = await api();
      const report = a ? await flushOutbox(db, a, now(), opts) : null;
      await retryWhenDue(report);
      await onSynced();
      return report;
    },

    setWatching(on) {
      watching = on;
      return refreshLive();
    },

    sessionChanged() {
      client = null;
      return refreshLive(true);
    },
  };

  // One at a time, so that two quick toggles cannot leave two subscriptions running.
  function refreshLive(restart = false): Promise<void> {
    return inTurn(engine, 'live', async () => {
      if (liveHandle && (restart || !watching)) {
        liveHandle.stop();
        liveHandle = null;
      }
      if (!watching || liveHandle) return;
      const a = await api();
      if (a) liveHandle = live(db, a, () => void onSynced(), { onPolicy: () => void refreshPolicy(db, a) });
    });
  }

  return engine;
}
