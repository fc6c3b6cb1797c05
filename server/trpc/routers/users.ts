import { z } from 'zod';
import { user, userInput } from '../../../lib/schemas/user';
import { createUser, issueToken, listAgents, listUsers, revokeToken } from '../../services/users';
import { adminProcedure, reviewerProcedure, router, userProcedure } from '../init';

export const usersRouter = router({
  me: userProcedure.output(user).query(({ ctx }) => {
    const { id, name, role, team } = ctx.actor;
    return { id, name, role, team };
  }),
  list: adminProcedure.query(({ ctx }) => listUsers(ctx.deps)),
  /** The agents by name, for managers and admins (bulk reverts by agent); no tokens. */
  agents: reviewerProcedure
    .output(z.array(z.object({ id: z.string(), name: z.string() })))
    .query(({ ctx }) => listAgents(ctx.deps, ctx.actor)),
  add: adminProcedure
    .input(userInput)
    .output(user)
    .mutation(({ ctx, input }) => createUser(ctx.deps, ctx.actor, input)),
  /** The token is in this answer only; the server keeps its hash. */
  issueToken: adminProcedure
    .input(z.object({ userId: z.string().min(1).max(64) }))
    .output(z.object({ tokenId: z.string(), token: z.string() }))
    .mutation(({ ctx, input }) => issueToken(ctx.deps, ctx.actor, input.userId)),
  revokeToken: adminProcedure
    .input(z.object({ tokenId: z.string().min(1).max(64) }))
    .mutation(({ ctx, input }) => revokeToken(ctx.deps, ctx.actor, input.tokenId)),
});
