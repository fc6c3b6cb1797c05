import type { FastifyBaseLogger } from 'fastify';
import type { Deps } from './services/deps';
import { sweepTimeouts } from './services/timeouts';

/** Runs the timeout sweep now, then every `intervalMs`, never two at once. Returns a stop function. */
export function startSweeper(deps: Deps, intervalMs: number, log: FastifyBaseLogger): () => Promise<void> {
  let running: Promise<unknown> = Promise.resolve();
  let stopped = false;
  const tick = () => {
    running = sweepTimeouts(deps)
      .then((n) => {
        if (n > 0) log.info({ applied: n }, 'timeouts applied');
      })
      .catch((err: unknown) => log.error({ err }, 'timeout sweep failed'));
  };
  const timer = setInterval(() => {
    if (!stopped) void running.then(tick);
  }, intervalMs);
  return async () => {
    stopped = true;
    clearInterval(timer);
    await running;
  };
}
