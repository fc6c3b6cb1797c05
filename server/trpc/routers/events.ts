import { EventEmitter, on } from 'node:events';
import { tracked, TRPCError } from '@trpc/server';
import { z } from 'zod';
import { canView } from '../../services/access';
import { AppError } from '../../services/errors';
import { publicChange, type Change } from '../../services/events';
import { authenticate } from '../../services/users';
import { TRPC_CODE } from '../../http/errors';
import { router, userProcedure, type Context } from '../init';

/**
 * An AppError as the TRPCError a stream throws, keeping it as the cause: an AppError raised mid-stream bypasses the
 * middleware that maps it, and the client would take it for a dropped connection and keep reconnecting instead of
 * hearing UNAUTHORIZED.
 */
const streamError = (e: AppError) => new TRPCError({ code: TRPC_CODE[e.code], message: e.message, cause: e });

const revoked = () => streamError(new AppError('UNAUTHORIZED', 'the token is unknown or revoked'));

async function assertStillSignedIn(ctx: Context): Promise<void> {
  try {
    await authenticate(ctx.deps, ctx.token);
  } catch (e) {
    throw e instanceof AppError ? streamError(e) : e;
  }
}

export const eventsRouter = router({
  /**
   * Live changes the caller may see, optionally for one record, and every change of the policy (everyone may read
   * it). Each event carries the audit sequence as its id, so a client that reconnects with `lastEventId` pulls the
   * delta it missed through `suggestions.changes`, and reads the policy again.
   *
   * A change carries who may see it, and the stream's token is not looked up again per change: the stream ends with
   * UNAUTHORIZED when the bus reports the token revoked, at once for a revocation made by any instance, and within a
   * second for one made outside the server (see `RevocationWatch`).
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
      // Iterating from here on: changes queue up, and an 'error' event ends the loop by throwing what it carries.
      const changes = on(local, 'change', { signal });
      const offs = [
        ctx.deps.events.on((e) => local.emit('change', e)),
        ctx.deps.events.onPolicyChanged((seq) => local.emit('change', { policySeq: seq })),
        ctx.deps.events.onRevoked((tokenId) => {
          if (tokenId === ctx.actor.tokenId) local.emit('error', revoked());
        }),
      ];
      try {
        // A revocation that committed before the bus was listened to is found by this check instead.
        await assertStillSignedIn(ctx);
        for await (const [raw] of changes) {
          const e = raw as Change | { policySeq: number };
          if ('policySeq' in e) {
            yield tracked(String(e.policySeq), { kind: 'policy' as const, seq: e.policySeq });
            continue;
          }
          if (input?.crm && e.crm !== input.crm) continue;
          if (input?.recordId && e.recordId !== input.recordId) continue;
          if (!canView(ctx.actor, e.audience)) continue;
          yield tracked(String(e.seq), { kind: 'suggestion' as const, ...publicChange(e) });
        }
      } finally {
        for (const off of offs) off();
        await changes.return?.();
      }
    }),
});
