import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import type { Deps } from './services/deps';
import { sweepTimeouts } from './services/timeouts';
import { startSweeper } from './sweeper';

vi.mock('./services/timeouts', () => ({ sweepTimeouts: vi.fn() }));

const sweep = vi.mocked(sweepTimeouts);
const log = { info: () => {}, error: () => {} };

/** A sweep that lasts until the test ends it. */
function slowSweep() {
  let end = () => {};
  sweep.mockImplementationOnce(() => new Promise<number>((resolve) => (end = () => resolve(0))));
  return () => end();
}

describe('sweeper', () => {
  beforeEach(() => {
    vi.useFakeTimers();
    sweep.mockReset();
    sweep.mockResolvedValue(0);
  });
  afterEach(() => vi.useRealTimers());

  it('runs a sweep each interval', async () => {
    const stop = startSweeper({} as Deps, 1_000, log);
    await vi.advanceTimersByTimeAsync(3_000);
    expect(sweep).toHaveBeenCalledTimes(3);
    await stop();
  });

  it('never starts a sweep while one runs, and resumes once it ends', async () => {
    const end = slowSweep();
    const stop = startSweeper({} as Deps, 1_000, log);
    await vi.advanceTimersByTimeAsync(5_000);
    expect(sweep).toHaveBeenCalledTimes(1);
    end();
    await vi.advanceTimersByTimeAsync(1_000);
    expect(sweep).toHaveBeenCalledTimes(2);
    await stop();
  });

  it('waits on stop for the sweep in flight, and starts none after it', async () => {
    const end = slowSweep();
    const stop = startSweeper({} as Deps, 1_000, log);
    await vi.advanceTimersByTimeAsync(3_000);
    let stopped = false;
    const stopping = stop().then(() => (stopped = true));
    await vi.advanceTimersByTimeAsync(0);
    expect(stopped).toBe(false);
    end();
    await stopping;
    await vi.advanceTimersByTimeAsync(5_000);
    expect(sweep).toHaveBeenCalledTimes(1);
  });
});
