import type { ConnectionState } from './types';
import { useBridgeQuery } from './use-bridge-query';

export interface ConnectionView extends Omit<ConnectionState, 'state'> {
  /** `loading` until the first read; a background that never wrote a state counts as signed out. */
  state: ConnectionState['state'] | 'loading';
}

const LOADING: ConnectionView = { state: 'loading', lastSyncAt: null, error: null };

/** The background's connection state, live. */
export function useConnection(): ConnectionView {
  return useBridgeQuery({ kind: 'connection' }) ?? LOADING;
}
