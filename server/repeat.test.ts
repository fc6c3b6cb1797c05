import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { repeat } from './repeat';

/** A job whose runs the test ends one by one; it counts them. */
function controlledJob() {
  const ends: (() => void)[] = [];
  const job = {
    runs: 0,
    run: () => {
      job.runs++;
      return new Promise<void>((resolve) => ends.push(resolve));
    },
    /** Ends the oldest run still going. */
    endOne: () => ends.shift()?.(),
  };
  return job;
}

describe('repeat', () => {
  beforeEach(() => vi.useFakeTimers());
  afterEach(() => vi.useRealTimers());

  it('runs the job each interval', async () => {
    let runs = 0;
    const r = repeat(
      1_000,
      async () => void runs++,
      () => {},
    );
    await vi.advanceTimersByTimeAsync(3_000);
    expect(runs).toBe(3);
    await r.stop();
  });

  it('never starts a run while one is going, and goes on once it ends', async () => {
    const job = controlledJob();
    const r = repeat(1_000, job.run, () => {});
    await vi.advanceTimersByTimeAsync(5_000);
    expect(job.runs).toBe(1);
    job.endOne();
    await vi.advanceTimersByTimeAsync(1_000);
    expect(job.runs).toBe(2);
    job.endOne();
    await r.stop();
  });

  it('runs at once when poked, and once more after the run under way when poked during it', async () => {
    const job = controlledJob();
    const r = repeat(60_000, job.run, () => {});
    r.poke();
    expect(job.runs).toBe(1);
    r.poke();
    r.poke();
    expect(job.runs).toBe(1);
    job.endOne();
    await vi.advanceTimersByTimeAsync(0);
    expect(job.runs).toBe(2);
    job.endOne();
    await vi.advanceTimersByTimeAsync(0);
    expect(job.runs).toBe(2);
    await r.stop();
  });

  it('hands a failed run to onError and goes on repeating', async () => {
    const errors: unknown[] = [];
    let runs = 0;
    const r = repeat(
      1_000,
      async () => {
        if (++runs === 1) throw new Error('disk full');
      },
      (err) => errors.push(err),
    );
    await vi.advanceTimersByTimeAsync(2_000);
    expect([runs, errors.map((e) => (e as Error).message)]).toEqual([2, ['disk full']]);
    await r.stop();
  });

  it('waits on stop for the run in flight, and starts none after it', async () => {
    const job = controlledJob();
    const r = repeat(1_000, job.run, () => {});
    await vi.advanceTimersByTimeAsync(1_000);
    let stopped = false;
    const stopping = r.stop().then(() => (stopped = true));
    await vi.advanceTimersByTimeAsync(0);
    expect(stopped).toBe(false);
    job.endOne();
    await stopping;
    r.poke();
    await vi.advanceTimersByTimeAsync(5_000);
    expect(job.runs).toBe(1);
  });
});
