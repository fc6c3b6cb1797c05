import { z } from 'zod';
import { policy } from '../../../lib/schemas/policy';
import { killSwitchInput, policyUpdate, readPolicy, setKillSwitch, updatePolicy } from '../../services/policy';
import { adminProcedure, router, userProcedure } from '../init';

const storedPolicy = z.object({
  policy,
  version: z.number().int(),
  updatedAt: z.string().nullable(),
  updatedBy: z.string().nullable(),
});

export const policyRouter = router({
  /** Everyone may read the policy; only admins change it. */
  get: userProcedure.output(storedPolicy).query(({ ctx }) => readPolicy(ctx.deps.db)),
  update: adminProcedure
    .input(policyUpdate)
    .output(storedPolicy)
    .mutation(({ ctx, input }) => updatePolicy(ctx.deps, ctx.actor, input)),
  setKillSwitch: adminProcedure
    .input(killSwitchInput)
    .output(storedPolicy)
    .mutation(({ ctx, input }) => setKillSwitch(ctx.deps, ctx.actor, input)),
});
