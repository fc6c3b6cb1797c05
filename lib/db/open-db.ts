import { CountersignDb } from './schema';

let shared: CountersignDb | undefined;

/** The one database of this extension context (background, panel, popup, options); Dexie opens it on first use. */
export function openDb(): CountersignDb {
  shared ??= new CountersignDb();
  return shared;
}
