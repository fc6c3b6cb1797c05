import { useLiveQuery } from 'dexie-react-hooks';
import { useCallback } from 'react';
import { getPreferences, setPreferences } from '../db/preferences';
import type { Preferences } from '../db/schema';
import { useDb } from './db-context';

/** This browser's preferences (META.preferences), live, and how to change them; undefined until the first read. */
export function usePreferences(): [Preferences | undefined, (patch: Partial<Preferences>) => void] {
  const db = useDb();
  const prefs = useLiveQuery(() => getPreferences(db), [db]);
  const update = useCallback((patch: Partial<Preferences>) => void setPreferences(db, patch), [db]);
  return [prefs, update];
}
