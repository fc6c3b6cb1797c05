/**
 * Runs `job` every `intervalMs`, never two at once: a tick that finds the last run still going is skipped. Returns a
 * stop function that waits for the run in flight.
 */
export function repeat(
  intervalMs: number,
  job: () => Promise<void>,
  onError: (err: unknown) => void,
): () => Promise<void> {
  let running: Promise<void> | null = null;
  let stopped = false;
  const tick = () => {
    if (stopped || running) return;
    running = job()
      .catch(onError)
      .finally(() => (running = null));
  };
  const timer = setInterval(tick, intervalMs);
  return async () => {
    stopped = true;
    clearInterval(timer);
    await running;
  };
}
