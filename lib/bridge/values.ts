import { z } from 'zod';
import { isOpen, isReturned } from '../schemas/common';
import { decision } from '../schemas/decision';
import { suggestion } from '../schemas/suggestion';

// The shapes of the cache's values, as an extension page receives them from the background. The cache itself (lib/db)
// is the background's alone and stores these shapes; a page checks every value against them before showing it.

/** A decision the user took here that the server has not confirmed yet. */
export const localDecision = z.object({
  kind: z.enum(['approve', 'modify', 'partial', 'conditional', 'reject', 'escalate', 'dismiss', 'confirm', 'cancel']),
  at: z.number(),
  outboxSeq: z.number().int(),
});
export type LocalDecision = z.infer<typeof localDecision>;

/** What the server said when it refused a decision taken here; `at` is when (epoch ms). */
export const notice = z.object({
  kind: z.enum(['conflict', 'gone', 'error']),
  message: z.string(),
  at: z.number(),
});
export type Notice = z.infer<typeof notice>;

/** The decision that last moved the item, as far as the cache knows; `at` is the server's time (epoch ms). */
export const lastDecision = z.object({
  kind: decision.shape.kind,
  byId: z.string(),
  byName: z.string(),
  at: z.number(),
});
export type LastDecision = z.infer<typeof lastDecision>;

/** A suggestion as last seen from the server, plus what the user did here and what the sync found out. */
export const cachedSuggestion = suggestion.extend({
  local: localDecision.optional(),
  /** What really happened when it differs from what the user did here: "Approved by Raj 2 min ago". */
  notice: notice.optional(),
  /** Who decided it, for "decided elsewhere"; known when the item closed while cached, or from our own decision. */
  lastDecision: lastDecision.optional(),
  /** How execution ended, as the executor reported it: why an item went stale or failed. */
  outcome: z.object({ ok: z.boolean(), detail: z.string().nullable(), at: z.string() }).optional(),
  /** The version of a stale or failed item a person acknowledged here ("Got it"). */
  acknowledgedVersion: z.number().int().optional(),
});
export type CachedSuggestion = z.infer<typeof cachedSuggestion>;

/**
 * Waiting for a decision: open on the server and not decided here yet. The badge, the notifications and the counts
 * on the panel and the popup all go by it.
 */
export const isWaiting = (s: CachedSuggestion): boolean => isOpen(s.status) && !s.local;

/**
 * Stale (the record changed before the approved change could run) or failed, and not yet acknowledged here: it is
 * back with a person, and stays on its record's panel until someone says "Got it".
 */
export const awaitsAcknowledgement = (s: CachedSuggestion): boolean =>
  isReturned(s.status) && s.acknowledgedVersion !== s.version;

export const connectionState = z.object({
  state: z.enum(['online', 'offline', 'unreachable', 'signed_out', 'unauthorized']),
  lastSyncAt: z.number().nullable(),
  error: z.string().nullable(),
});
export type ConnectionState = z.infer<typeof connectionState>;

export const preferences = z.object({
  /** Whether the panel starts as a collapsed tab. */
  panelCollapsed: z.boolean(),
  notifications: z.boolean(),
});
export type Preferences = z.infer<typeof preferences>;
