import { verifyResult } from '../../../lib/schemas/audit';
import { auditExportPage, auditExportQuery, auditListQuery, auditPage } from '../../../lib/schemas/audit-query';
import { exportAuditPage, listAudit, verifyAudit } from '../../services/audit';
import { adminProcedure, router, userProcedure } from '../init';

export const auditRouter = router({
  verify: userProcedure.output(verifyResult).query(({ ctx }) => verifyAudit(ctx.deps)),
  list: adminProcedure
    .input(auditListQuery)
    .output(auditPage)
    .query(({ ctx, input }) => listAudit(ctx.deps, input)),
  /** A stretch of `audit export` (the CLI's format), for the options page to download. */
  export: adminProcedure
    .input(auditExportQuery)
    .output(auditExportPage)
    .query(({ ctx, input }) => exportAuditPage(ctx.deps, input)),
});
