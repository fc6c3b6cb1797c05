import { z } from 'zod';
import { conditionInput, decisionInput, suggestionDetail } from '../../../lib/schemas/decision';
import { proposalInput, suggestion } from '../../../lib/schemas/suggestion';
import { bulkRevertInput, bulkRevertPreview, bulkRevertResult } from '../../../lib/schemas/bulk-revert';
import { bulkRevert, previewBulkRevert } from '../../executors/bulk-revert';
import { revertSuggestion } from '../../executors/revert';
import { decide } from '../../services/decisions';
import { resolveCondition } from '../../services/follow-ups';
import { changesSince, getSuggestion, listQuery, listSuggestions, propose } from '../../services/suggestions';
import { agentProcedure, reviewerProcedure, router, userProcedure } from '../init';

const idempotencyKey = z.string().min(1).max(200);

export const suggestionsRouter = router({
  propose: agentProcedure
    .input(z.object({ proposal: proposalInput, idempotencyKey: idempotencyKey.optional() }))
    .output(suggestionDetail)
    .mutation(
      async ({ ctx, input }) => (await propose(ctx.deps, ctx.actor, input.proposal, input.idempotencyKey)).body,
    ),

  get: userProcedure
    .input(z.object({ id: z.string().min(1).max(64) }))
    .output(suggestionDetail)
    .query(({ ctx, input }) => getSuggestion(ctx.deps, ctx.actor, input.id)),

  list: userProcedure
    .input(listQuery)
    .output(z.object({ items: z.array(suggestion), nextCursor: z.string().nullable() }))
    .query(({ ctx, input }) => listSuggestions(ctx.deps, ctx.actor, input)),

  /**
   * Delta sync: what changed after the audit sequence `since`; on a client's first sync, without the items that closed
   * before `closedAfter`.
   */
  changes: userProcedure
    .input(
      z.object({
        since: z.number().int().min(0),
        limit: z.number().int().min(1).max(500).default(200),
        closedAfter: z.number().int().min(0).optional(),
      }),
    )
    .output(z.object({ items: z.array(suggestion), cursor: z.number().int(), more: z.boolean() }))
    .query(({ ctx, input }) => changesSince(ctx.deps, ctx.actor, input.since, input.limit, input.closedAfter)),

  decide: reviewerProcedure
    .input(z.object({ id: z.string().min(1).max(64), decision: decisionInput, idempotencyKey }))
    .output(suggestionDetail)
    .mutation(
      async ({ ctx, input }) =>
        (await decide(ctx.deps, ctx.actor, input.id, input.decision, input.idempotencyKey)).body,
    ),

  /** Undoes an executed, reversible change on a connected CRM record. */
  revert: reviewerProcedure
    .input(z.object({ id: z.string().min(1).max(64) }))
    .output(suggestionDetail)
    .mutation(({ ctx, input }) => revertSuggestion(ctx.deps, ctx.actor, input.id)),

  /** What a bulk revert would undo; changes nothing. Managers and admins. */
  revertPreview: reviewerProcedure
    .input(bulkRevertInput)
    .output(bulkRevertPreview)
    .query(({ ctx, input }) => previewBulkRevert(ctx.deps, ctx.actor, input)),

  /** Reverts every execution of an action type or agent in a time window. Managers and admins. */
  revertMany: reviewerProcedure
    .input(bulkRevertInput)
    .output(bulkRevertResult)
    .mutation(({ ctx, input }) => bulkRevert(ctx.deps, ctx.actor, input)),

  resolveCondition: reviewerProcedure
    .input(z.object({ id: z.string().min(1).max(64), resolution: conditionInput, idempotencyKey }))
    .output(suggestionDetail)
    .mutation(
      async ({ ctx, input }) =>
        (await resolveCondition(ctx.deps, ctx.actor, input.id, input.resolution, input.idempotencyKey)).body,
    ),
});
