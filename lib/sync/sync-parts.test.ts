import { describe, expect, it, vi } from 'vitest';
import { classifyFailure } from './api-failure';
import { OUTBOX_BACKOFF, retryDelay } from './backoff';
import { conflictNotice, timeAgo } from './notices';
import { coalesced, inTurn } from './one-at-a-time';

const trpcError = (appCode: string, httpStatus: number, details: unknown = null) =>
  Object.assign(new Error(`server says ${appCode}`), { data: { appCode, httpStatus, details } });

describe('classifyFailure', () => {
  it('drops a queued decision only on a Countersign server’s own refusal', () => {
    const winner = { decisionId: 'd', kind: 'approve', by: 'u2', byName: 'Raj', at: '2026-11-01T09:00:00Z' };
    expect(classifyFailure(trpcError('CONFLICT', 409, { winner }))).toMatchObject({ kind: 'conflict', winner });
    expect(classifyFailure(trpcError('GONE', 412))).toMatchObject({ kind: 'gone' });
    for (const code of ['FORBIDDEN', 'NOT_FOUND', 'BAD_INPUT', 'IDEMPOTENCY_MISMATCH']) {
      expect(classifyFailure(trpcError(code, 400))).toMatchObject({ kind: 'refused', code });
    }
    expect(classifyFailure(trpcError('UNAUTHORIZED', 401))).toMatchObject({ kind: 'unauthorized' });
  });

  it('keeps it for anything else: no answer, 5xx, 429, a proxy’s page', () => {
    // No answer at all: offline if the device says so, else the server is what cannot be reached.
    vi.stubGlobal('navigator', { onLine: false });
    expect(classifyFailure(new TypeError('fetch failed'))).toMatchObject({ kind: 'transient', connection: 'offline' });
    vi.stubGlobal('navigator', { onLine: true });
    expect(classifyFailure(new TypeError('fetch failed'))).toMatchObject({ connection: 'unreachable' });
    vi.unstubAllGlobals();
    expect(classifyFailure(trpcError('INTERNAL', 500))).toMatchObject({ kind: 'transient', connection: 'unreachable' });
    expect(classifyFailure(trpcError('RATE_LIMITED', 429))).toMatchObject({ kind: 'transient' });
    const proxy = Object.assign(new Error('Unexpected token <'), { meta: { response: { status: 404 } } });
    expect(classifyFailure(proxy)).toMatchObject({ kind: 'transient', connection: 'unreachable' });
    const expired = Object.assign(new Error('no'), { meta: { response: { status: 401 } } });
    expect(classifyFailure(expired)).toMatchObject({ kind: 'unauthorized' });
  });
});

describe('retryDelay', () => {
  it('doubles from the base, with jitter between half and all of it, up to the cap', () => {
    expect(retryDelay(1, () => 0)).toBe(OUTBOX_BACKOFF.baseMs / 2);
    expect(retryDelay(1, () => 1)).toBe(OUTBOX_BACKOFF.baseMs);
    expect(retryDelay(3, () => 1)).toBe(OUTBOX_BACKOFF.baseMs * 4);
    expect(retryDelay(40, () => 1)).toBe(OUTBOX_BACKOFF.capMs);
    expect(retryDelay(40, () => 0)).toBe(OUTBOX_BACKOFF.capMs / 2);
  });
});

describe('one at a time', () => {
  /** Tasks that each run until the test ends them, and the log of every start and end in the order they happened. */
  function heldTasks() {
    const log: string[] = [];
    const ends: (() => void)[] = [];
    const task =
      (name: string, fail = false) =>
      () => {
        log.push(`start ${name}`);
        return new Promise<string>((resolve, reject) => {
          ends.push(() => {
            log.push(`end ${name}`);
            if (fail) reject(new Error('boom'));
            else resolve(name);
          });
        });
      };
    /** Ends the `i`-th run once it has started. */
    const end = async (i: number) => {
      await vi.waitFor(() => expect(ends.length).toBeGreaterThan(i));
      ends[i]!();
    };
    return { log, task, end };
  }

  it('runs tasks of one key in turn, never together, even when one fails', async () => {
    const owner = {};
    const { log, task, end } = heldTasks();
    const results = Promise.allSettled([task('1'), task('2', true), task('3')].map((t) => inTurn(owner, 'k', t)));
    for (const i of [0, 1, 2]) await end(i);
    expect((await results).map((r) => r.status)).toEqual(['fulfilled', 'rejected', 'fulfilled']);
    // Tasks run together would interleave their starts and ends.
    expect(log).toEqual(['start 1', 'end 1', 'start 2', 'end 2', 'start 3', 'end 3']);
  });

  it('folds calls made during a run into one more run', async () => {
    const owner = {};
    const { log, task, end } = heldTasks();
    let runs = 0;
    const run = () => task(String(++runs))();
    const results = Promise.all([1, 2, 3, 4].map(() => coalesced(owner, 'pull', run)));
    await end(0);
    await end(1);
    expect(log).toEqual(['start 1', 'end 1', 'start 2', 'end 2']);
    expect(await results).toEqual(['1', '2', '2', '2']);
    const later = coalesced(owner, 'pull', run);
    await end(2);
    expect(await later).toBe('3');
  });
});

describe('notices', () => {
  it('names the winner, or says it was the user elsewhere', () => {
    const winner = { decisionId: 'd', kind: 'reject', by: 'u-raj', byName: 'Raj', at: '2026-11-01T09:00:00Z' };
    expect(conflictNotice(winner, 'u-dana', 'already rejected by Raj', 0)).toEqual({
      kind: 'conflict',
      message: 'Rejected by Raj',
      at: Date.parse(winner.at),
    });
    expect(conflictNotice(winner, 'u-raj', '', 0).message).toBe('Rejected by you, elsewhere');
    expect(conflictNotice(null, 'u-dana', 'this item awaits its condition', 5)).toEqual({
      kind: 'conflict',
      message: 'this item awaits its condition',
      at: 5,
    });
  });

  it('says how long ago, and "just now" for a server clock slightly ahead', () => {
    expect(timeAgo(1_000, 0)).toBe('just now');
    expect(timeAgo(0, 2 * 60_000)).toBe('2 min ago');
    expect(timeAgo(0, 3 * 3600_000)).toBe('3 h ago');
    expect(timeAgo(0, 26 * 3600_000)).toBe('yesterday');
  });
});
