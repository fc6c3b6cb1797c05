import { useLiveQuery } from 'dexie-react-hooks';
import { getConnection } from '../db/connection';
import type { ConnectionState } from '../db/schema';
import { useDb } from './db-context';

export interface ConnectionView extends Omit<ConnectionState, 'state'> {
  /** `loading` until the first read; a background that never wrote a state counts as signed out. */
  state: ConnectionState['state'] | 'loading';
}

const LOADING: ConnectionView = { state: 'loading', lastSyncAt: null, error: null };

/** The background's connection state (META.connection), live. */
export function useConnection(): ConnectionView {
  const db = useDb();
  return useLiveQuery(() => getConnection(db), [db]) ?? LOADING;
}
