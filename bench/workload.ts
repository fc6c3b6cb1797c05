import type { ProposalInput } from '../lib/schemas/suggestion';

/** One way of storing proposals and decisions: raw SQL on better-sqlite3 or through Kysely, the services, or REST. */
export interface Layer {
  name: string;
  /** How many callers run at once; a synchronous store gains nothing from more than one. */
  concurrency: number;
  /** Proposes item `i` and returns its id; `client` picks the caller's identity. */
  propose(i: number, client: number): Promise<string>;
  decide(id: string, i: number, client: number): Promise<void>;
  /** CPU milliseconds used so far by the process that does the work: this one, or the server's. */
  cpuMs(): number;
  close(): Promise<void>;
}

/** CPU milliseconds this process has used: user and system. */
export const ownCpuMs = () => {
  const u = process.cpuUsage();
  return (u.user + u.system) / 1000;
};

/** Confidence 0.82 and a small, reversible, internal change: the review lane at the rep tier, as most traffic is. */
export function proposal(i: number): ProposalInput {
  return {
    type: 'stage_change',
    record: { crm: 'hubspot', objectType: 'deal', id: `deal-${i}`, name: `Account ${i}, 40 seats` },
    changes: [{ field: 'dealstage', label: 'Stage', from: 'Negotiation', to: 'Closed Lost' }],
    reasons: ['No activity in 45 days', 'Champion left the company'],
    context: { lastActivity: '2026-10-01', owner: 'Dana', emails: 12 },
    confidence: 0.82,
    impact: { amount: 480, customerFacing: false, reversible: true },
  };
}

/** Half approvals, half rejections, each with a note. */
export function decision(i: number): { kind: 'approve' | 'reject'; note: string } {
  return i % 2 === 0
    ? { kind: 'approve', note: `looks right (${i})` }
    : { kind: 'reject', note: `still active (${i})` };
}

export interface Sample {
  ms: number;
  latencies: number[];
  /** CPU time of the process doing the work; unlike wall time, it leaves out waiting for the disk's fsync. */
  cpuMs: number;
  /** CPU time of this process: the same as `cpuMs` in process, the clients' cost for the API. */
  benchCpuMs: number;
}

/**
 * Runs `op` for each of `indexes` from `concurrency` callers, each taking the next index when it is free. Flat out
 * (no `perSecond`), a request is due when a caller takes it: this finds the most the layer can take, and latency is
 * only how long the queue is. At a fixed rate, request k is due at start + k / rate whether or not the earlier ones
 * have come back, and its latency counts from when it was due, so a request that waits for a free caller is charged
 * for the wait: the latency a service shows at that load.
 */
export async function drive(
  indexes: number[],
  concurrency: number,
  cpuMs: () => number,
  op: (i: number, client: number) => Promise<void>,
  perSecond?: number,
): Promise<Sample> {
  const latencies: number[] = [];
  let next = 0;
  const [t0, cpu0, bench0] = [performance.now(), cpuMs(), ownCpuMs()];
  const dueAt = (k: number) => (perSecond ? t0 + (k * 1000) / perSecond : performance.now());
  const client = async (c: number) => {
    while (next < indexes.length) {
      const k = next++;
      const due = dueAt(k);
      const wait = due - performance.now();
      if (wait > 0) await new Promise((resolve) => setTimeout(resolve, wait));
      await op(indexes[k]!, c);
      latencies.push(performance.now() - due);
    }
  };
  await Promise.all(Array.from({ length: concurrency }, (_, c) => client(c)));
  return { ms: performance.now() - t0, latencies, cpuMs: cpuMs() - cpu0, benchCpuMs: ownCpuMs() - bench0 };
}

export function percentile(sorted: number[], q: number): number {
  if (sorted.length === 0) return NaN;
  return sorted[Math.min(sorted.length - 1, Math.max(0, Math.ceil(q * sorted.length) - 1))]!;
}

export interface OpStats {
  n: number;
  perSecond: number;
  p50Ms: number;
  p99Ms: number;
  p999Ms: number;
  maxMs: number;
  cpuMsPerOp: number;
  benchCpuMsPerOp: number;
}

export function summarise(samples: Sample[]): OpStats {
  const all = samples.flatMap((s) => s.latencies).sort((a, b) => a - b);
  const sum = (f: (s: Sample) => number) => samples.reduce((t, s) => t + f(s), 0);
  const ms = sum((s) => s.ms);
  return {
    n: all.length,
    perSecond: all.length / (ms / 1000),
    p50Ms: percentile(all, 0.5),
    p99Ms: percentile(all, 0.99),
    p999Ms: percentile(all, 0.999),
    maxMs: all.at(-1) ?? NaN,
    cpuMsPerOp: sum((s) => s.cpuMs) / all.length,
    benchCpuMsPerOp: sum((s) => s.benchCpuMs) / all.length,
  };
}
