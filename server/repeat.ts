export interface Repeating {
  /** Runs the job now, or once more as soon as the run under way ends. */
  poke(): void;
  /** Stops the repeats and waits for the run in flight. */
  stop(): Promise<void>;
}

/** Runs `job` every `intervalMs` and when poked, never two at once: a tick that finds a run under way is skipped. */
export function repeat(intervalMs: number, job: () => Promise<void>, onError: (err: unknown) => void): Repeating {
  let running: Promise<void> | null = null;
  let again = false;
  let stopped = false;
  const tick = () => {
    if (stopped || running) return;
    running = job()
      .catch(onError)
      .finally(() => {
        running = null;
        if (again) {
          again = false;
          tick();
        }
      });
  };
  const timer = setInterval(tick, intervalMs);
  return {
    poke() {
      if (running) again = true;
      else tick();
    },
    async stop() {
      stopped = true;
      clearInterval(timer);
      while (running) await running;
    },
  };
}
