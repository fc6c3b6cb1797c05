import { z } from 'zod';
import {
  actionType,
  boundedJsonObject,
  id,
  isoTime,
  lane,
  priority,
  status,
  storableString,
  text,
  tier,
  timeoutAction,
} from './common';

/** A field value as a CRM holds it. */
export const fieldValue = z.union([storableString(10_000), z.number().finite(), z.boolean(), z.null()]);
export type FieldValue = z.infer<typeof fieldValue>;

export const change = z.strictObject({
  field: text(100),
  label: text(100).optional(),
  from: fieldValue,
  to: fieldValue,
});
export type Change = z.infer<typeof change>;

export const draft = z.strictObject({
  to: storableString(320).optional(),
  subject: storableString(500).optional(),
  body: storableString(50_000),
});
export type Draft = z.infer<typeof draft>;

/** What would execute: field changes, a drafted email, an amount of money. */
export const changeSet = z.strictObject({
  changes: z.array(change).max(50),
  draft: draft.optional(),
  amount: z.number().finite().nonnegative().max(1e12).optional(),
});
export type ChangeSet = z.infer<typeof changeSet>;

export const recordRef = z.strictObject({
  crm: z.string().regex(/^[a-z][a-z0-9_-]{1,31}$/),
  objectType: text(64),
  id: text(128),
  name: text(300).optional(),
});
export type RecordRef = z.infer<typeof recordRef>;

export const impact = z.strictObject({
  amount: z.number().finite().nonnegative().max(1e12).optional(),
  currency: z
    .string()
    .regex(/^[A-Z]{3}$/)
    .optional(),
  customerFacing: z.boolean().default(false),
  reversible: z.boolean().default(true),
});
export type Impact = z.infer<typeof impact>;

export const assignee = z.union([z.strictObject({ userId: id }), z.strictObject({ team: text(64) })]);
export type Assignee = z.infer<typeof assignee>;

/** Source data the AI saw: any JSON object, bounded in size and depth. */
export const context = boundedJsonObject(20_000);

export const proposalInput = z.strictObject({
  type: actionType,
  record: recordRef,
  changes: z.array(change).max(50).default([]),
  draft: draft.optional(),
  amount: z.number().finite().nonnegative().max(1e12).optional(),
  reasons: z.array(text(1_000)).max(20).default([]),
  context: context.default({}),
  confidence: z.number().min(0).max(1),
  impact: impact.default({ customerFacing: false, reversible: true }),
  priority: priority.default('normal'),
  assignee: assignee.optional(),
  timeoutSeconds: z
    .number()
    .int()
    .min(1)
    .max(30 * 24 * 3600)
    .optional(),
  timeoutAction: timeoutAction.optional(),
});
export type ProposalInput = z.input<typeof proposalInput>;
export type Proposal = z.output<typeof proposalInput>;

export const routingReason = z.object({ rule: z.string(), detail: z.string() });
export type RoutingReason = z.infer<typeof routingReason>;

export const actorRef = z.object({ id: z.string(), name: z.string(), role: z.string() });
export type ActorRef = z.infer<typeof actorRef>;

export const suggestion = z.object({
  id: z.string(),
  type: actionType,
  record: recordRef,
  changeSet,
  reasons: z.array(z.string()),
  context: z.record(z.string(), z.json()),
  confidence: z.number(),
  impact,
  proposedBy: actorRef,
  priority,
  assignee: assignee.nullable(),
  lane,
  tier,
  routingReason,
  status,
  version: z.number().int(),
  expiresAt: isoTime.nullable(),
  timeoutAction: timeoutAction.nullable(),
  condition: z.string().nullable(),
  /**
   * At a tier that needs two approvers, the first approval while the second is awaited: who gave it and the change set
   * they approved, which is what the second approver approves or rejects.
   */
  firstApproval: z.object({ by: actorRef, changeSet, hash: z.string() }).nullable().default(null),
  createdAt: isoTime,
  updatedAt: isoTime,
});
export type Suggestion = z.infer<typeof suggestion>;
