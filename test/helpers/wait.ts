/**
 * Polls `read` until `done` holds of its value, and returns that value; throws with the last value seen when `timeout`
 * runs out. For hooks and helpers: vitest's `expect.poll` only works inside a test.
 */
export async function until<T>(
  read: () => Promise<T> | T,
  done: (value: T) => boolean,
  { timeout = 10_000, interval = 50, what = 'condition' }: { timeout?: number; interval?: number; what?: string } = {},
): Promise<T> {
  const deadline = Date.now() + timeout;
  for (;;) {
    const value = await read();
    if (done(value)) return value;
    if (Date.now() >= deadline) {
      throw new Error(`timed out after ${timeout} ms waiting for ${what}; last value: ${JSON.stringify(value)}`);
    }
    await new Promise((resolve) => setTimeout(resolve, interval));
  }
}
