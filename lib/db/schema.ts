import Dexie, { type EntityTable } from 'dexie';
import type { Decision, DecisionInput } from '../schemas/decision';
import type { Suggestion } from '../schemas/suggestion';
import type { User } from '../schemas/user';

/** A decision the user took here that the server has not confirmed yet. */
export interface LocalDecision {
  kind: DecisionInput['kind'] | 'confirm' | 'cancel';
  at: number;
  outboxSeq: number;
}

/** What the server told us when it refused a decision taken here. `at` is when that happened (epoch ms). */
export interface Notice {
  kind: 'conflict' | 'gone' | 'error';
  message: string;
  at: number;
}

/** The decision that last moved the item, as far as the cache knows; `at` is the server's time (epoch ms). */
export interface LastDecision {
  kind: Decision['kind'];
  byId: string;
  byName: string;
  at: number;
}

/** A suggestion as last seen from the server, plus what the user did here and the server has not answered. */
export interface CachedSuggestion extends Suggestion {
  local?: LocalDecision;
  /** What really happened when it differs from what the user did here: "Approved by Raj 2 min ago". */
  notice?: Notice;
  /** Who decided it, for "decided elsewhere"; known when the item closed while cached, or from our own decision. */
  lastDecision?: LastDecision;
}

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

/** Small named values: connection, session, sync cursor, preferences. */
export interface MetaRow {
  key: string;
  value: unknown;
}

export interface Session {
  serverUrl: string;
  token: string;
  user: User;
}

export interface ConnectionState {
  state: 'online' | 'offline' | 'unreachable' | 'signed_out' | 'unauthorized';
  lastSyncAt: number | null;
  error: string | null;
}

export interface Preferences {
  /** Whether the panel starts as a collapsed tab. */
  panelCollapsed: boolean;
  notifications: boolean;
}

/** The extension's cache and outbox, in the extension's own origin only (never a content script). */
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
} as const;
