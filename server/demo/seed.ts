import type { Role } from '../../lib/schemas/common';
import { decide } from '../services/decisions';
import type { Deps } from '../services/deps';
import { setKillSwitch } from '../services/policy';
import { propose } from '../services/suggestions';
import { authenticate, createUserWithToken, SYSTEM, type Actor } from '../services/users';
import { SEED_DEALS } from './seed-deals';
import { seedItems } from './seed-proposals';

const PEOPLE = {
  agent: { name: 'Pipeline Bot', role: 'agent' },
  dana: { name: 'Dana', role: 'rep', team: 'west' },
  raj: { name: 'Raj', role: 'rep', team: 'west' },
  morgan: { name: 'Morgan', role: 'manager', team: 'west' },
  alex: { name: 'Alex', role: 'admin' },
} as const satisfies Record<string, { name: string; role: Role; team?: string }>;

export type SeedPerson = keyof typeof PEOPLE;

export interface SeedPeople {
  /** Each person's user id, name and token. The tokens appear here once; the database keeps only their hashes. */
  people: Record<SeedPerson, { id: string; name: string; token: string }>;
  suggestions: number;
}

/** What a seed run did: everything, or nothing because the demo deals were already there. */
export type SeedResult =
  ({ created: true } & SeedPeople) | { created: false; existing: { id: string; name: string }[] };

/**
 * Fills an empty database with the demo: deals, people with tokens, and the Pipeline Bot's suggestions, proposed
 * through the real service so that they are routed and audited like any other. Does nothing if the deals exist.
 */
export async function seedDemo(deps: Deps): Promise<SeedResult> {
  const existing = await deps.db.selectFrom('demo_deals').select('id').limit(1).execute();
  if (existing.length > 0) {
    const users = await deps.db.selectFrom('users').select(['id', 'name']).orderBy('created_at').execute();
    return { created: false, existing: users };
  }

  // Deals first: the connector may execute an auto-approved suggestion the moment it is proposed.
  const now = deps.clock.now();
  await deps.transact((tx) =>
    tx
      .insertInto('demo_deals')
      .values(SEED_DEALS.map((d) => ({ ...d, updated_at: now })))
      .execute(),
  );

  const people = {} as SeedPeople['people'];
  const actors = {} as Record<SeedPerson, Actor>;
  for (const [key, p] of Object.entries(PEOPLE) as [SeedPerson, (typeof PEOPLE)[SeedPerson]][]) {
    const { user, token } = await createUserWithToken(deps, SYSTEM, p);
    people[key] = { id: user.id, name: user.name, token };
    actors[key] = await authenticate(deps, token);
  }

  const items = seedItems({ dana: people.dana.id, raj: people.raj.id });
  for (const { blocked, decided, ...proposal } of items) {
    const switchFor = (mode: 'block' | null, reason: string) =>
      setKillSwitch(deps, actors.alex, { scope: 'action_type', target: proposal.type, mode, reason });
    if (blocked) await switchFor('block', `Demo: new ${proposal.type} proposals paused during a billing migration`);
    const { body } = await propose(deps, actors.agent, proposal);
    if (blocked) await switchFor(null, 'Demo: billing migration done');
    if (decided) await decide(deps, actors[decided.by], body.id, { kind: decided.kind, note: decided.note });
  }
  return { created: true, people, suggestions: items.length };
}
