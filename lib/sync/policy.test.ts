import { describe, expect, it } from 'vitest';
import {
  fakeApi,
  freshDb,
  optionsPage,
  send,
  serverError,
  signInAs,
  startTestBackground,
} from '../background/testing/harness';
import { runQuery } from '../background/page-queries';
import { getCachedPolicy } from '../db/policy';
import { clearSession } from '../db/session';
import { DEFAULT_ACTION_POLICY, DEFAULT_POLICY, type Policy } from '../schemas/policy';
import { refreshPolicy } from './policy';

const withLimit = (amountLimit: number): Policy => ({
  ...DEFAULT_POLICY,
  defaults: { ...DEFAULT_ACTION_POLICY, risk: { ...DEFAULT_ACTION_POLICY.risk, amountLimit } },
});
const stored = (policy: Policy) => ({
  policy,
  version: 2,
  updatedAt: '2026-11-20T09:00:00.000Z',
  updatedBy: 'u-admin',
});
const noChanges = () => ({ items: [], cursor: 0, more: false });

describe('the policy in force, kept in the cache', () => {
  it('is read on every sync after the pull, and answers the pages’ live query', async () => {
    const db = freshDb();
    let inForce = withLimit(500);
    let asked = 0;
    const api = fakeApi({
      'suggestions.changes': noChanges,
      'policy.get': () => {
        asked += 1;
        return stored(inForce);
      },
    });
    const bg = startTestBackground(db, api);
    await signInAs(db, 'rep');
    expect(await runQuery(db, { kind: 'policy' })).toBeNull();

    await bg.engine.sync();
    expect(await runQuery(db, { kind: 'policy' })).toEqual(withLimit(500));
    inForce = withLimit(2_000); // an admin changed it elsewhere
    await bg.engine.sync();
    expect((await getCachedPolicy(db))?.defaults.risk.amountLimit).toBe(2_000);
    expect(asked).toBe(2);
  });

  it('keeps the last answer when the server refuses or cannot be reached, and asks nothing of a server it could not pull from', async () => {
    const db = freshDb();
    let mode: 'answer' | 'refuse' | 'down' = 'answer';
    let asked = 0;
    const down = () => Promise.reject(Object.assign(new TypeError('fetch failed'), { data: undefined }));
    const api = fakeApi({
      'suggestions.changes': () => (mode === 'down' ? down() : noChanges()),
      'policy.get': () => {
        asked += 1;
        if (mode === 'refuse') throw serverError('FORBIDDEN', 403);
        return stored(withLimit(750));
      },
    });
    const bg = startTestBackground(db, api);
    await signInAs(db, 'rep');
    await bg.engine.sync();

    mode = 'refuse';
    await bg.engine.sync();
    expect(asked).toBe(2);
    expect(await getCachedPolicy(db)).toEqual(withLimit(750));

    mode = 'down';
    await bg.engine.sync();
    expect(asked).toBe(2);
    expect(await getCachedPolicy(db)).toEqual(withLimit(750));
  });

  it('keeps no answer that comes back after its session ended, and leaves with the session', async () => {
    const db = freshDb();
    await signInAs(db, 'rep');
    let answer: ((value: unknown) => void) | null = null;
    const slow = fakeApi({ 'policy.get': () => new Promise((resolve) => void (answer = resolve)) });
    const reading = refreshPolicy(db, slow);
    await expect.poll(() => answer).not.toBeNull();
    await clearSession(db);
    await signInAs(db, 'rep', 'u-other');
    answer!(stored(withLimit(900)));
    expect(await reading).toBe(false);
    expect(await getCachedPolicy(db)).toBeNull();

    expect(await refreshPolicy(db, fakeApi({ 'policy.get': () => stored(withLimit(900)) }))).toBe(true);
    await clearSession(db);
    expect(await getCachedPolicy(db)).toBeNull();
  });

  it('follows a change an admin makes on the options page at once', async () => {
    const db = freshDb();
    startTestBackground(
      db,
      fakeApi({
        'policy.update': () => stored(withLimit(3_000)),
        'policy.setKillSwitch': () =>
          stored({ ...withLimit(3_000), killSwitches: { ...DEFAULT_POLICY.killSwitches, global: 'block' } }),
      }),
    );
    await signInAs(db, 'admin');
    const { killSwitches: _k, ...editable } = withLimit(3_000);
    expect((await send({ type: 'policy.update', policy: editable, basedOn: editable }, optionsPage)).ok).toBe(true);
    expect((await getCachedPolicy(db))?.defaults.risk.amountLimit).toBe(3_000);
    const change = { scope: 'global', mode: 'block', reason: 'incident' };
    expect((await send({ type: 'killSwitch.set', change }, optionsPage)).ok).toBe(true);
    expect((await getCachedPolicy(db))?.killSwitches.global).toBe('block');
  });
});
