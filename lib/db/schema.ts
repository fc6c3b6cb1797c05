import Dexie, { type EntityTable } from 'dexie';
import type { CachedSuggestion } from '../bridge/values';
import type { User } from '../schemas/user';

// The cached rows' shapes are the ones pages receive through the bridge, checked there with the same schemas.
export type {
  CachedSuggestion,
  ConnectionState,
  LastDecision,
  LocalDecision,
  Notice,
  Preferences,
} from '../bridge/values';

/** A decision waiting to reach the server; flushed in `seq` order with its idempotency key. */
export interface OutboxEntry {
  seq?: number;
  key: string;
  suggestionId: string;
  op: 'decide' | 'condition';
  payload: unknown;
  createdAt: number;
  attempts: number;
  nextAttemptAt: number;
  lastError?: string;
}

/** Small named values: connection, session, sync cursor, preferences, the policy in force. */
export interface MetaRow {
  key: string;
  value: unknown;
}

export interface Session {
  serverUrl: string;
  token: string;
  user: User;
}

/**
 * The extension's cache and outbox. Only the background opens it: a content script's IndexedDB belongs to the CRM's
 * origin, and an extension page framed by a website may be refused storage (third-party cookies blocked), so pages
 * read and write through the background (lib/bridge, lib/background/page-data.ts).
 */
export class CountersignDb extends Dexie {
  suggestions!: EntityTable<CachedSuggestion, 'id'>;
  outbox!: EntityTable<OutboxEntry, 'seq'>;
  meta!: EntityTable<MetaRow, 'key'>;

  constructor(name = 'countersign', options?: ConstructorParameters<typeof Dexie>[1]) {
    super(name, options);
    this.version(1).stores({
      suggestions: 'id, [record.crm+record.id], status, type, tier, updatedAt',
      outbox: '++seq, &key, suggestionId, nextAttemptAt',
      meta: 'key',
    });
  }
}

export const META = {
  session: 'session',
  connection: 'connection',
  cursor: 'cursor',
  preferences: 'preferences',
  policy: 'policy',
} as const;
