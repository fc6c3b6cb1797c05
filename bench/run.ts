import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { arch, cpus, loadavg, platform, tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { Kysely, SqliteDialect } from 'kysely';
import { openSqlite } from '../server/store/connect';
import type { Database } from '../server/store/schema';
import { apiLayer, seed, serviceLayer, type Cast } from './layers';
import { betterSqlite, kyselyRaw, storeLayer } from './raw';
import { offeredLoad, P99_TARGET_MS } from './offered-load';
import { drive, summarise, type Layer, type OpStats, type Sample } from './workload';

const int = (name: string, fallback: number) => {
  const v = Number(process.env[name] ?? fallback);
  if (!Number.isSafeInteger(v) || v < 1) throw new Error(`${name} must be a positive integer`);
  return v;
};
/**
 * Decisions measured per layer. Flat out, the API's requests share their commits in groups of about 32, so 3,000
 * decisions hold only about 90 groups, and their p99 is the slowest group alone; 10,000 hold about 300.
 */
const N = int('BENCH_N', 10_000);
/**
 * Proposals and decisions per layer before measuring. V8 compiles the server's hot paths with its optimising tier
 * only after thousands of calls: after a warm-up of 200, the API's first 600 measured decisions had a p99 of 34–39 ms
 * in six runs, against 18–25 ms in two after a warm-up of 2,000.
 */
const WARMUP = int('BENCH_WARMUP', 2_000);
const ROUNDS = int('BENCH_ROUNDS', 5);
const CLIENTS = int('BENCH_CLIENTS', 32);
/** Decisions offered at each rate of the rising-load steps. */
const PACED_N = int('BENCH_PACED_N', 1500);
const REPS = 4;
/** Rounds stop early, always after a whole round, when the next one would end past this many seconds. */
const BUDGET_S = int('BENCH_BUDGET_S', 100);
/** Extra node flags for the server process, e.g. `--cpu-prof --cpu-prof-dir=/tmp/prof`. */
const SERVER_NODE_ARGS = process.env.BENCH_SERVER_NODE_ARGS?.split(' ').filter(Boolean) ?? [];

const load = () => loadavg()[0]!.toFixed(2);
const machine = { cpu: cpus()[0]?.model ?? 'unknown', cores: cpus().length, node: process.version, os: platform() };
const loadAtStart = load();
console.log(`machine: ${machine.cpu}, ${machine.cores} cores, Node ${machine.node}, ${machine.os} ${arch()}`);
console.log(`load average at start: ${loadAtStart} (the disk and cores are shared: compare ratios, not absolutes)`);

const started = performance.now();
const dir = mkdtempSync(join(process.env.BENCH_DIR ?? tmpdir(), 'cs-bench-'));
console.log(`databases: a fresh SQLite file per layer in ${dir} (WAL, synchronous=FULL)`);
console.log(`workload: per layer, ${WARMUP} proposals and decisions to warm up, then ${N} of each in ${ROUNDS} rounds`);
console.log(`then: ${PACED_N} decisions offered to the api at each of rising rates, from half the raw store's up`);
console.log(`api: server/main.ts in a child process; ${CLIENTS} clients over node:http (keep-alive)\n`);

const file = (name: string) => join(dir, `${name}.db`);
const ids = (c: Cast) => [c.agent.id, c.reps.map((r) => r.id)] as const;
const layers: Layer[] = [];
try {
  layers.push(storeLayer('raw', betterSqlite(file('raw')), 1, ...ids(await seed(file('raw'), REPS))));
  const kyselyCast = await seed(file('kysely'), REPS);
  // The server's writing connection (its pragmas and statement cache) under Kysely, without the group commit.
  const onKysely = new Kysely<Database>({ dialect: new SqliteDialect({ database: openSqlite(file('kysely')) }) });
  layers.push(
    storeLayer(
      'kysely',
      kyselyRaw(onKysely, () => onKysely.destroy()),
      CLIENTS,
      ...ids(kyselyCast),
    ),
  );
  layers.push(await serviceLayer(file('service'), await seed(file('service'), REPS), CLIENTS));
  layers.push(await apiLayer(file('api'), await seed(file('api'), REPS), CLIENTS, SERVER_NODE_ARGS));

  const samples = new Map(layers.map((l) => [l.name, { propose: [] as Sample[], decide: [] as Sample[] }]));
  const round = async (layer: Layer, indexes: number[], record: boolean) => {
    const made = new Map<number, string>();
    const cpu = () => layer.cpuMs();
    const p = await drive(indexes, layer.concurrency, cpu, async (i, c) => void made.set(i, await layer.propose(i, c)));
    const d = await drive(indexes, layer.concurrency, cpu, (i, c) => layer.decide(made.get(i)!, i, c));
    if (record) {
      samples.get(layer.name)!.propose.push(p);
      samples.get(layer.name)!.decide.push(d);
    }
  };
  const range = (from: number, n: number) => Array.from({ length: n }, (_, k) => from + k);

  for (const layer of layers) await round(layer, range(0, WARMUP), false);
  // The layers take turns, each round starting with the next one, so that a slow stretch of the shared disk or
  // cores falls on every layer alike rather than on whichever ran last.
  const chunk = Math.ceil(N / ROUNDS);
  const measuring = performance.now();
  for (let r = 0; r * chunk < N; r++) {
    const indexes = range(WARMUP + r * chunk, Math.min(chunk, N - r * chunk));
    for (let k = 0; k < layers.length; k++) await round(layers[(r + k) % layers.length]!, indexes, true);
    const perRound = (performance.now() - measuring) / (r + 1);
    if ((r + 1) * chunk < N && performance.now() + perRound - started > BUDGET_S * 1000) {
      console.log(`stopped after ${r + 1} of ${Math.ceil(N / chunk)} rounds to stay within ${BUDGET_S} s\n`);
      break;
    }
  }

  const stats: Record<string, { propose: OpStats; decide: OpStats }> = {};
  for (const [name, s] of samples) stats[name] = { propose: summarise(s.propose), decide: summarise(s.decide) };
  printTable(layers, stats);

  const { api, raw, kysely, service } = stats as Record<'api' | 'raw' | 'kysely' | 'service', (typeof stats)[string]>;
  // Each layer adds one thing to the one below: Kysely's driver; the services (query builder, input parsing,
  // policy, the reads that build the answer); HTTP (Fastify, token lookup, JSON, a process boundary).
  const ratio = (a: OpStats, b: OpStats) => a.perSecond / b.perSecond;
  const ratios = {
    apiOverRaw: ratio(api.decide, raw.decide),
    kyselyOverRaw: ratio(kysely.decide, raw.decide),
    serviceOverKysely: ratio(service.decide, kysely.decide),
    apiOverService: ratio(api.decide, service.decide),
  };

  // The latency a service shows at a given load rather than at saturation: the API is offered rising fractions of
  // the raw store's decision rate by the same number of clients, up to the first rate it does not sustain.
  const restApi = layers.find((l) => l.name === 'api')!;
  console.log(`\napi offered rising decision rates by ${CLIENTS} clients (target: p99 ≤ ${P99_TARGET_MS} ms):`);
  const offered = await offeredLoad(restApi, raw.decide.perSecond, CLIENTS, WARMUP + N, PACED_N, (s) =>
    console.log(
      `  ${s.fractionOfRaw.toFixed(1)}× raw: offered ${s.offeredPerSecond.toFixed(0)}/s, served ` +
        `${s.perSecond.toFixed(0)}/s, p50 ${s.p50Ms.toFixed(2)} ms, p99 ${s.p99Ms.toFixed(2)} ms` +
        (s.sustained ? '' : ' (not sustained)'),
    ),
  );
  const atHalf = offered.steps[0]!;

  const loadAtEnd = load();
  console.log(
    `\ndecisions/s, each layer over the one below: kysely/raw=${ratios.kyselyOverRaw.toFixed(2)}, ` +
      `service/kysely=${ratios.serviceOverKysely.toFixed(2)}, api/service=${ratios.apiOverService.toFixed(2)}` +
      `; load average at end: ${loadAtEnd}`,
  );

  const cpu = (s: OpStats) => s.cpuMsPerOp.toFixed(3);
  console.log(
    `CPU ms per decision: raw ${cpu(raw.decide)}, kysely ${cpu(kysely.decide)}, service ${cpu(service.decide)}, ` +
      `api ${cpu(api.decide)} in the server + ${api.decide.benchCpuMsPerOp.toFixed(3)} in the clients`,
  );

  const out = fileURLToPath(new URL('./results/', import.meta.url));
  mkdirSync(out, { recursive: true });
  const config = { n: N, warmup: WARMUP, rounds: ROUNDS, clients: CLIENTS, reps: REPS, budgetSeconds: BUDGET_S };
  const result = {
    at: new Date().toISOString(),
    machine: { ...machine, loadAtStart: Number(loadAtStart), loadAtEnd: Number(loadAtEnd) },
    config: { ...config, api: 'child process' },
    layers: stats,
    decisionRatios: ratios,
    apiAtOfferedRates: offered.steps,
    apiSustained: offered.best,
  };
  writeFileSync(join(out, 'latest.json'), JSON.stringify(result, null, 2) + '\n');

  const ms = (v: number) => `${v.toFixed(2)}ms`;
  console.log(
    `bench: api decisions/s=${api.decide.perSecond.toFixed(0)}, raw decisions/s=${raw.decide.perSecond.toFixed(0)}, ` +
      `ratio=${ratios.apiOverRaw.toFixed(2)}, p50=${ms(api.decide.p50Ms)}, p99=${ms(api.decide.p99Ms)}, ` +
      `p99.9=${ms(api.decide.p999Ms)}, max=${ms(api.decide.maxMs)}; ` +
      `at half the raw rate p50=${ms(atHalf.p50Ms)}, p99=${ms(atHalf.p99Ms)}; ` +
      (offered.best
        ? `sustained with p99 ≤ ${P99_TARGET_MS} ms up to ${offered.best.offeredPerSecond.toFixed(0)}/s ` +
          `(${offered.best.fractionOfRaw.toFixed(1)}× raw)`
        : `not sustained at half the raw rate`),
  );
} finally {
  for (const layer of layers) await layer.close();
  rmSync(dir, { recursive: true, force: true });
}

function printTable(layers: Layer[], stats: Record<string, { propose: OpStats; decide: OpStats }>) {
  const row = (cells: (string | number)[]) =>
    console.log(cells.map((c, k) => (k < 2 ? String(c).padEnd(9) : String(c).padStart(9))).join(' '));
  row(['layer', 'operation', 'clients', 'n', 'ops/s', 'p50 ms', 'p99 ms', 'p99.9 ms', 'max ms', 'cpu ms/op']);
  for (const layer of layers) {
    for (const op of ['propose', 'decide'] as const) {
      const s = stats[layer.name]![op];
      const ms = [s.p50Ms, s.p99Ms, s.p999Ms, s.maxMs].map((v) => v.toFixed(2));
      const cells = [s.perSecond.toFixed(0), ...ms, s.cpuMsPerOp.toFixed(3)];
      row([layer.name, op, layer.concurrency, s.n, ...cells]);
    }
  }
}
