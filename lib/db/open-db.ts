import { CountersignDb } from './schema';

let shared: CountersignDb | undefined;

/** The extension's one database, opened by the background only (pages go through it); Dexie opens it on first use. */
export function openDb(): CountersignDb {
  shared ??= new CountersignDb();
  return shared;
}
