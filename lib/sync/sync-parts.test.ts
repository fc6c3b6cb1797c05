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
  it('runs tasks of one key in turn, never together, even when one fails', async () => {
    const owner = {};
    let running = 0;
    const seen: number[] = [];
    const task = (n: number) => async () => {
      running += 1;
      expect(running).toBe(1);
      await new Promise((r) => setTimeout(r, 0));
      seen.push(n);
      running -= 1;
      if (n === 2) throw new Error('boom');
      return n;
    };
    const results = await Promise.allSettled([1, 2, 3].map((n) => inTurn(owner, 'k', task(n))));
    expect(seen).toEqual([1, 2, 3]);
    expect(results.map((r) => r.status)).toEqual(['fulfilled', 'rejected', 'fulfilled']);
  });

  it('folds calls made during a run into one more run', async () => {
    const owner = {};
    let runs = 0;
    const task = async () => {
      runs += 1;
      await new Promise((r) => setTimeout(r, 0));
      return runs;
    };
    const results = await Promise.all([1, 2, 3, 4].map(() => coalesced(owner, 'pull', task)));
    expect(runs).toBe(2);
    expect(results).toEqual([1, 2, 2, 2]);
    expect(await coalesced(owner, 'pull', task)).toBe(3);
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
