import type { AuthStatus, StoredPolicy, UserWithTokens } from '../../messages';
import type { Role } from '../../schemas/common';
import { DEFAULT_POLICY } from '../../schemas/policy';

/** What `auth.status` answers for a user of `role` signed in to the demo server. */
export const statusOf = (role: Role | null, outbox = 0): AuthStatus => ({
  serverUrl: role ? 'http://localhost:8787' : null,
  user: role ? { id: `u-${role}`, name: role === 'admin' ? 'Ada' : 'Dana', role, team: 'west' } : null,
  connection: { state: role ? 'online' : 'signed_out', lastSyncAt: null, error: null },
  outbox,
  pending: 0,
});

export const storedPolicy = (over: Partial<StoredPolicy> = {}): StoredPolicy => ({
  policy: DEFAULT_POLICY,
  version: 2,
  updatedAt: '2026-11-22T09:00:00.000Z',
  updatedBy: 'u-admin',
  ...over,
});

export const USERS: UserWithTokens[] = [
  { id: 'u-admin', name: 'Ada', role: 'admin', team: null, tokens: [] },
  {
    id: 'u-raj',
    name: 'Raj',
    role: 'rep',
    team: 'west',
    tokens: [{ id: 'tok-raj-1', createdAt: '2026-11-20T09:00:00.000Z', revoked: false }],
  },
  { id: 'agent-1', name: 'Pipeline Agent', role: 'agent', team: null, tokens: [] },
];
