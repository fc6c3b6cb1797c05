import { EventEmitter, on } from 'node:events';
import { tracked, TRPCError } from '@trpc/server';
import { z } from 'zod';
import { canView } from '../../services/access';
import { AppError } from '../../services/errors';
import type { SuggestionChanged } from '../../services/events';
import { authenticate } from '../../services/users';
import { TRPC_CODE } from '../../http/errors';
import { router, userProcedure, type Context } from '../init';

/**
 * The stream's token, checked again before each event: a token revoked while the stream is open stops it there,
 * as it stops any other call. Thrown as a TRPCError: an AppError raised mid-stream bypasses the middleware that maps
 * it, and the client would take it for a dropped connection and keep reconnecting instead of hearing UNAUTHORIZED.
 */
async function assertStillSignedIn(ctx: Context): Promise<void> {
  try {
    await authenticate(ctx.deps, ctx.token);
  } catch (e) {
    if (e instanceof AppError) throw new TRPCError({ code: TRPC_CODE[e.code], message: e.message, cause: e });
    throw e;
  }
}

export const eventsRouter = router({
  /**
   * Live changes the caller may see, optionally for one record. Each event carries the audit sequence as its id, so
   * a client that reconnects with `lastEventId` pulls the delta it missed through `suggestions.changes`.
   */
  onChange: userProcedure
    .input(
      z
        .object({
          crm: z.string().max(32).optional(),
          recordId: z.string().max(128).optional(),
          lastEventId: z.string().nullish(),
        })
        .optional(),
    )
    .subscription(async function* ({ ctx, input, signal }) {
      const local = new EventEmitter();
      const off = ctx.deps.events.on((e) => local.emit('change', e));
      try {
        for await (const [raw] of on(local, 'change', { signal })) {
          const e = raw as SuggestionChanged;
          if (input?.crm && e.crm !== input.crm) continue;
          if (input?.recordId && e.recordId !== input.recordId) continue;
          const row = await ctx.deps.db
            .selectFrom('suggestions')
            .select(['proposed_by', 'assignee_user', 'assignee_team'])
            .where('id', '=', e.suggestionId)
            .executeTakeFirst();
          if (!row || !canView(ctx.actor, row)) continue;
          await assertStillSignedIn(ctx);
          yield tracked(String(e.seq), e);
        }
      } finally {
        off();
      }
    }),
});
