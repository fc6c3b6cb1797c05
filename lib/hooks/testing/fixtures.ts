import type { CachedSuggestion } from '../types';

const T0 = Date.parse('2026-11-22T10:00:00.000Z');
let counter = 0;

/** A pending review-lane stage change on the Acme deal; override what a test needs. */
export function makeSuggestion(overrides: Partial<CachedSuggestion> = {}): CachedSuggestion {
  counter += 1;
  return {
    id: `s${counter}`,
    type: 'stage_change',
    record: { crm: 'hubspot', objectType: 'deal', id: '456', name: 'Acme Corp, 40 seats' },
    changeSet: { changes: [{ field: 'dealstage', label: 'Stage', from: 'Negotiation', to: 'Closed Lost' }] },
    reasons: ['No activity in 45 days', 'Champion left the company'],
    context: { lastActivity: '2026-10-01', owner: 'Dana' },
    confidence: 0.82,
    impact: { customerFacing: false, reversible: true },
    proposedBy: { id: 'agent-1', name: 'Pipeline Agent', role: 'agent' },
    priority: 'normal',
    assignee: null,
    lane: 'review',
    tier: 'rep',
    routingReason: { rule: 'threshold.review', detail: 'confidence 0.82 ≥ review threshold 0.7, below auto 0.9' },
    status: 'pending',
    version: 1,
    expiresAt: new Date(T0 + 24 * 3600 * 1000).toISOString(),
    timeoutAction: 'reject',
    condition: null,
    firstApproval: null,
    createdAt: new Date(T0 - 3600 * 1000).toISOString(),
    updatedAt: new Date(T0 - 3600 * 1000).toISOString(),
    ...overrides,
  };
}

/** The fixtures' "now": an hour after they were proposed, a day before they time out. */
export const FIXTURE_NOW = T0;
