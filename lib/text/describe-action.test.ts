import { describe, expect, it } from 'vitest';
import { describeAction } from './describe-action';

const record = { crm: 'hubspot', objectType: 'deal', id: '456', name: 'Acme Corp, 40 seats' };
const impact = { customerFacing: false, reversible: true };
const change = (field: string, from: string | null, to: string, label?: string) => ({ field, label, from, to });

describe('describeAction', () => {
  it('says each built-in action in plain language', () => {
    const stage = { changes: [change('dealstage', 'Negotiation', 'Closed Lost', 'Stage')] };
    expect(describeAction({ type: 'stage_change', record, changeSet: stage, impact })).toBe(
      'Move Acme Corp, 40 seats from Negotiation to Closed Lost',
    );
    const field = { changes: [change('amount', '40000', '48000', 'Amount')] };
    expect(describeAction({ type: 'field_update', record, changeSet: field, impact })).toBe(
      'Set Amount on Acme Corp, 40 seats to 48000',
    );
    const email = { changes: [], draft: { to: 'dana@acme.test', subject: 'Next steps', body: 'Hi' } };
    expect(describeAction({ type: 'email_draft', record, changeSet: email, impact })).toBe(
      'Send a drafted email to dana@acme.test about Acme Corp, 40 seats: “Next steps”',
    );
    const route = { changes: [change('owner', null, 'Priya', 'Owner')] };
    expect(describeAction({ type: 'lead_routing', record, changeSet: route, impact })).toBe(
      'Assign Acme Corp, 40 seats to Priya',
    );
    expect(describeAction({ type: 'risk_alert', record, changeSet: { changes: [] }, impact })).toBe(
      'Flag Acme Corp, 40 seats as at risk',
    );
    expect(describeAction({ type: 'refund', record, changeSet: { changes: [], amount: 49.99 }, impact })).toBe(
      'Refund $49.99 to Acme Corp, 40 seats',
    );
  });

  it('falls back to the type name for other actions', () => {
    const set = { changes: [change('tier', 'silver', 'gold', 'Tier')] };
    expect(describeAction({ type: 'account_tiering', record, changeSet: set, impact })).toBe(
      'Account tiering on Acme Corp, 40 seats: Tier to gold',
    );
  });
});
