import { metricsQuery, metricsReport } from '../../../lib/schemas/metrics';
import { getMetrics } from '../../services/metrics';
import { adminProcedure, router } from '../init';

export const metricsRouter = router({
  /** The admin's metrics over a window (the last four weeks unless given). */
  get: adminProcedure
    .input(metricsQuery.optional())
    .output(metricsReport)
    .query(({ ctx, input }) => getMetrics(ctx.deps, input ?? {})),
});
