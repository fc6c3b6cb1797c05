import { z } from 'zod';
import { verifyResult } from '../../../lib/schemas/audit';
import { listAudit, verifyAudit } from '../../services/audit';
import { adminProcedure, router, userProcedure } from '../init';

export const auditRouter = router({
  verify: userProcedure.output(verifyResult).query(({ ctx }) => verifyAudit(ctx.deps)),
  list: adminProcedure
    .input(
      z.object({
        suggestionId: z.string().min(1).max(64).optional(),
        afterSeq: z.number().int().min(0).optional(),
        order: z.enum(['oldest', 'newest']).default('newest'),
        limit: z.number().int().min(1).max(500).default(100),
      }),
    )
    .query(({ ctx, input }) => listAudit(ctx.deps, input)),
});
