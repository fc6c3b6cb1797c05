import { liveQuery } from 'dexie';
import { getConnection } from '../db/connection';
import type { CountersignDb } from '../db/schema';
import type { SyncEngine } from './sync-engine';

const LOST = new Set(['offline', 'unreachable']);

/**
 * Flushes the outbox as soon as the server answers again after the connection was lost (any call that succeeds
 * moves the connection state back to online: a live pull, the alarm's pull, a call from the options page), instead of
 * leaving decisions taken offline to the next alarm. The backoff each entry gathered while offline is ignored then:
 * it measured the outage, not the server. Returns how to stop watching.
 */
export function flushOnReconnect(db: CountersignDb, engine: SyncEngine): () => void {
  let lost = false;
  const subscription = liveQuery(() => getConnection(db)).subscribe({
    next: ({ state }) => {
      if (lost && state === 'online') {
        void engine.flush({ ignoreBackoff: true }).catch((err) => console.error('Countersign:', err));
      }
      lost = LOST.has(state);
    },
    error: (err) => console.error('Countersign:', err),
  });
  return () => subscription.unsubscribe();
}
