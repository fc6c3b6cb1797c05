import type { FastifyInstance } from 'fastify';
import { buildApp, type AppOptions } from '../../server/app';
import { openTestEnv, type Backend, type TestEnv } from './backends';
import { cast } from './people';

export interface HttpEnv extends TestEnv {
  app: FastifyInstance;
  /** Base URL of the listening server, e.g. http://127.0.0.1:40123 */
  url: string;
  people: Awaited<ReturnType<typeof cast>>;
  /** fetch against the server with a bearer token. */
  call(token: string | null, method: string, path: string, body?: unknown, headers?: Record<string, string>): Promise<{
    status: number;
    body: any;
    headers: Headers;
  }>;
}

/** A real server listening on a free port over a fresh database, with the usual cast of users. */
export async function openHttpEnv(backend: Backend, opts: AppOptions = {}): Promise<HttpEnv> {
  const env = await openTestEnv(backend);
  const app = await buildApp(env.deps, { logLevel: 'silent', rateLimitPerMinute: 1_000_000, ...opts });
  const url = await app.listen({ port: 0, host: '127.0.0.1' });
  const people = await cast(env.deps);
  return {
    ...env,
    app,
    url,
    people,
    async call(token, method, path, body, headers = {}) {
      const res = await fetch(url + path, {
        method,
        headers: {
          ...(token ? { authorization: `Bearer ${token}` } : {}),
          ...(body === undefined ? {} : { 'content-type': 'application/json' }),
          ...headers,
        },
        ...(body === undefined ? {} : { body: typeof body === 'string' ? body : JSON.stringify(body) }),
      });
      const text = await res.text();
      let parsed: unknown = text;
      try {
        parsed = text ? JSON.parse(text) : null;
      } catch {
        // not JSON: keep the text
      }
      return { status: res.status, body: parsed, headers: res.headers };
    },
    async close() {
      await app.close();
      await env.close();
    },
  };
}
