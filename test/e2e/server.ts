import type { FastifyInstance } from 'fastify';
import { buildApp, type AppOptions } from '../../server/app';
import { systemClock } from '../../server/clock';
import { openDeps } from '../../server/services';
import type { Deps } from '../../server/services/deps';
import { freshSqliteFile } from '../helpers/backends';
import { caller, type Call } from '../helpers/http';
import { cast, type Cast } from '../helpers/people';

export interface LiveServer {
  deps: Deps;
  app: FastifyInstance;
  /** Base URL, e.g. http://127.0.0.1:40123 (the manifest's http://127.0.0.1/* host permission covers any port). */
  url: string;
  people: Cast;
  call: Call;
  close(): Promise<void>;
}

/**
 * The real server over a fresh SQLite file, as it keeps one, on the system clock: the browser compares `expiresAt`
 * and "2 min ago" with its own clock, so the ManualClock of test/helpers/http.ts would show every item as timed out.
 */
export async function openLiveServer(plugins: AppOptions['plugins'] = []): Promise<LiveServer> {
  const file = freshSqliteFile();
  const { deps, store } = await openDeps({ kind: 'sqlite', path: file.path }, systemClock);
  const app = await buildApp(deps, { logLevel: 'silent', rateLimitPerMinute: 1_000_000, plugins });
  const url = await app.listen({ port: 0, host: '127.0.0.1' });
  return {
    deps,
    app,
    url,
    people: await cast(deps),
    call: caller(url),
    async close() {
      await app.close();
      await store.close();
      await file.drop();
    },
  };
}
