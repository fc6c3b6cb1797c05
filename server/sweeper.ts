import type { FastifyBaseLogger } from 'fastify';
import { repeat } from './repeat';
import type { Deps } from './services/deps';
import { sweepTimeouts } from './services/timeouts';

/** Runs the timeout sweep every `intervalMs`, never two at once. Returns a stop function that waits for it. */
export function startSweeper(
  deps: Deps,
  intervalMs: number,
  log: Pick<FastifyBaseLogger, 'info' | 'error'>,
): () => Promise<void> {
  const { stop } = repeat(
    intervalMs,
    async () => {
      const n = await sweepTimeouts(deps);
      if (n > 0) log.info({ applied: n }, 'timeouts applied');
    },
    (err) => log.error({ err }, 'timeout sweep failed'),
  );
  return stop;
}
