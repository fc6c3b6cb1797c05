import type { z } from 'zod';
import type { answers, BridgeQuery, QueryKind } from '../bridge/protocol';
import { alertList } from '../db/alerts';
import { getConnection } from '../db/connection';
import { outboxCount } from '../db/counts';
import { queuedDecision } from '../db/local-decisions';
import { getCachedPolicy } from '../db/policy';
import { getPreferences } from '../db/preferences';
import { suggestionsForRecord } from '../db/record-suggestions';
import type { CountersignDb } from '../db/schema';
import { getSession } from '../db/session';

type Run<K extends QueryKind> = (
  db: CountersignDb,
  query: Extract<BridgeQuery, { kind: K }>,
) => Promise<z.input<(typeof answers)[K]>>;

/** Each query a page may subscribe to, on the cache; typed so that what it reads fits what the page expects. */
const QUERIES: { [K in QueryKind]: Run<K> } = {
  recordSuggestions: (db, { record }) =>
    suggestionsForRecord(db, record.crm, record.id, { objectType: record.objectType }),
  alerts: (db) => alertList(db),
  connection: (db) => getConnection(db),
  outboxCount: (db) => outboxCount(db),
  preferences: (db) => getPreferences(db),
  queuedDecision: (db, { outboxSeq }) => queuedDecision(db, outboxSeq),
  signedInUser: async (db) => (await getSession(db))?.user ?? null,
  policy: (db) => getCachedPolicy(db),
};

/** Runs a page's query once; the caller runs it inside Dexie's `liveQuery` to run it again on every change. */
export function runQuery(db: CountersignDb, query: BridgeQuery): Promise<unknown> {
  const run = QUERIES[query.kind] as Run<QueryKind>;
  return run(db, query);
}
