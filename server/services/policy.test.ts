import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { DEFAULT_POLICY, rulesOf } from '../../lib/schemas/policy';
import { backends, openCastEnv, type CastEnv } from '../../test/helpers/backends';
import { person, type Person } from '../../test/helpers/people';
import { listAudit } from './audit';
import { readPolicy, setKillSwitch, updatePolicy } from './policy';

const withAuto = (auto: number) => {
  const rules = rulesOf(DEFAULT_POLICY);
  return { ...rules, defaults: { ...rules.defaults, thresholds: { ...rules.defaults.thresholds, auto } } };
};

describe.each(await backends())('two admins editing the policy on $name', (backend) => {
  let env: CastEnv;
  let other: Person;
  beforeEach(async () => {
    env = await openCastEnv(backend);
    other = await person(env.deps, 'Bea', 'admin');
  });
  afterEach(() => env.close());

  const policyEvents = async () =>
    (await listAudit(env.deps, { order: 'oldest', limit: 100 })).events.filter(
      (e) => e.payload.kind === 'policy_changed',
    );

  it("refuses an edit begun before another admin's change, and writes nothing", async () => {
    const began = rulesOf((await readPolicy(env.deps.db)).policy);
    await updatePolicy(env.deps, other.actor, withAuto(0.95));

    const late = updatePolicy(env.deps, env.people.admin.actor, { ...withAuto(0.85), basedOn: began });
    await expect(late).rejects.toMatchObject({ code: 'CONFLICT', details: { version: 1 } });
    await expect(late).rejects.toThrow(/another admin changed the policy .*now version 1/);
    const stored = await readPolicy(env.deps.db);
    expect(stored).toMatchObject({ version: 1, updatedBy: other.actor.id });
    expect(stored.policy.defaults.thresholds.auto).toBe(0.95);
    expect(await policyEvents()).toHaveLength(1);
  });

  it('takes an edit begun from the policy in force, and one begun before a kill switch was flipped', async () => {
    const began = rulesOf((await readPolicy(env.deps.db)).policy);
    const reason = 'refunds misfire';
    await setKillSwitch(env.deps, other.actor, { scope: 'action_type', target: 'refund', mode: 'block', reason });

    const saved = await updatePolicy(env.deps, env.people.admin.actor, { ...withAuto(0.85), basedOn: began });
    expect(saved.version).toBe(2);
    expect(saved.policy.defaults.thresholds.auto).toBe(0.85);
    expect(saved.policy.killSwitches.actionTypes).toEqual({ refund: 'block' });
    const next = await updatePolicy(env.deps, other.actor, { ...withAuto(0.9), basedOn: rulesOf(saved.policy) });
    expect(next.version).toBe(3);
  });

  it('refuses a malformed starting point as bad input, and writes nothing', async () => {
    const bad = { ...withAuto(0.85), basedOn: { defaults: 1 } };
    expect(() => updatePolicy(env.deps, env.people.admin.actor, bad)).toThrow(
      expect.objectContaining({ code: 'BAD_INPUT' }),
    );
    expect((await readPolicy(env.deps.db)).version).toBe(0);
  });
});
