import { auditRouter } from './routers/audit';
import { eventsRouter } from './routers/events';
import { metricsRouter } from './routers/metrics';
import { policyRouter } from './routers/policy';
import { suggestionsRouter } from './routers/suggestions';
import { usersRouter } from './routers/users';
import { router } from './init';

export const appRouter = router({
  suggestions: suggestionsRouter,
  policy: policyRouter,
  users: usersRouter,
  events: eventsRouter,
  audit: auditRouter,
  metrics: metricsRouter,
});

/** The only thing the extension imports from the server. */
export type AppRouter = typeof appRouter;
