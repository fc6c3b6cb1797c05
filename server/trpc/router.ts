import { auditRouter } from './routers/audit';
import { eventsRouter } from './routers/events';
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
});

/** The only thing the extension imports from the server. */
export type AppRouter = typeof appRouter;
