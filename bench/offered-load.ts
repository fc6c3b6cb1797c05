import { drive, summarise, type Layer, type OpStats } from './workload';

/** The latency target of the REST benchmark. */
export const P99_TARGET_MS = 25;

/** Offered rates, as fractions of the raw store's decision rate: from the required half upwards. */
const FRACTIONS = [0.5, 0.6, 0.7, 0.8, 0.9, 1.0, 1.1, 1.2];

/** A step is sustained when the layer keeps up with what it is offered and meets the latency target. */
const KEEPS_UP = 0.95;

export interface OfferedStep extends OpStats {
  fractionOfRaw: number;
  offeredPerSecond: number;
  sustained: boolean;
}

export interface OfferedLoad {
  steps: OfferedStep[];
  /** The highest offered rate that was sustained, or null if even the first was not. */
  best: OfferedStep | null;
}

/**
 * Offers the layer's decisions at rising rates, from half the raw store's rate up, each step `perStep` fresh items
 * proposed flat out beforehand; latency counts from when each decision was due, so a layer that falls behind is
 * charged for it. Stops after the first step that is not sustained: the rates above it would fail too.
 */
export async function offeredLoad(
  layer: Layer,
  rawPerSecond: number,
  clients: number,
  firstIndex: number,
  perStep: number,
  report: (step: OfferedStep) => void,
): Promise<OfferedLoad> {
  const steps: OfferedStep[] = [];
  let next = firstIndex;
  for (const fraction of FRACTIONS) {
    const indexes = Array.from({ length: perStep }, (_, k) => next + k);
    next += perStep;
    const ids = new Map<number, string>();
    await drive(indexes, clients, layer.cpuMs, async (i, c) => void ids.set(i, await layer.propose(i, c)));
    const offeredPerSecond = rawPerSecond * fraction;
    const sample = await drive(
      indexes,
      clients,
      layer.cpuMs,
      (i, c) => layer.decide(ids.get(i)!, i, c),
      offeredPerSecond,
    );
    const stats = summarise([sample]);
    const sustained = stats.p99Ms <= P99_TARGET_MS && stats.perSecond >= offeredPerSecond * KEEPS_UP;
    const step = { fractionOfRaw: fraction, offeredPerSecond, sustained, ...stats };
    steps.push(step);
    report(step);
    if (!sustained) break;
  }
  return { steps, best: steps.filter((s) => s.sustained).at(-1) ?? null };
}
