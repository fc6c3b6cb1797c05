import { buildApp, type AppOptions } from './app';
import { systemClock } from './clock';
import { readEnvOrExit } from './env';
import { executorsPlugin } from './executors/start';
import { startWebhooks } from './executors/webhook';
import { openDeps } from './services';
import { repeat } from './repeat';
import { pruneIdempotency } from './services/idempotency';
import { RevocationWatch } from './services/revocations';
import { startPgRelay } from './store/pg-relay';
import { sweepTimeouts } from './services/timeouts';
import { startSweeper } from './sweeper';

/** How often tokens revoked outside this process are looked for, to end their open streams. */
const REVOCATION_CHECK_MS = 1_000;
const HOUR = 3_600_000;

/** Starts one server instance: migrations, overdue timeouts, then HTTP. */
export async function startServer(options: Pick<AppOptions, 'plugins'> = {}) {
  const env = readEnvOrExit();
  const { deps, store } = await openDeps(env.database, systemClock);
  const app = await buildApp(deps, {
    logLevel: env.LOG_LEVEL,
    rateLimitPerMinute: env.RATE_LIMIT_PER_MINUTE,
    // The built-in connectors run on every instance; each acts only on its own CRM's records.
    plugins: [executorsPlugin, ...(options.plugins ?? [])],
  });
  // Items that fell due while no server ran get their timeout action before anyone can decide on them.
  const overdue = await sweepTimeouts(deps);
  if (overdue > 0) app.log.info({ applied: overdue }, 'overdue timeouts applied at start');
  const stopSweeper = startSweeper(deps, env.SWEEP_INTERVAL_MS, app.log);
  const revocations = await RevocationWatch.start(deps);
  const { stop: stopWatch } = repeat(
    REVOCATION_CHECK_MS,
    () => revocations.check(),
    (err) => app.log.warn({ err }, 'revocation check'),
  );
  const { stop: stopPrune } = repeat(
    HOUR,
    async () => void (await pruneIdempotency(deps)),
    (err) => app.log.warn({ err }, 'idempotency prune'),
  );
  const stopRelay =
    env.database.kind === 'postgres'
      ? await startPgRelay(env.database.url, deps.events, (err) => app.log.warn({ err }, 'change relay'))
      : async () => {};
  const stopWebhooks = env.webhook ? startWebhooks(deps, env.webhook, app.log) : async () => {};
  await app.listen({ port: env.PORT, host: env.HOST });

  const shutdown = async () => {
    await stopSweeper();
    await stopWatch();
    await stopPrune();
    await stopWebhooks();
    await stopRelay();
    await app.close();
    await store.close();
    process.exit(0);
  };
  process.once('SIGINT', () => void shutdown());
  process.once('SIGTERM', () => void shutdown());
  return { app, deps, env };
}

if (import.meta.url === `file://${process.argv[1]}`) {
  startServer().catch((e: unknown) => {
    process.stderr.write(`countersign: ${(e as Error).message}\n`);
    process.exit(1);
  });
}
