type Slot = { tail: Promise<unknown>; running: Promise<unknown> | null; queued: Promise<unknown> | null };
const slots = new WeakMap<object, Map<string, Slot>>();

function slotFor(owner: object, key: string): Slot {
  let byKey = slots.get(owner);
  if (!byKey) slots.set(owner, (byKey = new Map()));
  let slot = byKey.get(key);
  if (!slot) byKey.set(key, (slot = { tail: Promise.resolve(), running: null, queued: null }));
  return slot;
}

/** Runs `task` after every earlier task of the same owner and key has settled: a mutex as a promise chain. */
export function inTurn<T>(owner: object, key: string, task: () => Promise<T>): Promise<T> {
  const slot = slotFor(owner, key);
  const run = slot.tail.then(task, task);
  slot.tail = run.catch(() => {});
  return run;
}

/**
 * Runs `task` unless one is running; callers arriving meanwhile share one more run after it, so a burst of
 * triggers (live events) costs at most two runs and none misses what changed before it asked.
 */
export function coalesced<T>(owner: object, key: string, task: () => Promise<T>): Promise<T> {
  const slot = slotFor(owner, key);
  if (slot.queued) return slot.queued as Promise<T>;
  if (slot.running) {
    const queued = slot.running
      .catch(() => {})
      .then(() => {
        slot.queued = null;
        return start();
      });
    slot.queued = queued;
    return queued;
  }
  return start();

  function start(): Promise<T> {
    const running = task().finally(() => {
      if (slot.running === running) slot.running = null;
    });
    slot.running = running;
    return running;
  }
}
