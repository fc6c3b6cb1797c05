import { z } from 'zod';
import { parseDatabaseUrl, type StoreTarget } from './store/connect';

const envSchema = z.object({
  PORT: z.coerce.number().int().min(0).max(65_535).default(8787),
  HOST: z.string().min(1).default('127.0.0.1'),
  DATABASE_URL: z.string().optional(),
  /** How often the timeout sweeper runs, in milliseconds. */
  SWEEP_INTERVAL_MS: z.coerce.number().int().min(10).max(3_600_000).default(1_000),
  /** Requests per minute per token. */
  RATE_LIMIT_PER_MINUTE: z.coerce.number().int().min(1).max(1_000_000).default(1_200),
  LOG_LEVEL: z.enum(['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent']).default('info'),
});

export interface Env extends Omit<z.infer<typeof envSchema>, 'DATABASE_URL'> {
  database: StoreTarget;
}

/** Reads the environment once at start; a wrong value is one clear line, not a stack trace. */
export function readEnv(source: NodeJS.ProcessEnv = process.env): Env {
  const r = envSchema.safeParse(source);
  if (!r.success) {
    const lines = r.error.issues.map((i) => `${i.path.join('.')}: ${i.message}`);
    throw new EnvError(`invalid environment: ${lines.join('; ')}`);
  }
  try {
    return { ...r.data, database: parseDatabaseUrl(r.data.DATABASE_URL || undefined) };
  } catch (e) {
    throw new EnvError(`invalid environment: ${(e as Error).message}`);
  }
}

export class EnvError extends Error {}

/** Exits with one line on a bad environment. */
export function readEnvOrExit(): Env {
  try {
    return readEnv();
  } catch (e) {
    if (e instanceof EnvError) {
      process.stderr.write(`${e.message}\n`);
      process.exit(2);
    }
    throw e;
  }
}
