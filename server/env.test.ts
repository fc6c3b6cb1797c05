import { execFile } from 'node:child_process';
import { promisify } from 'node:util';
import { describe, expect, it } from 'vitest';
import { readEnv } from './env';

const run = promisify(execFile);

describe('environment', () => {
  it('defaults to the embedded database on port 8787', () => {
    expect(readEnv({})).toMatchObject({ PORT: 8787, database: { kind: 'sqlite', path: './data/countersign.db' } });
  });

  it('reads sqlite: and postgres:// addresses', () => {
    expect(readEnv({ DATABASE_URL: 'sqlite:/tmp/x.db' }).database).toEqual({ kind: 'sqlite', path: '/tmp/x.db' });
    expect(readEnv({ DATABASE_URL: 'postgres://u@h:5432/db' }).database).toEqual({
      kind: 'postgres',
      url: 'postgres://u@h:5432/db',
    });
  });

  it.each([
    [{ DATABASE_URL: 'mysql://h/db' }, /DATABASE_URL must be unset, sqlite:PATH or postgres/],
    [{ DATABASE_URL: 'sqlite:' }, /sqlite: needs a path/],
    [{ PORT: 'eighty' }, /PORT/],
    [{ PORT: '70000' }, /PORT/],
  ])('refuses %o in one clear line', (env, message) => {
    expect(() => readEnv(env)).toThrow(message);
  });

  it('makes the server exit with that one line, not a stack trace', async () => {
    const child = run('node', ['--import', 'tsx', 'server/main.ts'], {
      env: { ...process.env, DATABASE_URL: 'mysql://nope/db', PORT: '0' },
    });
    const failure = await child.then(
      () => null,
      (e: { code: number; stderr: string }) => e,
    );
    expect(failure?.code).toBe(2);
    const lines = failure!.stderr.split('\n').filter((l) => l.trim() && !l.includes('nodedir'));
    expect(lines).toEqual([expect.stringMatching(/^invalid environment: DATABASE_URL must be/)]);
  });
});
