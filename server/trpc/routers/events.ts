import { on } from 'node:events';
import { tracked } from '@trpc/server';
import { EventEmitter } from 'node:events';
import { z } from 'zod';
import { canView } from '../../services/access';
import type { SuggestionChanged } from '../../services/events';
import { router, userProcedure } from '../init';

export const eventsRouter = router({
  /**
   * Live changes the caller may see, optionally for one record. Each event carries the audit sequence as its id, so
   * a client that reconnects with `lastEventId` pulls the delta it missed through `suggestions.changes`.
   */
  onChange: userProcedure
    .input(
      z
        .object({ crm: z.string().max(32).optional(), recordId: z.string().max(128).optional(), lastEventId: z.string().nullish() })
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
          yield tracked(String(e.seq), e);
        }
      } finally {
        off();
      }
    }),
});
