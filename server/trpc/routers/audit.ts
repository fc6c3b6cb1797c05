import { z } from 'zod';
import { verifyResult } from '../../../lib/schemas/audit';
import { auditListQuery, listAudit, verifyAudit } from '../../services/audit';
import { adminProcedure, router, userProcedure } from '../init';

const { order, limit } = auditListQuery.shape;

/** The service's list query with this procedure's own defaults (newest first, 100 a page); unknown keys are dropped. */
const listInput = z.object({
  ...auditListQuery.shape,
  order: order.unwrap().default('newest'),
  limit: limit.unwrap().default(100),
});

export const auditRouter = router({
  verify: userProcedure.output(verifyResult).query(({ ctx }) => verifyAudit(ctx.deps)),
  list: adminProcedure.input(listInput).query(({ ctx, input }) => listAudit(ctx.deps, input)),
});
