import { useLiveQuery } from 'dexie-react-hooks';
import { alertList } from '../db/alerts';
import { useDb } from './db-context';
import type { CachedSuggestion } from './types';

/**
 * The popup's risk-alert list from the cache, highest risk first (see `compareAlerts` in lib/db/alerts), kept live as
 * the background syncs; undefined while the first read runs. The cache holds what the server lets this user see: a
 * manager's team, a rep's own items.
 */
export function useAlerts(): CachedSuggestion[] | undefined {
  const db = useDb();
  return useLiveQuery(() => alertList(db), [db]);
}
