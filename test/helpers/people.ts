import type { Role } from '../../lib/schemas/common';
import type { Deps } from '../../server/services/deps';
import { authenticate, createUser, issueToken, SYSTEM, type Actor } from '../../server/services/users';

export interface Person {
  actor: Actor;
  token: string;
}

/** Creates a user with a token and returns the actor as the server would authenticate it. */
export async function person(deps: Deps, name: string, role: Role, team?: string): Promise<Person> {
  const user = await createUser(deps, SYSTEM, { name, role, ...(team ? { team } : {}) });
  const { token } = await issueToken(deps, SYSTEM, user.id);
  return { actor: await authenticate(deps, token), token };
}

export interface Cast {
  agent: Person;
  rep: Person;
  rep2: Person;
  manager: Person;
  admin: Person;
}

/** The cast most tests need: an agent, two reps, a manager and an admin. */
export async function cast(deps: Deps): Promise<Cast> {
  return {
    agent: await person(deps, 'Pipeline Bot', 'agent'),
    rep: await person(deps, 'Dana', 'rep', 'west'),
    rep2: await person(deps, 'Raj', 'rep', 'west'),
    manager: await person(deps, 'Morgan', 'manager', 'west'),
    admin: await person(deps, 'Alex', 'admin'),
  };
}

export const dealProposal = (over: Record<string, unknown> = {}) => ({
  type: 'stage_change',
  record: { crm: 'hubspot', objectType: 'deal', id: '456', name: 'Acme Corp, 40 seats' },
  changes: [{ field: 'dealstage', label: 'Stage', from: 'Negotiation', to: 'Closed Lost' }],
  reasons: ['No activity in 45 days', 'Champion left the company'],
  context: { lastActivity: '2026-10-01', owner: 'Dana' },
  confidence: 0.82,
  impact: { amount: 480, customerFacing: false, reversible: true },
  ...over,
});
