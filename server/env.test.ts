import { execFile } from 'node:child_process';
import { promisify } from 'node:util';
import { describe, expect, it } from 'vitest';
import { readEnv } from './env';

const run = promisify(execFile);
const SECRET = `whsec_${Buffer.alloc(32, 7).toString('base64')}`;

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

  it('reads the webhook target, or none', () => {
    expect(readEnv({}).webhook).toBeNull();
    expect(readEnv({ WEBHOOK_URL: 'https://h/x', WEBHOOK_SECRET: SECRET }).webhook).toEqual({
      url: 'https://h/x',
      secret: SECRET,
    });
  });

  it.each([
    [{ DATABASE_URL: 'mysql://h/db' }, /DATABASE_URL must be unset, sqlite:PATH or postgres/],
    [{ DATABASE_URL: 'sqlite:' }, /sqlite: needs a path/],
    [{ PORT: 'eighty' }, /PORT/],
    [{ PORT: '70000' }, /PORT/],
    [{ WEBHOOK_URL: 'ftp://h/x', WEBHOOK_SECRET: SECRET }, /WEBHOOK_URL: must be an http\(s\) URL/],
    [{ WEBHOOK_URL: 'https://h/x', WEBHOOK_SECRET: 'hunter2' }, /WEBHOOK_SECRET: must be whsec_/],
    [{ WEBHOOK_URL: 'https://h/x' }, /WEBHOOK_SECRET: WEBHOOK_URL and WEBHOOK_SECRET are set together/],
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
