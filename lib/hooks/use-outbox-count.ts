import { useLiveQuery } from 'dexie-react-hooks';
import { outboxCount } from '../db/counts';
import { useDb } from './db-context';

/** Decisions taken here that have not reached the server yet; undefined until the first read. */
export function useOutboxCount(): number | undefined {
  const db = useDb();
  return useLiveQuery(() => outboxCount(db), [db]);
}
