import rateLimit from '@fastify/rate-limit';
import { fastifyTRPCPlugin, type FastifyTRPCPluginOptions } from '@trpc/server/adapters/fastify';
import Fastify, { LogController, type FastifyInstance, type FastifyReply } from 'fastify';
import { sql } from 'kysely';
import { bearerToken } from './http/bearer';
import { toHttpError } from './http/errors';
import { registerRestRoutes } from './rest/routes';
import type { Deps } from './services/deps';
import { sha256 } from './services/hash';
import { tokenSignedInLately } from './services/users';
import { appRouter, type AppRouter } from './trpc/router';

export interface AppOptions {
  logLevel?: string;
  /** Requests per minute per token (or per address without one). */
  rateLimitPerMinute?: number;
  /** Extra routes (the demo CRM) registered on the same server. */
  plugins?: ((app: FastifyInstance, deps: Deps) => void | Promise<void>)[];
}

const BODY_LIMIT = 256 * 1024;

/** The HTTP server: REST for agents, tRPC for people's tools, one error mapping for both. */
export async function buildApp(deps: Deps, opts: AppOptions = {}): Promise<FastifyInstance> {
  const app = Fastify({
    bodyLimit: BODY_LIMIT,
    logger: { level: opts.logLevel ?? 'info' },
    routerOptions: { maxParamLength: 5_000 },
    // Malformed URLs and over-long parameters get the same error shape as everything else.
    frameworkErrors: (error, _req, reply: FastifyReply) =>
      void reply
        .code(error.statusCode && error.statusCode < 500 ? error.statusCode : 400)
        .send({ error: { code: 'BAD_INPUT', message: error.message } }),
    logController: new LogController({ disableRequestLogging: true }),
  });

  app.setErrorHandler((error, req, reply) => {
    const { status, body, unexpected } = toHttpError(error);
    if (unexpected) req.log.error({ err: error }, 'unexpected error');
    return reply.code(status).send(body);
  });
  app.setNotFoundHandler((req, reply) =>
    reply.code(404).send({ error: { code: 'NOT_FOUND', message: `no route ${req.method} ${req.url.split('?')[0]}` } }),
  );

  await app.register(rateLimit, {
    max: opts.rateLimitPerMinute ?? 1_200,
    timeWindow: 60_000,
    // Per token once it has signed in; before that, and for made-up tokens, per address.
    keyGenerator: (req) => {
      const token = bearerToken(req);
      const hash = token ? sha256(token) : null;
      return hash && tokenSignedInLately(hash) ? `t:${hash.slice(0, 32)}` : `ip:${req.ip}`;
    },
    errorResponseBuilder: (_req, ctx) => ({
      statusCode: 429,
      error: { code: 'RATE_LIMITED', message: `rate limited: try again in ${Math.ceil(ctx.ttl / 1000)} s` },
    }),
  });

  app.get('/healthz', { config: { rateLimit: false } }, async (_req, reply) => {
    try {
      await sql`select 1`.execute(deps.db);
      return { ok: true, database: deps.dialect };
    } catch {
      return reply.code(503).send({ ok: false, database: deps.dialect });
    }
  });

  registerRestRoutes(app, deps);

  await app.register(fastifyTRPCPlugin, {
    prefix: '/trpc',
    trpcOptions: {
      router: appRouter,
      createContext: ({ req }) => ({ deps, token: bearerToken(req) }),
      onError: ({ error, path }) => {
        if (error.code === 'INTERNAL_SERVER_ERROR') app.log.error({ err: error, path }, 'unexpected tRPC error');
      },
    } satisfies FastifyTRPCPluginOptions<AppRouter>['trpcOptions'],
  });

  for (const plugin of opts.plugins ?? []) await plugin(app, deps);
  return app;
}
