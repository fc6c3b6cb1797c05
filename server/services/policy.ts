import { z } from 'zod';
import { actionType } from '../../lib/schemas/common';
import type { AuditPayload } from '../../lib/schemas/audit';
import {
  DEFAULT_POLICY,
  killMode,
  policy as policySchema,
  policyEdit,
  rulesOf,
  type Policy,
} from '../../lib/schemas/policy';
import { prepare } from '../store/prepared';
import { auditedTx } from './audit-log';
import type { Deps, Tx } from './deps';
import { AppError, forbidden } from './errors';
import { canonicalJson } from './hash';
import { parseInput } from './parse';
import type { Actor } from './users';

export interface StoredPolicy {
  policy: Policy;
  version: number;
  updatedAt: string | null;
  updatedBy: string | null;
}

/** The last policy text parsed, so that the validation runs once per version rather than once per proposal. */
let parsed: { body: string; policy: Policy } | null = null;

function parsePolicy(body: string): Policy {
  if (parsed?.body !== body) parsed = { body, policy: policySchema.parse(JSON.parse(body)) };
  return parsed.policy;
}

/** The policy in force: the stored one, or the default before any admin changed it. */
const policyRow = prepare((db) => db.selectFrom('policy').selectAll().where('id', '=', 1));

export async function readPolicy(db: Deps['db'] | Tx): Promise<StoredPolicy> {
  const row = await policyRow.first(db, {});
  if (!row) return { policy: DEFAULT_POLICY, version: 0, updatedAt: null, updatedBy: null };
  return {
    policy: parsePolicy(row.body),
    version: row.version,
    updatedAt: new Date(row.updated_at).toISOString(),
    updatedBy: row.updated_by,
  };
}

async function writePolicy(
  deps: Deps,
  by: Actor,
  change: (current: StoredPolicy) => Policy,
  audit: (before: Policy, after: Policy) => AuditPayload,
): Promise<StoredPolicy> {
  if (by.role !== 'admin') throw forbidden('only an admin can change the policy');
  return auditedTx(deps, async (tx, log) => {
    const current = await readPolicy(tx);
    const after = parseInput(policySchema, change(current));
    const row = { body: JSON.stringify(after), version: current.version + 1, updated_at: log.at, updated_by: by.id };
    if (current.version === 0)
      await tx
        .insertInto('policy')
        .values({ id: 1, ...row })
        .execute();
    else await tx.updateTable('policy').set(row).where('id', '=', 1).execute();
    log.policySeq = await log.append(by.id, audit(current.policy, after));
    return { policy: after, version: row.version, updatedAt: new Date(log.at).toISOString(), updatedBy: by.id };
  });
}

/**
 * A new policy but for its kill switches, and `basedOn`: the policy the edit began from, kill switches aside. When
 * the stored one no longer matches it, another admin changed it meanwhile, and the update is refused rather than undo
 * their change; a kill switch flipped meanwhile does not count.
 */
export const policyUpdate = policyEdit.extend({ basedOn: policyEdit.optional() });

/** Replaces the policy's thresholds, rules, timeouts and tiers; kill switches are kept as they are. */
export function updatePolicy(deps: Deps, by: Actor, raw: unknown): Promise<StoredPolicy> {
  const { basedOn, ...next } = parseInput(policyUpdate, raw);
  return writePolicy(
    deps,
    by,
    (current) => {
      if (basedOn && canonicalJson(rulesOf(current.policy)) !== canonicalJson(basedOn))
        throw new AppError(
          'CONFLICT',
          `another admin changed the policy since this edit began (it is now version ${current.version}): ` +
            'reload it and make the change again',
          { version: current.version },
        );
      return { ...next, killSwitches: current.policy.killSwitches };
    },
    (before, after) => ({ kind: 'policy_changed', before, after }),
  );
}

export const killSwitchInput = z.discriminatedUnion('scope', [
  z.strictObject({ scope: z.literal('global'), mode: killMode.nullable(), reason: z.string().trim().min(1).max(1000) }),
  z.strictObject({
    scope: z.literal('action_type'),
    target: actionType,
    mode: killMode.nullable(),
    reason: z.string().trim().min(1).max(1000),
  }),
  z.strictObject({
    scope: z.literal('agent'),
    target: z.string().min(1).max(64),
    mode: killMode.nullable(),
    reason: z.string().trim().min(1).max(1000),
  }),
]);
export type KillSwitchInput = z.infer<typeof killSwitchInput>;

/** Flips a kill switch (mode null switches it off); effective from the next proposal. */
export function setKillSwitch(deps: Deps, by: Actor, raw: unknown): Promise<StoredPolicy> {
  const input = parseInput(killSwitchInput, raw);
  const target = input.scope === 'global' ? null : input.target;
  const apply = (ks: Record<string, 'review' | 'block'>, key: string) => {
    const next = { ...ks };
    if (input.mode) next[key] = input.mode;
    else delete next[key];
    return next;
  };
  return writePolicy(
    deps,
    by,
    ({ policy: p }) => ({
      ...p,
      killSwitches:
        input.scope === 'global'
          ? { ...p.killSwitches, global: input.mode }
          : input.scope === 'action_type'
            ? { ...p.killSwitches, actionTypes: apply(p.killSwitches.actionTypes, input.target) }
            : { ...p.killSwitches, agents: apply(p.killSwitches.agents, input.target) },
    }),
    () => ({ kind: 'kill_switch', scope: input.scope, target, mode: input.mode, reason: input.reason }),
  );
}
