import type { FastifyBaseLogger } from 'fastify';
import type { Deps } from './services/deps';
import { sweepTimeouts } from './services/timeouts';

/**
 * Runs the timeout sweep every `intervalMs`, never two at once: a tick that finds a sweep still running is skipped.
 * Returns a stop function that waits for the sweep in flight.
 */
export function startSweeper(
  deps: Deps,
  intervalMs: number,
  log: Pick<FastifyBaseLogger, 'info' | 'error'>,
): () => Promise<void> {
  let running: Promise<void> | null = null;
  let stopped = false;
  const tick = () => {
    if (stopped || running) return;
    running = sweepTimeouts(deps)
      .then((n) => {
        if (n > 0) log.info({ applied: n }, 'timeouts applied');
      })
      .catch((err: unknown) => log.error({ err }, 'timeout sweep failed'))
      .finally(() => (running = null));
  };
  const timer = setInterval(tick, intervalMs);
  return async () => {
    stopped = true;
    clearInterval(timer);
    await running;
  };
}
