import type { FastifyBaseLogger, FastifyInstance } from 'fastify';
import type { Kysely } from 'kysely';
import type { Database } from '../store/schema';
import type { Deps } from '../services/deps';
import { executeDemo } from './demo-connector';

export type ExecutorLog = Pick<FastifyBaseLogger, 'info' | 'error'>;

const CATCH_UP_BATCH = 100;

/** The oldest approved items of the demo CRM: what a catch-up runs. */
export const approvedDemoItems = (db: Kysely<Database>) =>
  db
    .selectFrom('suggestions')
    .select('id')
    .where('status', '=', 'approved')
    .where('crm', '=', 'demo')
    .orderBy('updated_at')
    .limit(CATCH_UP_BATCH);

/**
 * Runs the built-in connectors: at once on each approval heard on the event bus, and by a catch-up query now and
 * every `intervalMs`, for approvals made while no server listened (a restart) or on another instance. Running an
 * item twice is harmless (the second run finds it no longer approved), so no claim is needed. Returns a stop
 * function that waits for the work in flight.
 */
export function startExecutors(deps: Deps, log: ExecutorLog, intervalMs = 3_000): () => Promise<void> {
  const inFlight = new Map<string, Promise<void>>();
  let stopped = false;

  const run = (id: string): Promise<void> => {
    const running = inFlight.get(id);
    if (running || stopped) return running ?? Promise.resolve();
    const p = executeDemo(deps, id)
      .then((r) => {
        if (r) log.info({ suggestionId: id, status: r.status, detail: r.detail }, 'demo connector ran');
      })
      .catch((err: unknown) => log.error({ err, suggestionId: id }, 'demo connector failed'))
      .finally(() => inFlight.delete(id));
    inFlight.set(id, p);
    return p;
  };

  const off = deps.events.on((e) => {
    if (e.status === 'approved' && e.crm === 'demo') void run(e.suggestionId);
  });

  let catchingUp: Promise<void> | null = null;
  const catchUp = () => {
    if (stopped || catchingUp) return;
    catchingUp = (async () => {
      const due = await approvedDemoItems(deps.db).execute();
      for (const { id } of due) await run(id);
    })()
      .catch((err: unknown) => log.error({ err }, 'demo connector catch-up failed'))
      .finally(() => (catchingUp = null));
  };

  catchUp();
  const timer = setInterval(catchUp, intervalMs);
  timer.unref();

  return async () => {
    stopped = true;
    clearInterval(timer);
    off();
    await catchingUp;
    await Promise.all(inFlight.values());
  };
}

/** Starts the executors with the server and stops them when it closes, before the store does. */
export async function executorsPlugin(app: FastifyInstance, deps: Deps): Promise<void> {
  const stop = startExecutors(deps, app.log);
  app.addHook('onClose', async () => stop());
}
