import type { FastifyInstance } from 'fastify';
import { createApiClient } from '../../lib/api/client';
import { buildApp, type AppOptions } from '../../server/app';
import { openCastEnv, sqlite, type Backend, type CastEnv } from './backends';
import type { Person } from './people';

/** What the server answered: the body parsed when it is JSON, else its text (null when empty). */
export interface Answer {
  status: number;
  body: any;
  headers: Headers;
}

/** fetch against the server with a bearer token (none when null); a string body goes out as it is. */
export type Call = (
  token: string | null,
  method: string,
  path: string,
  body?: unknown,
  headers?: Record<string, string>,
) => Promise<Answer>;

/** A `Call` against the server listening at `url`. */
export function caller(url: string): Call {
  return async (token, method, path, body, headers = {}) => {
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
  };
}

export interface HttpEnv extends CastEnv {
  app: FastifyInstance;
  /** Base URL of the listening server, e.g. http://127.0.0.1:40123 */
  url: string;
  call: Call;
}

/** A real server listening on a free port over a fresh database (SQLite unless told), with the usual cast of users. */
export async function openHttpEnv(backend: Backend = sqlite, opts: AppOptions = {}): Promise<HttpEnv> {
  const env = await openCastEnv(backend);
  const app = await buildApp(env.deps, { logLevel: 'silent', rateLimitPerMinute: 1_000_000, ...opts });
  const url = await app.listen({ port: 0, host: '127.0.0.1' });
  return {
    ...env,
    app,
    url,
    call: caller(url),
    async close() {
      await app.close();
      await env.close();
    },
  };
}

/** The extension's tRPC client against the server, and the status of the last HTTP answer it got. */
export function trpcClient(h: Pick<HttpEnv, 'url'>, token: string) {
  const seen = { status: 0 };
  const recording: typeof fetch = async (input, init) => {
    const res = await fetch(input, init);
    seen.status = res.status;
    return res;
  };
  return { api: createApiClient(h.url, token, recording), seen };
}

/** The extension's session for `who` on the server at `serverUrl` (`h.url` unless told), as sign-in stores it. */
export function sessionOf(h: Pick<HttpEnv, 'url'>, who: Person, serverUrl = h.url) {
  const { id, name, role, team } = who.actor;
  return { serverUrl, token: who.token, user: { id, name, role, team } };
}

/** What an extension page test passes to `testBackground` to be signed in to the server at `h.url` as `who`. */
export function signedInAs(h: Pick<HttpEnv, 'url'>, who: Person) {
  const { user, serverUrl, token } = sessionOf(h, who);
  return { user, server: { url: serverUrl, token } };
}
