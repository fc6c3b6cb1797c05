import { describe, expect, it } from 'vitest';
import type { Suggestion } from '../schemas/suggestion';
import { approvalOf } from './approval';
import { decisionRights, mayDecide } from './may-decide';

const item = (over: Partial<Pick<Suggestion, 'tier' | 'proposedBy' | 'firstApproval'>> = {}) => ({
  tier: 'rep' as Suggestion['tier'],
  proposedBy: { id: 'agent-1', name: 'Pipeline Agent', role: 'agent' },
  firstApproval: null,
  ...over,
});
const dana = { id: 'u-dana', role: 'rep' as const };
const changeSet = (to: string, amount?: number) => ({
  changes: [
    { field: 'dealstage', label: 'Stage', from: 'Negotiation', to },
    { field: 'owner', label: 'Owner', from: 'Dana', to: 'Raj' },
  ],
  ...(amount === undefined ? {} : { amount }),
});

describe('decisionRights, the server’s rule in access.ts', () => {
  it('lets a reviewer decide at their tier and below; an agent nothing', () => {
    expect(mayDecide('rep', 'rep')).toBe(true);
    expect(mayDecide('rep', 'manager')).toBe(false);
    expect(mayDecide('admin', 'manager')).toBe(true);
    expect(mayDecide('agent', 'rep')).toBe(false);
    expect(decisionRights(dana, item())).toEqual({ approve: true, refuse: true, why: null });
    expect(decisionRights(dana, item({ tier: 'manager' }))).toEqual({ approve: false, refuse: false, why: 'tier' });
    expect(decisionRights({ id: 'agent-1', role: 'agent' }, item())).toMatchObject({ refuse: false });
  });

  it('refuses an approval to the proposer and to the first of two approvers, not a rejection', () => {
    const own = item({ proposedBy: { id: 'u-dana', name: 'Dana', role: 'rep' } });
    expect(decisionRights(dana, own)).toEqual({ approve: false, refuse: true, why: 'proposer' });
    const first = { by: { id: 'u-dana', name: 'Dana', role: 'rep' }, changeSet: changeSet('Won'), hash: 'h' };
    expect(decisionRights(dana, item({ firstApproval: first }))).toEqual({
      approve: false,
      refuse: true,
      why: 'first_approver',
    });
    expect(decisionRights({ id: 'u-raj', role: 'rep' }, item({ firstApproval: first })).approve).toBe(true);
  });
});

describe('approvalOf, the decision that rebuilds what the first approver approved', () => {
  const proposed = changeSet('Lost', 500);
  it('is a plain approval of the proposal as it stands', () => {
    expect(approvalOf(proposed, null)).toEqual({ kind: 'approve' });
    expect(approvalOf(proposed, changeSet('Lost', 500))).toEqual({ kind: 'approve' });
  });
  it('is the edit, or the subset, the first approver made', () => {
    expect(approvalOf(proposed, changeSet('Won', 400))).toEqual({
      kind: 'modify',
      changes: [{ field: 'dealstage', to: 'Won' }],
      amount: 400,
    });
    expect(approvalOf(proposed, { changes: [proposed.changes[0]!], amount: 500 })).toEqual({
      kind: 'partial',
      changes: [{ field: 'dealstage' }],
    });
    expect(approvalOf(proposed, changeSet('Lost', 100))).toEqual({ kind: 'partial', amount: 100 });
    const email = { changes: [], draft: { to: 'a@b.c', subject: 'Hi', body: 'Old' } };
    expect(approvalOf(email, { changes: [], draft: { ...email.draft, body: 'New' } })).toEqual({
      kind: 'modify',
      changes: [],
      draft: { subject: 'Hi', body: 'New' },
    });
  });
});
