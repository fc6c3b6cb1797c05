import { z } from 'zod';
import { isoTime, lane, tier, timeoutAction } from './common';
import { killMode, policy } from './policy';
import { changeSet, routingReason } from './suggestion';

const sid = { suggestionId: z.string() };

/** Every kind of audit event and what it records. The union is the documentation. */
export const auditPayload = z.discriminatedUnion('kind', [
  /** An agent proposed an action: its whole input, reasons and context included. */
  z.object({ kind: z.literal('proposed'), ...sid, input: z.record(z.string(), z.json()) }),
  /** The policy chose a lane and tier; `reason` names the rule or threshold that decided. */
  z.object({
    kind: z.literal('routed'),
    ...sid,
    lane,
    tier,
    reason: routingReason,
    expiresAt: isoTime.nullable(),
    timeoutAction: timeoutAction.nullable(),
  }),
  /** A person (or the auto lane) decided; approvals carry the change set that will execute and its hash. */
  z.object({
    kind: z.literal('decided'),
    ...sid,
    decisionId: z.string(),
    decision: z.string(),
    note: z.string().nullable(),
    condition: z.string().nullable(),
    status: z.string(),
    finalChangeSet: changeSet.nullable(),
    finalHash: z.string().nullable(),
  }),
  /** The condition of a conditional approval was confirmed or cancelled. */
  z.object({ kind: z.literal('condition_resolved'), ...sid, confirmed: z.boolean(), note: z.string().nullable() }),
  /** The item reached `expires_at` and the server applied its timeout action. */
  z.object({ kind: z.literal('timed_out'), ...sid, action: timeoutAction, status: z.string() }),
  /** The item moved up a tier, by a person or by its timeout, with a fresh timeout. */
  z.object({
    kind: z.literal('escalated'),
    ...sid,
    fromTier: tier,
    toTier: tier,
    note: z.string().nullable(),
    expiresAt: isoTime.nullable(),
  }),
  /** The executor reported how the approved change set went. */
  z.object({ kind: z.literal('outcome'), ...sid, ok: z.boolean(), detail: z.string().nullable() }),
  /** An executed change set was undone: the record holds its `from` values again. */
  z.object({ kind: z.literal('reverted'), ...sid, detail: z.string() }),
  /** An admin changed the policy; both versions are kept. */
  z.object({ kind: z.literal('policy_changed'), before: policy, after: policy }),
  /** A kill switch was flipped (`mode` null: switched off). */
  z.object({
    kind: z.literal('kill_switch'),
    scope: z.enum(['global', 'action_type', 'agent']),
    target: z.string().nullable(),
    mode: killMode.nullable(),
    reason: z.string(),
  }),
  /** A user was created. */
  z.object({ kind: z.literal('user_created'), userId: z.string(), name: z.string(), role: z.string() }),
  /** A token was issued (its hash prefix only) or revoked. */
  z.object({ kind: z.literal('token_issued'), userId: z.string(), tokenId: z.string() }),
  z.object({ kind: z.literal('token_revoked'), userId: z.string(), tokenId: z.string() }),
]);
export type AuditPayload = z.infer<typeof auditPayload>;
export type AuditKind = AuditPayload['kind'];

export const auditEvent = z.object({
  seq: z.number().int().positive(),
  at: isoTime,
  actor: z.string(),
  payload: auditPayload,
  prevHash: z.string(),
  hash: z.string(),
});
export type AuditEvent = z.infer<typeof auditEvent>;

export const verifyResult = z.union([
  z.object({ ok: z.literal(true), events: z.number().int() }),
  z.object({ ok: z.literal(false), events: z.number().int(), firstBad: z.number().int(), reason: z.string() }),
]);
export type VerifyResult = z.infer<typeof verifyResult>;
