import { createContext, useContext, type ReactNode } from 'react';
import type { CountersignDb } from '../db/schema';

const DbContext = createContext<CountersignDb | null>(null);

/** Gives the panel's hooks their database: the page's own in the extension, a fresh one per test. */
export function DbProvider({ db, children }: { db: CountersignDb; children: ReactNode }) {
  return <DbContext.Provider value={db}>{children}</DbContext.Provider>;
}

export function useDb(): CountersignDb {
  const db = useContext(DbContext);
  if (!db) throw new Error('useDb is used outside a <DbProvider>');
  return db;
}
