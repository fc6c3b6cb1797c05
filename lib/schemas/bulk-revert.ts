import { z } from 'zod';
import { actionType, isoTime } from './common';
import { recordRef } from './suggestion';

/** The executions to revert together: those of one action type, one agent, or both, executed within a window. */
export const bulkRevertInput = z
  .strictObject({
    type: actionType.optional(),
    agentId: z.string().min(1).max(64).optional(),
    from: isoTime,
    to: isoTime,
  })
  .refine((q) => q.type !== undefined || q.agentId !== undefined, {
    message: 'name an action type, an agent, or both',
    path: ['type'],
  })
  .refine((q) => Date.parse(q.from) < Date.parse(q.to), { message: 'the window ends before it starts', path: ['to'] });
export type BulkRevertInput = z.input<typeof bulkRevertInput>;

/** At most this many executions are reverted by one request; the preview says when there are more. */
export const BULK_REVERT_LIMIT = 200;

const bulkRevertItem = z.object({
  id: z.string(),
  type: z.string(),
  record: recordRef,
  proposedBy: z.string(),
  executedAt: isoTime,
});

export const bulkRevertPreview = z.object({ items: z.array(bulkRevertItem), more: z.boolean() });
export type BulkRevertPreview = z.infer<typeof bulkRevertPreview>;

export const bulkRevertResult = z.object({
  reverted: z.array(z.string()),
  /** Executions that stay as they are, each with the reason (the record changed since, not reversible, …). */
  refused: z.array(z.object({ id: z.string(), reason: z.string() })),
  more: z.boolean(),
});
export type BulkRevertResult = z.infer<typeof bulkRevertResult>;
