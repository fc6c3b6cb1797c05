import { TRPCClientError } from '@trpc/client';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { AuditEvent } from '../../lib/schemas/audit';
import { DEFAULT_POLICY, type Policy } from '../../lib/schemas/policy';
import type { AppRouter } from '../../server/trpc/router';
import { readPolicy } from '../../server/services/policy';
import { backends } from '../helpers/backends';
import { dbStateReader, type DbState } from '../helpers/db-state';
import { openHttpEnv, trpcClient as client, type HttpEnv } from '../helpers/http';
import { dealProposal, type Person } from '../helpers/people';

// Issue 4's server-side checks, through the client the extension itself uses: whatever the options page shows, only
// an admin changes the policy, users, tokens or reads the audit trail; admin changes apply from the next proposal and
// are audited; a revoked token stops at once (open streams: live-stream.test.ts); bad policy input is refused field by field.

/** The policy as `policy.update` takes it: kill switches are flipped on their own. */
const editable = ({ killSwitches: _, ...rest }: Policy) => rest;

const withAuto = (auto: number) =>
  editable({ ...DEFAULT_POLICY, defaults: { ...DEFAULT_POLICY.defaults, thresholds: { auto, review: 0.7 } } });

interface ErrorData {
  code: string;
  httpStatus: number;
  appCode: string;
  details: { fields?: Record<string, string[]> } | null;
}

/** The error a tRPC call failed with, as the client sees it; fails the test when the call succeeds. */
async function failure(call: Promise<unknown>): Promise<{ message: string; data: ErrorData }> {
  const outcome = await call.then(
    (value) => ({ ok: true as const, value }),
    (error: unknown) => ({ ok: false as const, error }),
  );
  if (outcome.ok) throw new Error(`expected the call to fail; it answered ${JSON.stringify(outcome.value)}`);
  expect(outcome.error).toBeInstanceOf(TRPCClientError);
  const e = outcome.error as TRPCClientError<AppRouter>;
  return { message: e.message, data: e.data as unknown as ErrorData };
}

describe.each(await backends())('tRPC roles on $name', (backend) => {
  let h: HttpEnv;
  let state: () => Promise<DbState>;
  beforeAll(async () => {
    h = await openHttpEnv(backend);
    state = await dbStateReader(h.deps);
  });
  afterAll(() => h.close());

  const propose = async (over: Record<string, unknown>) => {
    const res = await h.call(h.people.agent.token, 'POST', '/api/v1/suggestions', dealProposal(over));
    expect(res.status).toBe(201);
    return res.body as { id: string; lane: string; status: string; routingReason: { rule: string } };
  };
  const adminApi = () => client(h, h.people.admin.token).api;
  const auditOf = async (kind: string) =>
    (await adminApi().audit.list.query({ order: 'newest', limit: 500 })).events.filter(
      (e: AuditEvent) => e.payload.kind === kind,
    );

  it.each(['rep', 'rep2', 'manager', 'agent'] as const)(
    'refuses every admin procedure to the %s with 403 FORBIDDEN, and nothing changes',
    async (who) => {
      const caller: Person = h.people[who];
      const { api, seen } = client(h, caller.token);
      const before = await state();
      const policyBefore = await readPolicy(h.deps.db);
      const calls: [string, () => Promise<unknown>][] = [
        ['policy.update', () => api.policy.update.mutate(withAuto(0.99))],
        [
          'policy.setKillSwitch',
          () => api.policy.setKillSwitch.mutate({ scope: 'global', mode: 'block', reason: 'stop everything' }),
        ],
        ['users.add', () => api.users.add.mutate({ name: 'Mallory', role: 'admin' })],
        ['users.issueToken', () => api.users.issueToken.mutate({ userId: caller.actor.id })],
        ['users.revokeToken', () => api.users.revokeToken.mutate({ tokenId: h.people.admin.actor.tokenId! })],
        ['audit.list', () => api.audit.list.query({})],
      ];
      for (const [name, call] of calls) {
        const { data } = await failure(call());
        expect({
          name,
          appCode: data.appCode,
          code: data.code,
          httpStatus: data.httpStatus,
          wire: seen.status,
        }).toEqual({ name, appCode: 'FORBIDDEN', code: 'FORBIDDEN', httpStatus: 403, wire: 403 });
      }
      expect(await state()).toEqual(before);
      expect(await readPolicy(h.deps.db)).toEqual(policyBefore);
      // The admin's token, which the caller tried to revoke, still works.
      expect((await adminApi().users.me.query()).role).toBe('admin');
    },
  );

  it('names the agents, and nothing else of them, to managers and admins only', async () => {
    const agent = { id: h.people.agent.actor.id, name: h.people.agent.actor.name };
    for (const who of ['manager', 'admin'] as const) {
      const agents = await client(h, h.people[who].token).api.users.agents.query();
      expect(agents).toContainEqual(agent);
      expect(agents.every((a) => Object.keys(a).sort().join() === 'id,name')).toBe(true);
      expect(agents.map((a) => a.id)).not.toContain(h.people.rep.actor.id);
    }
    for (const who of ['rep', 'agent'] as const) {
      const { data } = await failure(client(h, h.people[who].token).api.users.agents.query());
      expect({ appCode: data.appCode, httpStatus: data.httpStatus }).toEqual({ appCode: 'FORBIDDEN', httpStatus: 403 });
    }
  });

  it('sends to review what was auto once an admin raises the threshold, audited with before, after, who', async () => {
    expect((await propose({ confidence: 0.92 })).lane).toBe('auto');
    const { api } = client(h, h.people.admin.token);
    try {
      const saved = await api.policy.update.mutate(withAuto(0.95));
      expect(saved).toMatchObject({ updatedBy: h.people.admin.actor.id });
      expect(saved.policy.defaults.thresholds.auto).toBe(0.95);

      const next = await propose({ confidence: 0.92 });
      expect(next).toMatchObject({ lane: 'review', status: 'pending' });
      expect(next.routingReason.rule).toBe('threshold.review');

      const [changed] = await auditOf('policy_changed');
      expect(changed?.actor).toBe(h.people.admin.actor.id);
      const payload = changed?.payload as Extract<AuditEvent['payload'], { kind: 'policy_changed' }>;
      expect(payload.before.defaults.thresholds.auto).toBe(0.9);
      expect(payload.after.defaults.thresholds.auto).toBe(0.95);
    } finally {
      await api.policy.update.mutate(editable(DEFAULT_POLICY));
    }
  });

  it('holds the next refund for a person once an admin turns on its kill switch, auditing the reason', async () => {
    const refund = { type: 'refund', confidence: 0.95, amount: 200, changes: [] };
    expect((await propose(refund)).lane).toBe('auto');
    const { api } = client(h, h.people.admin.token);
    const reason = 'The refund bot paid twice on Tuesday';
    try {
      const saved = await api.policy.setKillSwitch.mutate({
        scope: 'action_type',
        target: 'refund',
        mode: 'review',
        reason,
      });
      expect(saved.policy.killSwitches.actionTypes).toEqual({ refund: 'review' });

      expect(await propose(refund)).toMatchObject({
        lane: 'review',
        status: 'pending',
        routingReason: { rule: 'kill_switch' },
      });
      // Only refunds: a stage change at the same confidence still executes on its own.
      expect((await propose({ confidence: 0.95 })).lane).toBe('auto');

      const [flipped] = await auditOf('kill_switch');
      expect(flipped?.actor).toBe(h.people.admin.actor.id);
      expect(flipped?.payload).toEqual({
        kind: 'kill_switch',
        scope: 'action_type',
        target: 'refund',
        mode: 'review',
        reason,
      });
    } finally {
      await api.policy.setKillSwitch.mutate({
        scope: 'action_type',
        target: 'refund',
        mode: null,
        reason: 'test done',
      });
    }
  });

  it("stops a revoked token at its next call, over tRPC and REST, while the user's other token works", async () => {
    const admin = adminApi();
    const user = await admin.users.add.mutate({ name: 'Quinn', role: 'rep', team: 'west' });
    const first = await admin.users.issueToken.mutate({ userId: user.id });
    const second = await admin.users.issueToken.mutate({ userId: user.id });
    const firstApi = client(h, first.token);
    expect((await firstApi.api.users.me.query()).id).toBe(user.id);
    expect((await h.call(first.token, 'GET', '/api/v1/suggestions')).status).toBe(200);

    await admin.users.revokeToken.mutate({ tokenId: first.tokenId });

    const { data } = await failure(firstApi.api.users.me.query());
    expect([data.appCode, data.httpStatus, firstApi.seen.status]).toEqual(['UNAUTHORIZED', 401, 401]);
    const rest = await h.call(first.token, 'GET', '/api/v1/suggestions');
    expect([rest.status, rest.body.error.code]).toEqual([401, 'UNAUTHORIZED']);

    expect((await client(h, second.token).api.users.me.query()).id).toBe(user.id);
    expect((await h.call(second.token, 'GET', '/api/v1/suggestions')).status).toBe(200);
    const [revoked] = await auditOf('token_revoked');
    expect(revoked).toMatchObject({
      actor: h.people.admin.actor.id,
      payload: { userId: user.id, tokenId: first.tokenId },
    });
  });

  it('answers a procedure that does not exist with 404 NOT_FOUND, in its code as in its status', async () => {
    const res = await h.call(h.people.admin.token, 'GET', '/trpc/nothing.here');
    expect(res.status).toBe(404);
    expect(res.body.error.data).toMatchObject({ code: 'NOT_FOUND', appCode: 'NOT_FOUND', httpStatus: 404 });
  });

  describe('bad input', () => {
    const aboveAuto = editable({
      ...DEFAULT_POLICY,
      defaults: { ...DEFAULT_POLICY.defaults, thresholds: { auto: 0.8, review: 0.85 } },
    });
    const negativeTimeout = editable({
      ...DEFAULT_POLICY,
      defaults: {
        ...DEFAULT_POLICY.defaults,
        timeouts: { ...DEFAULT_POLICY.defaults.timeouts, review: { seconds: -60, action: 'reject' } },
      },
    });
    const cases: [string, (api: ReturnType<typeof client>['api']) => Promise<unknown>, string][] = [
      ['a review threshold above auto', (api) => api.policy.update.mutate(aboveAuto), 'defaults.thresholds.review'],
      ['a negative timeout', (api) => api.policy.update.mutate(negativeTimeout), 'defaults.timeouts.review.seconds'],
      [
        'an unknown kill-switch scope',
        // Sent as the wire carries it: the client's types would not let this through.
        (api) =>
          api.policy.setKillSwitch.mutate({ scope: 'team', target: 'west', mode: 'block', reason: 'x' } as never),
        'scope',
      ],
      ['an audit page larger than 500', (api) => api.audit.list.query({ limit: 501 }), 'limit'],
      ['an audit order that does not exist', (api) => api.audit.list.query({ order: 'up' } as never), 'order'],
    ];

    it.each(cases)('refuses %s with 400 BAD_REQUEST naming the field, and changes nothing', async (_, call, field) => {
      const { api, seen } = client(h, h.people.admin.token);
      const before = await state();
      const { message, data } = await failure(call(api));
      expect([data.code, data.appCode, data.httpStatus, seen.status]).toEqual(['BAD_REQUEST', 'BAD_INPUT', 400, 400]);
      expect(message).toBe('the input is not valid');
      expect(Object.keys(data.details?.fields ?? {})).toContain(field);
      expect(await state()).toEqual(before);
    });
  });
});
