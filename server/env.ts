import { z } from 'zod';
import type { WebhookTarget } from './executors/webhook';
import { parseDatabaseUrl, type StoreTarget } from './store/connect';

const envSchema = z
  .object({
    PORT: z.coerce.number().int().min(0).max(65_535).default(8787),
    HOST: z.string().min(1).default('127.0.0.1'),
    DATABASE_URL: z.string().optional(),
    /** How often the timeout sweeper runs, in milliseconds. */
    SWEEP_INTERVAL_MS: z.coerce.number().int().min(10).max(3_600_000).default(1_000),
    /** Requests per minute per token. */
    RATE_LIMIT_PER_MINUTE: z.coerce.number().int().min(1).max(1_000_000).default(1_200),
    LOG_LEVEL: z.enum(['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent']).default('info'),
    /** Where approved items of action types executed by webhook are POSTed, signed with WEBHOOK_SECRET. */
    WEBHOOK_URL: z.url({ protocol: /^https?$/, error: 'must be an http(s) URL' }).optional(),
    /** A Standard Webhooks secret: whsec_ followed by base64 (at least 24 bytes). */
    WEBHOOK_SECRET: z
      .string()
      .regex(/^whsec_[A-Za-z0-9+/]{32,}={0,2}$/, 'must be whsec_ followed by at least 24 bytes in base64')
      .optional(),
  })
  .refine((e) => (e.WEBHOOK_URL === undefined) === (e.WEBHOOK_SECRET === undefined), {
    message: 'WEBHOOK_URL and WEBHOOK_SECRET are set together or not at all',
    path: ['WEBHOOK_SECRET'],
  });

export interface Env extends Omit<z.infer<typeof envSchema>, 'DATABASE_URL' | 'WEBHOOK_URL' | 'WEBHOOK_SECRET'> {
  database: StoreTarget;
  webhook: WebhookTarget | null;
}

/** Reads the environment once at start; a wrong value is one clear line, not a stack trace. */
export function readEnv(source: NodeJS.ProcessEnv = process.env): Env {
  const r = envSchema.safeParse(source);
  if (!r.success) {
    const lines = r.error.issues.map((i) => `${i.path.join('.')}: ${i.message}`);
    throw new EnvError(`invalid environment: ${lines.join('; ')}`);
  }
  try {
    const { DATABASE_URL, WEBHOOK_URL, WEBHOOK_SECRET, ...rest } = r.data;
    const webhook = WEBHOOK_URL && WEBHOOK_SECRET ? { url: WEBHOOK_URL, secret: WEBHOOK_SECRET } : null;
    return { ...rest, database: parseDatabaseUrl(DATABASE_URL || undefined), webhook };
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
