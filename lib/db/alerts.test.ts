import { IDBFactory, IDBKeyRange } from 'fake-indexeddb';
import { describe, expect, it } from 'vitest';
import type { Suggestion } from '../schemas/suggestion';
import { suggestion as baseSuggestion } from '../background/testing/harness';
import { NOW } from './testing/server-suggestion';
import { compareAlerts, isCritical, isHighRisk } from '../alerts/rules';
import { mayDecide } from '../policy/may-decide';
import { alertList, highRiskCount } from './alerts';
import { decideLocally } from './local-decisions';
import { CountersignDb } from './schema';
import { upsertFromServer } from './upsert-from-server';

let dbCount = 0;
const freshDb = () => new CountersignDb(`alerts-test-${++dbCount}`, { indexedDB: new IDBFactory(), IDBKeyRange });

const item = (id: string, over: Partial<Suggestion> = {}): Suggestion =>
  baseSuggestion(id, { type: 'risk_alert', record: { crm: 'demo', objectType: 'deal', id }, reasons: [], ...over });

describe('the alert rules', () => {
  it('calls high-risk an alert at high or urgent priority or in the explicit lane, or any manager-tier item', () => {
    expect(isHighRisk(item('a', { priority: 'high' }))).toBe(true);
    expect(isHighRisk(item('b', { priority: 'urgent' }))).toBe(true);
    expect(isHighRisk(item('c', { lane: 'explicit' }))).toBe(true);
    expect(isHighRisk(item('d'))).toBe(false);
    expect(isHighRisk(item('e', { type: 'refund', tier: 'manager' }))).toBe(true);
    expect(isHighRisk(item('f', { type: 'refund', tier: 'admin' }))).toBe(true);
    expect(isHighRisk(item('g', { type: 'stage_change', priority: 'urgent' }))).toBe(false);
  });

  it('calls critical an urgent risk alert or an item routed for its amount', () => {
    expect(isCritical(item('a', { priority: 'urgent' }))).toBe(true);
    expect(isCritical(item('b', { priority: 'high' }))).toBe(false);
    const overLimit = { rule: 'risk.amount+risk.customer_facing', detail: '' };
    expect(isCritical(item('c', { type: 'refund', routingReason: overLimit }))).toBe(true);
    expect(isCritical(item('d', { type: 'refund', routingReason: { rule: 'risk.irreversible', detail: '' } }))).toBe(
      false,
    );
  });

  it('lets a role decide its own tier and those below it', () => {
    expect(mayDecide('rep', 'rep')).toBe(true);
    expect(mayDecide('rep', 'manager')).toBe(false);
    expect(mayDecide('manager', 'manager')).toBe(true);
    expect(mayDecide('admin', 'manager')).toBe(true);
    expect(mayDecide('agent', 'rep')).toBe(false);
  });

  it('orders the highest risk first, then the larger amount', () => {
    const rows = [
      item('normal-big', { impact: { amount: 90_000, customerFacing: false, reversible: true } }),
      item('high-small', { priority: 'high', impact: { amount: 10, customerFacing: false, reversible: true } }),
      item('urgent', { priority: 'urgent' }),
      item('high-big', { priority: 'high', changeSet: { changes: [], amount: 5_000 } }),
      item('manager-tier', { type: 'refund', tier: 'manager' }),
    ];
    expect(rows.sort(compareAlerts).map((s) => s.id)).toEqual([
      'urgent',
      'high-big',
      'high-small',
      'manager-tier',
      'normal-big',
    ]);
  });
});

describe('the alert queries', () => {
  it('counts open high-risk items the user may decide, not those decided here', async () => {
    const db = freshDb();
    await upsertFromServer(
      db,
      [
        item('a', { priority: 'urgent' }),
        item('b', { priority: 'high', status: 'dismissed' }),
        item('c', { type: 'refund', tier: 'manager' }),
        item('d', { type: 'refund', tier: 'admin' }),
        item('e', { priority: 'high' }),
        item('f'),
      ],
      NOW,
    );
    await decideLocally(db, 'e', { op: 'decide', payload: { kind: 'dismiss' } });
    expect(await highRiskCount(db, 'manager')).toBe(2);
    expect(await highRiskCount(db, 'admin')).toBe(3);
    expect(await highRiskCount(db, 'rep')).toBe(1);
  });

  it('lists open alerts and manager-tier items, and closed ones only while they carry a notice', async () => {
    const db = freshDb();
    // Cached while it was open, as an item decided here is: only then can it carry a notice.
    await upsertFromServer(db, [item('refused')], NOW);
    await upsertFromServer(
      db,
      [
        item('alert'),
        item('escalated', { type: 'stage_change', tier: 'manager' }),
        item('rep-item', { type: 'stage_change' }),
        item('closed', { status: 'dismissed' }),
        item('refused', { status: 'dismissed', version: 2 }),
      ],
      NOW,
    );
    await db.suggestions.update('refused', { notice: { kind: 'conflict', message: 'Dismissed by Raj', at: 0 } });
    expect((await alertList(db)).map((s) => s.id).sort()).toEqual(['alert', 'escalated', 'refused']);
  });
});
