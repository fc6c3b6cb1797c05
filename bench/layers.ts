import { spawn } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { Agent, request } from 'node:http';
import { createInterface } from 'node:readline';
import { fileURLToPath } from 'node:url';
import { systemClock } from '../server/clock';
import { openDeps } from '../server/services';
import { decide } from '../server/services/decisions';
import { propose } from '../server/services/suggestions';
import { authenticate, createUser, issueToken, SYSTEM } from '../server/services/users';
import { decision, ownCpuMs, proposal, type Layer } from './workload';

/** One agent proposes; the reps decide, client by client, so that requests are spread over several tokens. */
export interface Cast {
  agent: { id: string; token: string };
  reps: { id: string; token: string }[];
}

/** Migrates a fresh SQLite file and creates the cast in it. */
export async function seed(path: string, reps: number): Promise<Cast> {
  const { deps, store } = await openDeps({ kind: 'sqlite', path }, systemClock);
  const make = async (name: string, role: 'agent' | 'rep') => {
    const user = await createUser(deps, SYSTEM, { name, role, ...(role === 'rep' ? { team: 'west' } : {}) });
    return { id: user.id, token: (await issueToken(deps, SYSTEM, user.id)).token };
  };
  const cast: Cast = { agent: await make('Bench Agent', 'agent'), reps: [] };
  for (let r = 0; r < reps; r++) cast.reps.push(await make(`Rep ${r}`, 'rep'));
  await store.close();
  return cast;
}

/** The services called in process: Kysely, input parsing, policy and the answer's reads, but no HTTP. */
export async function serviceLayer(path: string, cast: Cast, concurrency: number): Promise<Layer> {
  const { deps, store } = await openDeps({ kind: 'sqlite', path }, systemClock);
  const agent = await authenticate(deps, cast.agent.token);
  const reps = await Promise.all(cast.reps.map((r) => authenticate(deps, r.token)));
  return {
    name: 'service',
    concurrency,
    async propose(i) {
      return (await propose(deps, agent, proposal(i), `p-${i}`)).body.id;
    },
    async decide(id, i, client) {
      await decide(deps, reps[client % reps.length]!, id, decision(i), `d-${i}`);
    },
    cpuMs: ownCpuMs,
    close: () => store.close(),
  };
}

const ROOT = fileURLToPath(new URL('..', import.meta.url));

/**
 * The REST API of `server/main.ts` run as operators run it, in a child process: the server has its own event loop
 * and the clients' work (HTTP, JSON) does not queue behind it. Clients share a keep-alive pool of node:http sockets.
 */
export async function apiLayer(path: string, cast: Cast, concurrency: number, nodeArgs: string[] = []): Promise<Layer> {
  const child = spawn(process.execPath, [...nodeArgs, '--import', 'tsx', 'server/main.ts'], {
    cwd: ROOT,
    env: {
      ...process.env,
      DATABASE_URL: `sqlite:${path}`,
      PORT: '0',
      HOST: '127.0.0.1',
      LOG_LEVEL: 'info',
      RATE_LIMIT_PER_MINUTE: '1000000',
      SWEEP_INTERVAL_MS: '3600000',
    },
    stdio: ['ignore', 'pipe', 'inherit'],
  });
  const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
  const url = await new Promise<string>((resolve, reject) => {
    createInterface({ input: child.stdout }).on('line', (line) => {
      const m = /"msg":"Server listening at (http:\/\/[\d.]+:\d+)"/.exec(line);
      if (m) resolve(m[1]!);
    });
    void exited.then(() => reject(new Error(`the server exited with ${child.exitCode} before listening`)));
  });

  // node:http with a keep-alive pool, as load generators such as wrk or autocannon do: fetch costs the clients
  // about twice the CPU per request, which on a small machine is taken from the server being measured.
  const agent = new Agent({ keepAlive: true, maxSockets: concurrency });
  const post = (path: string, token: string, key: string, body: unknown, expected: number) =>
    new Promise<{ id: string }>((resolve, reject) => {
      const payload = JSON.stringify(body);
      const req = request(url + path, {
        method: 'POST',
        agent,
        headers: {
          authorization: `Bearer ${token}`,
          'content-type': 'application/json',
          'content-length': Buffer.byteLength(payload),
          'idempotency-key': key,
        },
      });
      req.on('error', reject);
      req.on('response', (res) => {
        const chunks: Buffer[] = [];
        res.on('data', (c: Buffer) => chunks.push(c));
        res.on('error', reject);
        res.on('end', () => {
          const text = Buffer.concat(chunks).toString('utf8');
          if (res.statusCode !== expected) reject(new Error(`POST ${path}: ${res.statusCode} ${text.slice(0, 300)}`));
          else resolve(JSON.parse(text) as { id: string });
        });
      });
      req.end(payload);
    });
  return {
    name: 'api',
    concurrency,
    async propose(i) {
      return (await post('/api/v1/suggestions', cast.agent.token, `p-${i}`, proposal(i), 201)).id;
    },
    async decide(id, i, client) {
      const rep = cast.reps[client % cast.reps.length]!;
      await post(`/api/v1/suggestions/${id}/decisions`, rep.token, `d-${i}`, decision(i), 200);
    },
    cpuMs: () => processCpuMs(child.pid!),
    async close() {
      agent.destroy();
      child.kill('SIGTERM');
      await exited;
    },
  };
}

/** User and system CPU milliseconds of another process, from /proc (Linux); NaN elsewhere. */
function processCpuMs(pid: number): number {
  try {
    // Fields after the parenthesised command name; utime and stime are the 14th and 15th of the whole line.
    const fields = readFileSync(`/proc/${pid}/stat`, 'utf8').split(') ')[1]!.split(' ');
    return ((Number(fields[11]) + Number(fields[12])) * 1000) / CLOCK_TICKS;
  } catch {
    return NaN;
  }
}

/** USER_HZ: 100 on every mainstream Linux build. */
const CLOCK_TICKS = 100;
