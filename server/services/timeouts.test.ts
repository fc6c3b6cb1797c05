import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { backends, openCastEnv, type CastEnv } from '../../test/helpers/backends';
import { dealProposal, type Cast } from '../../test/helpers/people';
import { decide } from './decisions';
import { readPolicy, updatePolicy } from './policy';
import { getSuggestion, propose } from './suggestions';
import { sweepTimeouts } from './timeouts';

const MINUTE = 60_000;

describe.each(await backends())('timeouts on $name', (backend) => {
  let env: CastEnv;
  let p: Cast;
  beforeAll(async () => {
    env = await openCastEnv(backend);
    p = env.people;
  });
  afterAll(() => env.close());

  const proposeWith = async (timeoutAction: string, over: Record<string, unknown> = {}) =>
    (await propose(env.deps, p.agent.actor, dealProposal({ timeoutSeconds: 60, timeoutAction, ...over }))).body;
  const read = (id: string) => getSuggestion(env.deps, p.admin.actor, id);

  /** Runs `fn` under a policy whose review lane approves after a minute, as an admin may set it; then restores it. */
  async function whenReviewApprovesAfterAMinute(fn: () => Promise<void>) {
    const { killSwitches: _, ...before } = (await readPolicy(env.deps.db)).policy;
    const review = { seconds: 60, action: 'approve' as const };
    const defaults = { ...before.defaults, timeouts: { ...before.defaults.timeouts, review } };
    await updatePolicy(env.deps, p.admin.actor, { ...before, defaults });
    try {
      await fn();
    } finally {
      await updatePolicy(env.deps, p.admin.actor, before);
    }
  }

  const appliesAtExpiry = async (action: string, status: string) => {
    const s = await proposeWith(action);
    expect(s.timeoutAction).toBe(action);
    env.clock.advance(MINUTE - 1);
    await sweepTimeouts(env.deps);
    expect((await read(s.id)).status).toBe('pending');
    env.clock.advance(1);
    await sweepTimeouts(env.deps);
    const after = await read(s.id);
    expect(after.status).toBe(status);
    expect(after.decisions.at(-1)).toMatchObject({ kind: 'timeout', by: { id: 'system' } });
    if (status === 'approved') expect(after.finalHash).toMatch(/^[0-9a-f]{64}$/);
  };

  it.each([
    ['reject', 'rejected'],
    ['skip', 'skipped'],
  ])('applies %s at expires_at and not a moment before', appliesAtExpiry);

  it('applies approve at expires_at where the policy approves on timeout', () =>
    whenReviewApprovesAfterAMinute(() => appliesAtExpiry('approve', 'approved')));

  it("does not let a proposal make its timeout approve where the policy's would not", async () => {
    const s = await proposeWith('approve');
    expect([s.timeoutAction, s.routingReason.detail]).toEqual([
      'reject',
      expect.stringContaining('no approval on timeout'),
    ]);
    env.clock.advance(MINUTE);
    await sweepTimeouts(env.deps);
    expect((await read(s.id)).status).toBe('rejected');
  });

  it('does not approve on timeout at a tier that came to need two approvers after routing', () =>
    whenReviewApprovesAfterAMinute(async () => {
      const s = await proposeWith('approve');
      expect(s.timeoutAction).toBe('approve');
      const { killSwitches: _, ...now } = (await readPolicy(env.deps.db)).policy;
      await updatePolicy(env.deps, p.admin.actor, { ...now, twoApprovers: { ...now.twoApprovers, rep: true } });
      env.clock.advance(MINUTE);
      await sweepTimeouts(env.deps);
      const after = await read(s.id);
      expect(after.status).toBe('rejected');
      expect(after.decisions.at(-1)?.note).toMatch(/two approvers/);
    }));

  it('escalates a tier with a fresh timeout, and rejects at the top tier', async () => {
    const s = await proposeWith('escalate');
    env.clock.advance(MINUTE);
    await sweepTimeouts(env.deps);
    const once = await read(s.id);
    expect(once).toMatchObject({ status: 'pending', tier: 'manager' });
    expect(Date.parse(once.expiresAt!)).toBeGreaterThan(env.clock.now());
    await expect(decide(env.deps, p.rep.actor, s.id, { kind: 'approve' })).rejects.toMatchObject({ code: 'FORBIDDEN' });

    env.clock.set(Date.parse(once.expiresAt!));
    await sweepTimeouts(env.deps);
    const twice = await read(s.id);
    expect(twice.tier).toBe('admin');
    env.clock.set(Date.parse(twice.expiresAt!));
    await sweepTimeouts(env.deps);
    expect((await read(s.id)).status).toBe('rejected');
  });

  it('never approves an unconfirmed condition on timeout', () =>
    whenReviewApprovesAfterAMinute(async () => {
      const s = await proposeWith('approve');
      expect(s.timeoutAction).toBe('approve');
      await decide(env.deps, p.rep.actor, s.id, { kind: 'conditional', condition: 'customer confirms the address' });
      env.clock.advance(MINUTE);
      await sweepTimeouts(env.deps);
      expect((await read(s.id)).status).toBe('rejected');
    }));

  it('refuses a decision that arrives after expires_at with 410, before and after the sweep', async () => {
    const s = await proposeWith('reject');
    env.clock.advance(MINUTE);
    await expect(decide(env.deps, p.rep.actor, s.id, { kind: 'approve' })).rejects.toMatchObject({ code: 'GONE' });
    await sweepTimeouts(env.deps);
    await expect(decide(env.deps, p.rep.actor, s.id, { kind: 'approve' })).rejects.toMatchObject({ code: 'GONE' });
  });

  it('fires each timeout once when several sweepers race', async () => {
    const items = await Promise.all(Array.from({ length: 10 }, () => proposeWith('reject')));
    env.clock.advance(MINUTE);
    const applied = await Promise.all([sweepTimeouts(env.deps), sweepTimeouts(env.deps), sweepTimeouts(env.deps)]);
    expect(applied.reduce((a, b) => a + b, 0)).toBe(items.length);
    for (const s of items) {
      const events = await env.deps.db
        .selectFrom('audit_events')
        .select('seq')
        .where('suggestion_id', '=', s.id)
        .where('kind', '=', 'timed_out')
        .execute();
      expect(events).toHaveLength(1);
    }
  });
});
