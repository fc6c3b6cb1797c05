import type { Suggestion } from '../../schemas/suggestion';

/** The time the cache tests take as now. */
export const NOW = Date.parse('2026-11-01T12:00:00Z');
export const iso = (ms: number) => new Date(ms).toISOString();

/** A pending review-lane stage change as the server sends it, made an hour before `NOW`; override what a test needs. */
export const serverSuggestion = (id: string, over: Partial<Suggestion> = {}): Suggestion => ({
  id,
  type: 'stage_change',
  record: { crm: 'hubspot', objectType: 'deal', id: '456' },
  changeSet: { changes: [{ field: 'dealstage', label: 'Stage', from: 'Negotiation', to: 'Closed Lost' }] },
  reasons: ['No activity in 45 days'],
  context: {},
  confidence: 0.8,
  impact: { customerFacing: false, reversible: true },
  proposedBy: { id: 'agent', name: 'Pipeline Bot', role: 'agent' },
  priority: 'normal',
  assignee: null,
  lane: 'review',
  tier: 'rep',
  routingReason: { rule: 'threshold', detail: '0.70 ≤ confidence < 0.90' },
  status: 'pending',
  version: 1,
  expiresAt: null,
  timeoutAction: 'reject',
  condition: null,
  firstApproval: null,
  createdAt: iso(NOW - 60 * 60_000),
  updatedAt: iso(NOW - 60 * 60_000),
  ...over,
});
