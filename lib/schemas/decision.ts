import { z } from 'zod';
import { actorRef, changeSet, draft, fieldValue, suggestion, type Suggestion } from './suggestion';
import { isoTime, storableString, text } from './common';

const note = text(2_000).optional();
/** The longest `openedMs` accepted: a week. */
export const MAX_OPENED_MS = 7 * 24 * 3600 * 1000;
/** Milliseconds the reviewer had the item open before deciding. */
const openedMs = z.number().int().nonnegative().max(MAX_OPENED_MS).optional();
const base = { note, openedMs };

export const decisionInput = z.discriminatedUnion('kind', [
  z.strictObject({ kind: z.literal('approve'), ...base }),
  /** Edited values: what the reviewer typed is what executes. */
  z.strictObject({
    kind: z.literal('modify'),
    ...base,
    changes: z
      .array(z.strictObject({ field: text(100), to: fieldValue }))
      .max(50)
      .default([]),
    /** The edited email: the same bounds, and the same storable text, as the proposal's own draft. */
    draft: z.strictObject({ subject: draft.shape.subject, body: draft.shape.body }).optional(),
    amount: z.number().finite().nonnegative().max(1e12).optional(),
  }),
  /** A subset of the changes, or a lower amount. */
  z.strictObject({
    kind: z.literal('partial'),
    ...base,
    changes: z
      .array(z.strictObject({ field: text(100) }))
      .max(50)
      .optional(),
    amount: z.number().finite().nonnegative().max(1e12).optional(),
  }),
  z.strictObject({ kind: z.literal('conditional'), ...base, condition: text(1_000) }),
  z.strictObject({ kind: z.literal('reject'), note: text(2_000), openedMs }),
  z.strictObject({ kind: z.literal('escalate'), note: text(2_000), openedMs }),
  z.strictObject({ kind: z.literal('dismiss'), ...base }),
]);
export type DecisionInput = z.input<typeof decisionInput>;
export type DecisionKind = DecisionInput['kind'];

/** Confirming or cancelling the condition of a conditional approval. */
export const conditionInput = z.strictObject({ confirmed: z.boolean(), note });

export const outcomeInput = z.strictObject({ ok: z.boolean(), detail: storableString(5_000).optional() });

export const decision = z.object({
  id: z.string(),
  suggestionId: z.string(),
  kind: z.enum(['approve', 'modify', 'partial', 'conditional', 'reject', 'escalate', 'dismiss', 'timeout', 'auto']),
  by: actorRef,
  note: z.string().nullable(),
  condition: z.string().nullable(),
  openedMs: z.number().nullable(),
  finalChangeSet: changeSet.nullable(),
  finalHash: z.string().nullable(),
  createdAt: isoTime,
});
export type Decision = z.infer<typeof decision>;

export const suggestionDetail = suggestion.extend({
  decisions: z.array(decision),
  /** The change set that will execute, once approved, and its hash. */
  finalChangeSet: changeSet.nullable(),
  finalHash: z.string().nullable(),
  outcome: z.object({ ok: z.boolean(), detail: z.string().nullable(), at: isoTime }).nullable(),
});
export type SuggestionDetail = z.infer<typeof suggestionDetail> & Suggestion;
