import { fakeBrowser } from 'wxt/testing/fake-browser';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { openHttpEnv, sessionOf, type HttpEnv } from '../../test/helpers/http';
import { dealProposal, type Person } from '../../test/helpers/people';
import { decide } from '../../server/services/decisions';
import { propose } from '../../server/services/suggestions';
import { createApiClient } from '../api/client';
import { alertList } from '../db/alerts';
import { setPreferences } from '../db/preferences';
import type { CountersignDb } from '../db/schema';
import { setSession } from '../db/session';
import { freshDb, popupPage, send, startTestBackground } from './testing/harness';

let h: HttpEnv;
beforeEach(async () => {
  h = await openHttpEnv();
  // The extension reads the server's times (what has expired, what leaves the cache) against its own clock.
  h.clock.set(Date.now());
});
afterEach(async () => {
  vi.restoreAllMocks();
  await h.close();
});

const sync = () => send({ type: 'sync.now' }, popupPage);
const badge = () => fakeBrowser.action.getBadgeText({});

/** Signs the background's cache in as `who` on the test server. */
function signIn(db: CountersignDb, who: Person) {
  return setSession(db, sessionOf(h, who));
}

/** A background with an empty cache that calls the server with `who`'s token, signed in as them unless told not. */
async function backgroundOf(who: Person, { signedIn = true } = {}) {
  const db = freshDb();
  startTestBackground(db, createApiClient(h.url, who.token, fetch));
  if (signedIn) await signIn(db, who);
  return db;
}

/** The agent proposes on the server (a deal's stage change unless `over` says otherwise); returns the new id. */
async function proposed(over: Record<string, unknown> = {}): Promise<string> {
  return (await propose(h.deps, h.people.agent.actor, dealProposal(over))).body.id;
}

/** A risk alert at `priority`, routed to review at the rep tier unless `over` raises it. */
const alert = (priority: string, over: Record<string, unknown> = {}) => ({
  type: 'risk_alert',
  priority,
  changes: [],
  reasons: ['Champion left'],
  ...over,
});
/** Over the policy's 1,000 limit: explicit, at the manager tier, for its amount. */
const over1000 = { impact: { amount: 5_000, customerFacing: false, reversible: true } };
const bigRefund = { type: 'refund', changes: [], amount: 5_000 };

describe('the badge', () => {
  it('counts a manager’s open high-risk alerts, and follows decisions', async () => {
    await proposed(alert('urgent'));
    const high = await proposed(alert('high'));
    const normal = await proposed(alert('normal'));
    await proposed(bigRefund);
    await proposed(); // a stage change at the rep tier
    const aboveManager = await proposed(bigRefund);
    const manager = h.people.manager;
    await decide(h.deps, manager.actor, aboveManager, { kind: 'escalate', note: 'too large for me' });

    const db = await backgroundOf(manager);
    await sync();
    expect(await badge()).toBe('3');
    expect(await fakeBrowser.action.getTitle({})).toBe('Countersign: 3 high-risk alerts');
    expect((await alertList(db)).map((s) => s.id)).toContain(normal);

    await decide(h.deps, manager.actor, high, { kind: 'dismiss' });
    await sync();
    expect(await badge()).toBe('2');
  });

  it('counts for a rep the high-risk items at the tier a rep decides, and nothing for the signed out', async () => {
    await proposed();
    await proposed(over1000);
    await proposed(alert('urgent'));
    const db = await backgroundOf(h.people.rep, { signedIn: false });
    await sync();
    expect(await badge()).toBe('');

    await signIn(db, h.people.rep);
    await sync();
    expect(await badge()).toBe('1');

    expect(await send({ type: 'auth.signOut' }, popupPage)).toMatchObject({ ok: true, data: { signedOut: true } });
    expect(await badge()).toBe('');
  });
});

describe('notifications of critical alerts', () => {
  const shown = () => fakeBrowser.notifications.getAllCreateOptions() as Record<string, { title: string }>;
  const notice = (id: string) => `countersign:${id}`;

  it('announces a new critical alert after the first sync, with the record name as text, once', async () => {
    await proposed(alert('urgent'));
    await backgroundOf(h.people.manager);
    await sync();
    expect(shown()).toEqual({}); // what is there at sign-in shows on the badge only

    const name = '<img src=x onerror=alert(1)> Acme';
    const fresh = await proposed(alert('urgent', { record: { crm: 'demo', objectType: 'deal', id: '7', name } }));
    const refund = await proposed(bigRefund);
    await proposed(alert('high'));
    await sync();
    expect(Object.keys(shown()).sort()).toEqual([notice(fresh), notice(refund)].sort());
    expect(shown()[notice(fresh)]).toMatchObject({ title: `Critical: ${name}`, message: 'Champion left' });

    await fakeBrowser.notifications.clear(notice(fresh));
    await sync();
    expect(shown()[notice(fresh)]).toBeUndefined();
  });

  it('stays silent when the user turned notifications off', async () => {
    const db = await backgroundOf(h.people.manager);
    await sync();
    await setPreferences(db, { notifications: false });
    const create = vi.spyOn(fakeBrowser.notifications, 'create');
    await proposed(alert('urgent'));
    await sync();
    expect(create).not.toHaveBeenCalled();
    expect(await badge()).toBe('1');
  });

  it('leaves out critical items above the user’s tier', async () => {
    await backgroundOf(h.people.rep);
    await sync();
    const repTier = await proposed(alert('urgent'));
    await proposed(alert('urgent', over1000));
    await sync();
    expect(Object.keys(shown())).toEqual([notice(repTier)]);
  });
});
