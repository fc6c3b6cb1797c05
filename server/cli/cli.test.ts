import { spawn } from 'node:child_process';
import { mkdtemp, readFile, readdir, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import Sqlite from 'better-sqlite3';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { systemClock } from '../clock';
import { openDeps } from '../services';
import { authenticate } from '../services/users';

const ROOT = fileURLToPath(new URL('../..', import.meta.url));

interface Ran {
  code: number | null;
  stdout: string;
  stderr: string;
  lines: string[];
}

describe('cli', () => {
  let dir: string;
  let dbPath: string;

  beforeAll(async () => {
    dir = await mkdtemp(join(tmpdir(), 'countersign-cli-'));
    dbPath = join(dir, 'x.db');
  });
  afterAll(() => rm(dir, { recursive: true, force: true }));

  const cli = (...args: string[]) =>
    new Promise<Ran>((resolve, reject) => {
      const child = spawn(process.execPath, ['--import', 'tsx', 'server/cli/main.ts', ...args], {
        cwd: ROOT,
        env: { ...process.env, DATABASE_URL: `sqlite:${dbPath}` },
      });
      let stdout = '';
      let stderr = '';
      child.stdout.on('data', (d) => (stdout += d));
      child.stderr.on('data', (d) => (stderr += d));
      child.on('error', reject);
      child.on('close', (code) => resolve({ code, stdout, stderr, lines: stdout.split('\n').filter((l) => l !== '') }));
    });

  /** Opens the CLI's database file in this process, for a look the CLI cannot give. */
  const withDeps = async <T>(fn: (deps: Awaited<ReturnType<typeof openDeps>>['deps']) => Promise<T>) => {
    const { deps, store } = await openDeps({ kind: 'sqlite', path: dbPath }, systemClock);
    try {
      return await fn(deps);
    } finally {
      await store.close();
    }
  };

  let userId: string;
  let firstToken: string;

  it('adds a user and prints a working token alone on the last line', async () => {
    const r = await cli('users', 'add', '--name', 'Dana', '--role', 'rep', '--team', 'west');
    expect(r).toMatchObject({ code: 0, stderr: '' });
    expect(r.lines).toHaveLength(2);
    expect(r.lines[0]).toMatch(/Dana/);
    firstToken = r.lines.at(-1)!;
    expect(firstToken).toMatch(/^\S{43,}$/);
    const actor = await withDeps((deps) => authenticate(deps, firstToken));
    expect(actor).toMatchObject({ name: 'Dana', role: 'rep', team: 'west' });
    userId = actor.id;
  });

  it('lists users with their tokens, issues another and revokes the first', async () => {
    const actor = await withDeps((deps) => authenticate(deps, firstToken));
    const issued = await cli('tokens', 'issue', '--user', userId);
    expect(issued.code).toBe(0);
    const second = issued.lines.at(-1)!;
    expect((await withDeps((deps) => authenticate(deps, second))).id).toBe(userId);

    const revoked = await cli('tokens', 'revoke', '--token', actor.tokenId!);
    expect(revoked.code).toBe(0);
    await expect(withDeps((deps) => authenticate(deps, firstToken))).rejects.toMatchObject({ code: 'UNAUTHORIZED' });

    const list = await cli('users', 'list');
    expect(list.code).toBe(0);
    const row = list.lines.find((l) => l.startsWith(userId))!;
    expect(row.split('\t').slice(1, 4)).toEqual(['Dana', 'rep', 'west']);
    expect(row).toContain(`${actor.tokenId} (revoked)`);
  });

  it('refuses a bad role field by field, with exit 2 and no stack trace', async () => {
    const r = await cli('users', 'add', '--name', 'Bob', '--role', 'boss');
    expect(r.code).toBe(2);
    expect(r.stdout).toBe('');
    expect(r.stderr).toMatch(/--role: .*"agent"\|"rep"\|"manager"\|"admin"/);
    expect(r.stderr).not.toMatch(/\bat .*\.ts:\d+/);
  });

  it('answers bad arguments with one line and the usage, exit 2', async () => {
    for (const args of [
      [],
      ['users', 'frob'],
      ['users', 'add', '--name', 'Bob'],
      ['audit', 'export', '--format', 'xml'],
    ]) {
      const r = await cli(...args);
      expect(r.code).toBe(2);
      const [first, , ...rest] = r.stderr.split('\n');
      expect(first).toMatch(/^error: /);
      expect(rest.join('\n')).toContain('users add --name NAME');
    }
  });

  it('verifies the chain and exports it as JSON lines and CSV', async () => {
    const verified = await cli('audit', 'verify');
    expect(verified).toMatchObject({ code: 0, stdout: 'ok: 4 events\n' });

    const jsonl = await cli('audit', 'export', '--format', 'jsonl');
    expect(jsonl.code).toBe(0);
    expect(jsonl.lines.map((l) => JSON.parse(l).seq)).toEqual([1, 2, 3, 4]);

    const out = join(dir, 'audit.csv');
    const csv = await cli('audit', 'export', '--format', 'csv', '--out', out);
    expect(csv).toMatchObject({ code: 0, stdout: `exported 4 events to ${out}\n` });
    const records = (await readFile(out, 'utf8')).split('\r\n').filter(Boolean);
    expect(records[0]).toBe('seq,at,actor,kind,suggestionId,payload,prevHash,hash,confidence');
    expect(records).toHaveLength(5);
    expect((await readdir(dir)).filter((f) => f.endsWith('.partial'))).toEqual([]);
  });

  it('fails verification naming the event edited behind its back, exit 1', async () => {
    const db = new Sqlite(dbPath);
    try {
      db.prepare(`update audit_events set payload = replace(payload, 'Dana', 'Eve') where seq = 1`).run();
    } finally {
      db.close();
    }
    const r = await cli('audit', 'verify');
    expect(r.code).toBe(1);
    expect(r.stdout).toMatch(/first bad event 1\b.*event 1's hash does not match/);
  });
});
