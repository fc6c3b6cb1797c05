import { z } from 'zod';
import { recordInView } from '../messages';
import { decisionInput } from '../schemas/decision';
import { policy as policySchema } from '../schemas/policy';
import { user } from '../schemas/user';
import { cachedSuggestion, connectionState, preferences } from './values';

/**
 * The port an extension page (review panel, popup, options) keeps open to the background to read the cache. Only the
 * background opens the database; the page subscribes to queries and receives each answer again whenever it changes.
 * While connected, the port also tells the background that a page is open, which keeps live updates on.
 */
export const DATA_PORT = 'countersign.data';

/** What a page may ask for: each kind is one query on the cache, run live by the background. */
export const bridgeQuery = z.discriminatedUnion('kind', [
  /** The record's suggestions for its panel: open ones, then the recently decided; the object type in any case. */
  z.strictObject({ kind: z.literal('recordSuggestions'), record: recordInView }),
  /** The popup's risk alerts and manager-tier items, highest risk first. */
  z.strictObject({ kind: z.literal('alerts') }),
  z.strictObject({ kind: z.literal('connection') }),
  /** Decisions taken here that have not reached the server yet. */
  z.strictObject({ kind: z.literal('outboxCount') }),
  z.strictObject({ kind: z.literal('preferences') }),
  /** The decision queued under this outbox entry, while it waits (null once sent, or for a condition). */
  z.strictObject({ kind: z.literal('queuedDecision'), outboxSeq: z.number().int().positive() }),
  /** Who is signed in: the user only, never the token (null when signed out). */
  z.strictObject({ kind: z.literal('signedInUser') }),
  /** The policy in force as the server last answered it (null before a first answer). */
  z.strictObject({ kind: z.literal('policy') }),
]);
export type BridgeQuery = z.infer<typeof bridgeQuery>;
export type QueryKind = BridgeQuery['kind'];

/** What each kind of query answers. */
export const answers = {
  recordSuggestions: z.array(cachedSuggestion),
  alerts: z.array(cachedSuggestion),
  connection: connectionState,
  outboxCount: z.number().int().nonnegative(),
  preferences,
  queuedDecision: decisionInput.nullable(),
  signedInUser: user.nullable(),
  policy: policySchema.nullable(),
} satisfies Record<QueryKind, z.ZodType>;
export type Answer<K extends QueryKind> = z.output<(typeof answers)[K]>;

const subscriptionId = z.number().int().nonnegative().max(Number.MAX_SAFE_INTEGER);

/** Page → background. A subscription lasts until it is unsubscribed or the port disconnects. */
export const pageMessage = z.discriminatedUnion('type', [
  z.strictObject({ type: z.literal('subscribe'), id: subscriptionId, query: bridgeQuery }),
  z.strictObject({ type: z.literal('unsubscribe'), id: subscriptionId }),
]);
export type PageMessage = z.infer<typeof pageMessage>;

/** Background → page: the query's answer, now and after every change; or why it could not be read. */
export const backgroundMessage = z.discriminatedUnion('type', [
  z.object({ type: z.literal('data'), id: subscriptionId, value: z.unknown() }),
  z.object({ type: z.literal('error'), id: subscriptionId, error: z.string().max(2_000) }),
]);
export type BackgroundMessage = z.infer<typeof backgroundMessage>;

/** A checked answer, with why any list items were left out; or why the whole answer was refused. */
export type ReadAnswer<T> = { ok: true; value: T; dropped: string[] } | { ok: false; error: string };

const issues = (e: z.ZodError) => e.issues.map((i) => `${i.path.join('.') || 'value'}: ${i.message}`).join('; ');

/**
 * Checks an answer against its kind's schema. A list is checked item by item and keeps the items that pass (one
 * unreadable suggestion does not hide the others); anything else passes whole or not at all.
 */
export function readAnswer<K extends QueryKind>(kind: K, raw: unknown): ReadAnswer<Answer<K>> {
  const schema: z.ZodType = answers[kind];
  if (schema instanceof z.ZodArray && Array.isArray(raw)) {
    const value: unknown[] = [];
    const dropped: string[] = [];
    raw.forEach((item, i) => {
      const parsed = z.safeParse(schema.element, item);
      if (parsed.success) value.push(parsed.data);
      else dropped.push(`item ${i}: ${issues(parsed.error)}`);
    });
    return { ok: true, value: value as Answer<K>, dropped };
  }
  const parsed = schema.safeParse(raw);
  if (!parsed.success) return { ok: false, error: issues(parsed.error) };
  return { ok: true, value: parsed.data as Answer<K>, dropped: [] };
}
