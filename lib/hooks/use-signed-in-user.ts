import { useLiveQuery } from 'dexie-react-hooks';
import { getSession } from '../db/session';
import type { User } from '../schemas/user';
import { useDb } from './db-context';

/** Who is signed in, from the cache's session (the user only, never the token); null when signed out. */
export function useSignedInUser(): User | null | undefined {
  const db = useDb();
  return useLiveQuery(async () => (await getSession(db))?.user ?? null, [db]);
}
