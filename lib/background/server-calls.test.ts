import { createServer, type AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { openHttpEnv, sessionOf, type HttpEnv } from '../../test/helpers/http';
import { dealProposal, type Person } from '../../test/helpers/people';
import { propose } from '../../server/services/suggestions';
import { issueToken, revokeToken, SYSTEM } from '../../server/services/users';
import { createApiClient } from '../api/client';
import { getConnection } from '../db/connection';
import { setSession } from '../db/session';
import type { StoredPolicy } from '../messages';
import { DEFAULT_POLICY } from '../schemas/policy';
import { contentScript, freshDb, optionsPage, popupPage, send, startTestBackground } from './testing/harness';

const { killSwitches: _k, ...editable } = DEFAULT_POLICY;

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

/** A port on this computer where nothing listens any longer. */
async function closedPort(): Promise<number> {
  const server = createServer();
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  await new Promise((resolve) => server.close(resolve));
  return port;
}

describe('calls to the server on the user’s behalf', () => {
  let h: HttpEnv;
  beforeAll(async () => {
    h = await openHttpEnv();
  });
  afterAll(() => h.close());

  /** The procedures the backgrounds called, in order: recorded at their own fetch. */
  const reached: string[] = [];
  /** A background signed in as `who` to the server at `serverUrl`, calling it with the extension's own client. */
  async function signedInAs(who: Person, serverUrl = h.url) {
    const db = freshDb();
    const recording: typeof fetch = (input, init) => {
      reached.push(new URL(String(input)).pathname.replace('/trpc/', ''));
      return fetch(input, init);
    };
    startTestBackground(db, createApiClient(serverUrl, who.token, recording));
    await setSession(db, sessionOf(h, who, serverUrl));
    return db;
  }
  /** The audit chain's head: every write on the server moves it. */
  const head = async () =>
    Number((await h.deps.db.selectFrom('audit_head').select('seq').executeTakeFirstOrThrow()).seq);

  it('refuses every one of them from a content script, and the server hears of none', async () => {
    await signedInAs(h.people.admin);
    const [before, calls] = [await head(), reached.length];
    for (const msg of CALLS) {
      expect(await send(msg, contentScript())).toEqual({
        ok: false,
        error: `${msg.type} is not accepted from this sender`,
      });
    }
    expect(reached.length).toBe(calls);
    expect(await head()).toBe(before);
  });

  it('parses each with zod: a policy whose review threshold is above auto never leaves the page', async () => {
    await signedInAs(h.people.admin);
    const [before, calls] = [await head(), reached.length];
    const bad = { ...editable, defaults: { ...editable.defaults, thresholds: { auto: 0.5, review: 0.8 } } };
    expect((await send({ type: 'policy.update', policy: bad, basedOn: editable }, optionsPage)).ok).toBe(false);
    const noReason = { scope: 'global', mode: 'block', reason: '  ' };
    expect((await send({ type: 'killSwitch.set', change: noReason }, optionsPage)).ok).toBe(false);
    expect(reached.length).toBe(calls);
    expect(await head()).toBe(before);
  });

  it('passes the parsed input to the server and its answer back', async () => {
    await signedInAs(h.people.admin);
    const read = await send<StoredPolicy>({ type: 'policy.get' }, optionsPage);
    if (!read.ok) throw new Error(read.error);
    const lower = { ...editable, defaults: { ...editable.defaults, thresholds: { auto: 0.96, review: 0.6 } } };
    const saved = await send<StoredPolicy>({ type: 'policy.update', policy: lower, basedOn: editable }, optionsPage);
    expect(saved).toMatchObject({ ok: true, data: { version: read.data.version + 1, policy: lower } });

    const change = { scope: 'action_type', target: 'refund', mode: 'block', reason: ' refunds misfire ' };
    expect(await send({ type: 'killSwitch.set', change }, optionsPage)).toMatchObject({
      ok: true,
      data: { policy: { killSwitches: { actionTypes: { refund: 'block' } } } },
    });
    const switched = await h.deps.db
      .selectFrom('audit_events')
      .select('payload')
      .where('kind', '=', 'kill_switch')
      .orderBy('seq', 'desc')
      .executeTakeFirstOrThrow();
    expect(JSON.parse(switched.payload)).toMatchObject({ reason: 'refunds misfire' });

    const issued = await send<{ tokenId: string; token: string }>(
      { type: 'tokens.issue', userId: h.people.rep.actor.id },
      optionsPage,
    );
    if (!issued.ok) throw new Error(issued.error);
    expect((await h.call(issued.data.token, 'GET', '/api/v1/suggestions')).status).toBe(200);
  });

  it('reads and exports the audit trail with the query parsed, in words when refused', async () => {
    const { body } = await propose(h.deps, h.people.agent.actor, dealProposal());
    await signedInAs(h.people.admin);
    const listed = await send<{ events: { payload: { kind: string } }[] }>(
      { type: 'audit.list', query: { suggestionId: body.id, order: 'oldest' } },
      optionsPage,
    );
    if (!listed.ok) throw new Error(listed.error);
    expect(listed.data.events.map((e) => e.payload.kind)).toEqual(['proposed', 'routed']);
    const calls = reached.length;
    expect((await send({ type: 'audit.list', query: { limit: 501 } }, optionsPage)).ok).toBe(false);
    expect(reached.length).toBe(calls);

    await signedInAs(h.people.rep);
    expect(await send({ type: 'audit.export', query: { format: 'csv' } }, optionsPage)).toEqual({
      ok: false,
      error: 'Only admins can export the audit trail',
      code: 'FORBIDDEN',
    });
  });

  it('says in words why the server refused, with a code', async () => {
    const signedOut = freshDb();
    startTestBackground(signedOut, createApiClient(h.url, h.people.admin.token));
    expect(await send({ type: 'policy.get' }, popupPage)).toEqual({
      ok: false,
      error: 'Sign in first',
      code: 'SIGNED_OUT',
    });

    await signedInAs(h.people.rep);
    expect(await send({ type: 'policy.update', policy: editable, basedOn: editable }, optionsPage)).toEqual({
      ok: false,
      error: 'Only admins can change the policy',
      code: 'FORBIDDEN',
    });
    expect(await send({ type: 'users.list' }, optionsPage)).toMatchObject({
      error: 'Only admins can manage users and tokens',
    });

    await signedInAs(h.people.admin);
    expect(await send({ type: 'tokens.revoke', tokenId: 't-9' }, optionsPage)).toMatchObject({
      error: 'This token no longer exists',
      code: 'NOT_FOUND',
    });

    const { tokenId, token } = await issueToken(h.deps, SYSTEM, h.people.manager.actor.id);
    const manager = await signedInAs({ ...h.people.manager, token });
    await revokeToken(h.deps, SYSTEM, tokenId);
    expect(await send({ type: 'audit.verify' }, optionsPage)).toMatchObject({ code: 'UNAUTHORIZED' });
    expect((await getConnection(manager)).state).toBe('unauthorized');

    // A server that does not answer: the same message says offline or unreachable, as the browser knows it.
    await signedInAs(h.people.admin, `http://127.0.0.1:${await closedPort()}`);
    try {
      vi.stubGlobal('navigator', { onLine: true });
      expect(await send({ type: 'policy.get' }, optionsPage)).toMatchObject({ ok: false, code: 'UNREACHABLE' });
      vi.stubGlobal('navigator', { onLine: false });
      expect(await send({ type: 'policy.get' }, optionsPage)).toMatchObject({ ok: false, code: 'OFFLINE' });
    } finally {
      vi.unstubAllGlobals();
    }
  });
});
