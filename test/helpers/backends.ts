import { randomBytes } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import pg from 'pg';
import { ManualClock } from '../../server/clock';
import { openDeps } from '../../server/services';
import type { Deps } from '../../server/services/deps';
import type { Store, StoreTarget } from '../../server/store/connect';
import { cast, type Cast } from './people';

const PG_ADMIN_URL = process.env.PG_TEST_URL ?? 'postgres://postgres@127.0.0.1:5432/postgres';

async function postgresAnswers(): Promise<string | null> {
  const client = new pg.Client({ connectionString: PG_ADMIN_URL, connectionTimeoutMillis: 3000 });
  try {
    await client.connect();
    await client.query('select 1');
    return null;
  } catch (e) {
    return (e as Error).message;
  } finally {
    await client.end().catch(() => {});
  }
}

export interface Backend {
  name: 'sqlite' | 'postgres';
  /** A fresh, empty, migrated database; `drop` removes it. */
  fresh(): Promise<{ target: StoreTarget; drop(): Promise<void> }>;
}

/** A fresh SQLite file in a folder of its own; `drop` removes both. */
export function freshSqliteFile(): { path: string; drop(): Promise<void> } {
  const dir = mkdtempSync(join(tmpdir(), 'cs-test-'));
  return { path: join(dir, 'countersign.db'), drop: async () => rmSync(dir, { recursive: true, force: true }) };
}

/** A file, as the server keeps it: writes in groups on one connection, reads on a read-only one beside it. */
export const sqlite: Backend = {
  name: 'sqlite',
  async fresh() {
    const { path, drop } = freshSqliteFile();
    return { target: { kind: 'sqlite', path }, drop };
  },
};

const postgres: Backend = {
  name: 'postgres',
  async fresh() {
    const name = `cs_test_${randomBytes(6).toString('hex')}`;
    const admin = new pg.Client({ connectionString: PG_ADMIN_URL });
    await admin.connect();
    await admin.query(`create database ${name}`);
    await admin.end();
    const url = new URL(PG_ADMIN_URL);
    url.pathname = `/${name}`;
    return {
      target: { kind: 'postgres', url: url.toString() },
      async drop() {
        const c = new pg.Client({ connectionString: PG_ADMIN_URL });
        await c.connect();
        await c.query(`drop database if exists ${name} with (force)`);
        await c.end();
      },
    };
  },
};

/**
 * The databases the integration suites run on. PostgreSQL is mandatory in CI (CI=true): a missing server fails the
 * run rather than skipping it. Elsewhere it runs when it answers and says loudly when it does not.
 */
export async function backends(): Promise<Backend[]> {
  const down = await postgresAnswers();
  if (down === null) return [sqlite, postgres];
  if (process.env.CI === 'true') {
    throw new Error(`PostgreSQL is required in CI and does not answer at ${PG_ADMIN_URL}: ${down}`);
  }
  console.warn(`\n*** PostgreSQL does not answer at ${PG_ADMIN_URL} (${down}): PostgreSQL suites are SKIPPED ***\n`);
  return [sqlite];
}

export interface TestEnv {
  deps: Deps;
  store: Store;
  clock: ManualClock;
  close(): Promise<void>;
}

/** A migrated database on the backend, with a clock the test moves. */
export async function openTestEnv(backend: Backend): Promise<TestEnv> {
  const { target, drop } = await backend.fresh();
  const clock = new ManualClock();
  const { deps, store } = await openDeps(target, clock);
  return {
    deps,
    store,
    clock,
    async close() {
      await store.close();
      await drop();
    },
  };
}

export interface CastEnv extends TestEnv {
  people: Cast;
}

/** `openTestEnv` with the usual cast of users (see `cast`) already in the database. */
export async function openCastEnv(backend: Backend): Promise<CastEnv> {
  const env = await openTestEnv(backend);
  return { ...env, people: await cast(env.deps) };
}
