import { spawn, type ChildProcess } from 'node:child_process';
import { createInterface } from 'node:readline';
import { setTimeout as delay } from 'node:timers/promises';
import { fileURLToPath } from 'node:url';
import { afterAll, describe, expect, it } from 'vitest';
import type { SuggestionDetail } from '../../lib/schemas/decision';
import { systemClock } from '../../server/clock';
import { openDeps } from '../../server/services';
import type { StoreTarget } from '../../server/store/connect';
import { backends, type Backend } from '../helpers/backends';
import { caller, type Call } from '../helpers/http';
import { dealProposal, person } from '../helpers/people';
import { until } from '../helpers/wait';

const ROOT = fileURLToPath(new URL('../..', import.meta.url));

interface ServerProcess {
  child: ChildProcess;
  url: string;
  call: Call;
  /** Every JSON log line the server printed so far. */
  logs: Record<string, unknown>[];
  exited: Promise<void>;
}

const running = new Set<ChildProcess>();

/** `node server/main.ts` as operators run it, on a free port; resolves once /healthz answers 200. */
async function startServer(databaseUrl: string): Promise<ServerProcess> {
  const child = spawn(process.execPath, ['--import', 'tsx', 'server/main.ts'], {
    cwd: ROOT,
    env: {
      ...process.env,
      DATABASE_URL: databaseUrl,
      PORT: '0',
      HOST: '127.0.0.1',
      // Only the sweep at start may apply timeouts, so what this suite sees is the restart's doing.
      SWEEP_INTERVAL_MS: '3600000',
      LOG_LEVEL: 'info',
    },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  running.add(child);
  const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
  void exited.then(() => running.delete(child));
  let stderr = '';
  child.stderr!.on('data', (b: Buffer) => (stderr += b.toString()));
  const logs: Record<string, unknown>[] = [];
  const url = await new Promise<string>((resolve, reject) => {
    createInterface({ input: child.stdout! }).on('line', (line) => {
      let entry: Record<string, unknown>;
      try {
        entry = JSON.parse(line) as Record<string, unknown>;
      } catch {
        return;
      }
      logs.push(entry);
      const m = /^Server listening at (http:\/\/[\d.]+:\d+)$/.exec(String(entry.msg));
      if (m) resolve(m[1]!);
    });
    void exited.then(() => reject(new Error(`the server exited before listening (exit ${child.exitCode}): ${stderr}`)));
  });
  const healthy = async () => (await fetch(`${url}/healthz`).catch(() => null))?.ok === true;
  await until(healthy, Boolean, { timeout: 20_000, interval: 25, what: '/healthz' });
  return { child, url, call: caller(url), logs, exited };
}

async function killHard(s: ServerProcess) {
  s.child.kill('SIGKILL');
  await s.exited;
}

/** A fresh database, and the `DATABASE_URL` that names it to the server process. */
async function freshDatabase(backend: Backend): Promise<{ target: StoreTarget; url: string; drop(): Promise<void> }> {
  const { target, drop } = await backend.fresh();
  return { target, url: target.kind === 'postgres' ? target.url : `sqlite:${target.path}`, drop };
}

describe.each(await backends())('a server killed with SIGKILL and started again on $name', (backend) => {
  const cleanups: (() => Promise<void>)[] = [];
  afterAll(async () => {
    for (const child of running) child.kill('SIGKILL');
    for (const c of cleanups.reverse()) await c();
  });

  it('keeps every acknowledged decision and applies the timeouts that fell due while it was down', async () => {
    const db = await freshDatabase(backend);
    cleanups.push(db.drop);
    const { deps, store } = await openDeps(db.target, systemClock);
    const agent = await person(deps, 'Pipeline Bot', 'agent');
    const reps = [await person(deps, 'Dana', 'rep', 'west'), await person(deps, 'Raj', 'rep', 'west')];
    const admin = await person(deps, 'Alex', 'admin');
    await store.close();

    const first = await startServer(db.url);
    cleanups.push(() => killHard(first));
    const propose = async (over: Record<string, unknown>) => {
      const r = await first.call(agent.token, 'POST', '/api/v1/suggestions', dealProposal(over));
      expect(r.status).toBe(201);
      expect(r.body).toMatchObject({ lane: 'review', tier: 'rep', status: 'pending' });
      return r.body as SuggestionDetail;
    };
    const others = [];
    for (let i = 0; i < 10; i++) {
      others.push(await propose({ record: { crm: 'hubspot', objectType: 'deal', id: `d${i}` } }));
    }
    const a = await propose({ timeoutSeconds: 2, timeoutAction: 'reject' });
    const b = await propose({ timeoutSeconds: 2, timeoutAction: 'escalate' });
    const c = await propose({ timeoutSeconds: 3600, timeoutAction: 'reject' });

    const acknowledged = await Promise.all(
      others.map(async (s, i) => {
        const kind = i % 2 === 0 ? 'approve' : 'reject';
        const path = `/api/v1/suggestions/${s.id}/decisions`;
        const body = { kind, note: `${kind} ${i}` };
        const r = await first.call(reps[i % 2]!.token, 'POST', path, body, { 'idempotency-key': `decide-${i}` });
        expect(r.status).toBe(200);
        const decided = r.body as SuggestionDetail;
        const d = decided.decisions.at(-1)!;
        return { suggestionId: s.id, decisionId: d.id, kind: d.kind, status: decided.status };
      }),
    );
    await killHard(first);
    expect(acknowledged.map((d) => d.kind)).toEqual(others.map((_, i) => (i % 2 === 0 ? 'approve' : 'reject')));

    const dueAt = Math.max(Date.parse(a.expiresAt!), Date.parse(b.expiresAt!));
    await delay(Math.max(1, dueAt + 1 - Date.now())); // A and B fall due while the server is down

    const second = await startServer(db.url);
    cleanups.push(() => killHard(second));
    const get = async (id: string) => {
      const r = await second.call(agent.token, 'GET', `/api/v1/suggestions/${id}`);
      expect(r.status).toBe(200);
      return r.body as SuggestionDetail;
    };

    const aNow = await get(a.id);
    expect(aNow.status).toBe('rejected');
    expect(aNow.decisions.map((d) => d.kind)).toEqual(['timeout']);

    const bNow = await get(b.id);
    expect(bNow).toMatchObject({ status: 'pending', tier: 'manager' });
    expect(bNow.decisions.map((d) => d.kind)).toEqual(['timeout']);
    expect(Date.parse(bNow.expiresAt!)).toBeGreaterThan(Date.parse(b.expiresAt!));

    const cNow = await get(c.id);
    expect(cNow).toMatchObject({ status: 'pending', tier: 'rep', expiresAt: c.expiresAt, decisions: [] });

    for (const ack of acknowledged) {
      const s = await get(ack.suggestionId);
      expect(s.status).toBe(ack.status);
      expect(s.decisions).toEqual([expect.objectContaining({ id: ack.decisionId, kind: ack.kind })]);
    }
    // Both timeouts were applied before the server took requests, not by a later sweep.
    expect(second.logs.find((l) => l.msg === 'overdue timeouts applied at start')).toMatchObject({ applied: 2 });

    // 4 users (created, token issued), 13 proposals (proposed, routed), 10 decisions, A timed out, B timed out
    // and escalated: an event lost in the kill, or written twice, shows in the count or breaks the chain.
    const verified = await second.call(admin.token, 'GET', '/api/v1/audit/verify');
    expect(verified.status).toBe(200);
    expect(verified.body).toEqual({ ok: true, events: 4 * 2 + 13 * 2 + 10 + 1 + 2 });
  }, 50_000);
});
