import { fakeBrowser } from 'wxt/testing/fake-browser';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { setPreferences } from '../db/preferences';
import type { CountersignDb } from '../db/schema';
import type { Suggestion } from '../schemas/suggestion';
import { fakeApi, freshDb, popupPage, send, signInAs, startTestBackground, suggestion } from './testing/harness';

/** A server whose delta feed serves `items` once, then nothing new. */
function serverWith(items: Suggestion[]) {
  let cursor = 0;
  const api = fakeApi({
    'suggestions.changes': () => {
      const page = { items: cursor === 0 ? [...items] : [], cursor: cursor + 1, more: false };
      cursor += 1;
      return page;
    },
  });
  return {
    api,
    /** The next pull brings these too. */
    add: (...more: Suggestion[]) => {
      items.splice(0, items.length, ...more);
      cursor = 0;
    },
  };
}

const sync = () => send({ type: 'sync.now' }, popupPage);
const badge = () => fakeBrowser.action.getBadgeText({});

const urgentAlert = (id: string, over: Partial<Suggestion> = {}) =>
  suggestion(id, { type: 'risk_alert', priority: 'urgent', reasons: ['Champion left'], ...over });

describe('the badge', () => {
  let db: CountersignDb;
  beforeEach(() => {
    db = freshDb();
  });

  it('counts a manager’s open high-risk alerts, and follows decisions', async () => {
    const server = serverWith([
      urgentAlert('a'),
      suggestion('b', { type: 'risk_alert', priority: 'high' }),
      suggestion('c', { type: 'risk_alert' }), // a normal-priority alert: listed, not counted
      suggestion('d', { type: 'refund', tier: 'manager', lane: 'explicit' }),
      suggestion('e', { type: 'stage_change' }),
      suggestion('f', { type: 'refund', tier: 'admin' }), // above the manager's tier
    ]);
    startTestBackground(db, server.api);
    await signInAs(db, 'manager');
    await sync();
    expect(await badge()).toBe('3');
    expect(await fakeBrowser.action.getTitle({})).toBe('Countersign: 3 high-risk alerts');

    server.add(suggestion('b', { type: 'risk_alert', priority: 'high', status: 'dismissed', version: 2 }));
    await sync();
    expect(await badge()).toBe('2');
  });

  it('counts for a rep the high-risk items at the tier a rep decides, and nothing for the signed out', async () => {
    const server = serverWith([suggestion('a'), suggestion('b', { tier: 'manager' }), urgentAlert('c')]);
    startTestBackground(db, server.api);
    await sync();
    expect(await badge()).toBe('');
    await signInAs(db, 'rep');
    await sync();
    expect(await badge()).toBe('1');
  });
});

describe('notifications of critical alerts', () => {
  let db: CountersignDb;
  beforeEach(() => {
    db = freshDb();
  });
  afterEach(() => vi.restoreAllMocks());

  const shown = () => fakeBrowser.notifications.getAllCreateOptions() as Record<string, { title: string }>;

  it('announces a new critical alert after the first sync, with the record name as text, once', async () => {
    const server = serverWith([urgentAlert('already-there')]);
    startTestBackground(db, server.api);
    await signInAs(db, 'manager');
    await sync();
    expect(shown()).toEqual({}); // what is there at sign-in shows on the badge only

    const name = '<img src=x onerror=alert(1)> Acme';
    server.add(
      urgentAlert('new', { record: { crm: 'demo', objectType: 'deal', id: '7', name } }),
      suggestion('big-refund', { type: 'refund', routingReason: { rule: 'risk.amount', detail: '' }, tier: 'manager' }),
      suggestion('calm', { type: 'risk_alert', priority: 'high' }),
    );
    await sync();
    expect(Object.keys(shown()).sort()).toEqual(['countersign:big-refund', 'countersign:new']);
    expect(shown()['countersign:new']).toMatchObject({ title: `Critical: ${name}`, message: 'Champion left' });

    await fakeBrowser.notifications.clear('countersign:new');
    await sync();
    expect(shown()['countersign:new']).toBeUndefined();
  });

  it('stays silent when the user turned notifications off', async () => {
    const server = serverWith([]);
    startTestBackground(db, server.api);
    await signInAs(db, 'manager');
    await sync();
    await setPreferences(db, { notifications: false });
    const create = vi.spyOn(fakeBrowser.notifications, 'create');
    server.add(urgentAlert('new'));
    await sync();
    expect(create).not.toHaveBeenCalled();
    expect(await badge()).toBe('1');
  });

  it('leaves out critical items above the user’s tier', async () => {
    const server = serverWith([]);
    startTestBackground(db, server.api);
    await signInAs(db, 'rep');
    await sync();
    server.add(urgentAlert('rep-tier'), urgentAlert('manager-tier', { tier: 'manager' }));
    await sync();
    expect(Object.keys(shown())).toEqual(['countersign:rep-tier']);
  });
});
