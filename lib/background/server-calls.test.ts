import { beforeEach, describe, expect, it, vi } from 'vitest';
import { getConnection } from '../db/connection';
import type { CountersignDb } from '../db/schema';
import { DEFAULT_POLICY } from '../schemas/policy';
import {
  contentScript,
  fakeApi,
  freshDb,
  optionsPage,
  popupPage,
  send,
  serverError,
  signInAs,
  startTestBackground,
} from './testing/harness';

const { killSwitches: _k, ...editable } = DEFAULT_POLICY;
const stored = { policy: DEFAULT_POLICY, version: 3, updatedAt: '2026-11-01T09:00:00.000Z', updatedBy: 'u-admin' };

const CALLS = [
  { type: 'policy.get' },
  { type: 'policy.update', policy: editable, basedOn: editable },
  { type: 'killSwitch.set', change: { scope: 'global', mode: 'review', reason: 'incident' } },
  { type: 'users.list' },
  { type: 'agents.list' },
  { type: 'users.add', user: { name: 'Raj', role: 'rep', team: 'west' } },
  { type: 'tokens.issue', userId: 'u-raj' },
  { type: 'tokens.revoke', tokenId: 't-1' },
  { type: 'audit.verify' },
  { type: 'audit.list', query: {} },
  { type: 'audit.export', query: { format: 'csv' } },
  { type: 'record.open', record: { crm: 'demo', objectType: 'deal', id: '42' } },
];

describe('calls to the server on the user’s behalf', () => {
  let db: CountersignDb;
  beforeEach(() => {
    db = freshDb();
  });

  it('refuses every one of them from a content script', async () => {
    startTestBackground(db, fakeApi({ 'policy.get': () => stored }));
    await signInAs(db, 'admin');
    for (const msg of CALLS) {
      expect(await send(msg, contentScript())).toEqual({
        ok: false,
        error: `${msg.type} is not accepted from this sender`,
      });
    }
  });

  it('parses each with zod: a policy whose review threshold is above auto never leaves the page', async () => {
    const update = vi.fn(() => stored);
    startTestBackground(db, fakeApi({ 'policy.update': update }));
    await signInAs(db, 'admin');
    const bad = { ...editable, defaults: { ...editable.defaults, thresholds: { auto: 0.5, review: 0.8 } } };
    expect((await send({ type: 'policy.update', policy: bad, basedOn: editable }, optionsPage)).ok).toBe(false);
    const noReason = { scope: 'global', mode: 'block', reason: '  ' };
    expect((await send({ type: 'killSwitch.set', change: noReason }, optionsPage)).ok).toBe(false);
    expect(update).not.toHaveBeenCalled();
  });

  it('passes the parsed input to the server and its answer back', async () => {
    const update = vi.fn(() => ({ ...stored, version: 4 }));
    const setKillSwitch = vi.fn(() => stored);
    const issue = vi.fn(() => ({ tokenId: 't-2', token: 'cs_secret' }));
    startTestBackground(
      db,
      fakeApi({ 'policy.update': update, 'policy.setKillSwitch': setKillSwitch, 'users.issueToken': issue }),
    );
    await signInAs(db, 'admin');
    expect(await send({ type: 'policy.update', policy: editable, basedOn: editable }, optionsPage)).toMatchObject({
      ok: true,
      data: { version: 4 },
    });
    expect(update).toHaveBeenCalledWith({ ...editable, basedOn: editable });
    const change = { scope: 'action_type', target: 'refund', mode: 'block', reason: ' refunds misfire ' };
    await send({ type: 'killSwitch.set', change }, optionsPage);
    expect(setKillSwitch).toHaveBeenCalledWith({ ...change, reason: 'refunds misfire' });
    expect(await send({ type: 'tokens.issue', userId: 'u-raj' }, optionsPage)).toEqual({
      ok: true,
      data: { tokenId: 't-2', token: 'cs_secret' },
    });
  });

  it('reads and exports the audit trail with the query parsed, in words when refused', async () => {
    const list = vi.fn(() => ({ events: [], nextSeq: null }));
    const refuse = () => {
      throw serverError('FORBIDDEN', 403, 'admins only');
    };
    startTestBackground(db, fakeApi({ 'audit.list': list, 'audit.export': refuse }));
    await signInAs(db, 'admin');
    expect(await send({ type: 'audit.list', query: { suggestionId: 's-1' } }, optionsPage)).toEqual({
      ok: true,
      data: { events: [], nextSeq: null },
    });
    expect(list).toHaveBeenCalledWith({ suggestionId: 's-1', order: 'newest', limit: 100 });
    expect((await send({ type: 'audit.list', query: { limit: 501 } }, optionsPage)).ok).toBe(false);
    expect(list).toHaveBeenCalledTimes(1);
    expect(await send({ type: 'audit.export', query: { format: 'csv' } }, optionsPage)).toEqual({
      ok: false,
      error: 'Only admins can export the audit trail',
      code: 'FORBIDDEN',
    });
  });

  it('says in words why the server refused, with a code', async () => {
    const forbid = () => {
      throw serverError('FORBIDDEN', 403, 'admins only');
    };
    startTestBackground(
      db,
      fakeApi({
        'policy.update': forbid,
        'users.list': forbid,
        'users.revokeToken': () => {
          throw serverError('NOT_FOUND', 404);
        },
        'audit.verify': () => {
          throw serverError('UNAUTHORIZED', 401);
        },
      }),
    );
    expect(await send({ type: 'policy.get' }, popupPage)).toEqual({
      ok: false,
      error: 'Sign in first',
      code: 'SIGNED_OUT',
    });
    await signInAs(db, 'rep');
    expect(await send({ type: 'policy.update', policy: editable, basedOn: editable }, optionsPage)).toEqual({
      ok: false,
      error: 'Only admins can change the policy',
      code: 'FORBIDDEN',
    });
    expect(await send({ type: 'users.list' }, optionsPage)).toMatchObject({
      error: 'Only admins can manage users and tokens',
    });
    expect(await send({ type: 'tokens.revoke', tokenId: 't-9' }, optionsPage)).toMatchObject({
      error: 'This token no longer exists',
      code: 'NOT_FOUND',
    });
    expect(await send({ type: 'audit.verify' }, optionsPage)).toMatchObject({ code: 'UNAUTHORIZED' });
    expect((await getConnection(db)).state).toBe('unauthorized');

    vi.stubGlobal('navigator', { onLine: false });
    try {
      expect(await send({ type: 'policy.get' }, optionsPage)).toMatchObject({ ok: false, code: 'OFFLINE' });
    } finally {
      vi.unstubAllGlobals();
    }
  });
});
