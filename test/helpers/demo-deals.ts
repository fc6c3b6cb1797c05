/** A deal of the demo CRM, as its table holds it (without `updated_at`): the connector's tests move it on. */
export const ACME_DEAL = {
  id: 'd-1',
  name: 'Acme Corp, 40 seats',
  stage: 'Negotiation',
  amount: 48_000,
  owner: 'Dana',
  close_date: '2026-12-15',
  next_step: 'Send revised order form',
};
