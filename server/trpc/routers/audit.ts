import { verifyResult } from '../../../lib/schemas/audit';
import { auditListQuery, listAudit, verifyAudit } from '../../services/audit';
import { adminProcedure, router, userProcedure } from '../init';

export const auditRouter = router({
  verify: userProcedure.output(verifyResult).query(({ ctx }) => verifyAudit(ctx.deps)),
  list: adminProcedure.input(auditListQuery).query(({ ctx, input }) => listAudit(ctx.deps, input)),
});
