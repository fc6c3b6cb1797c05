import { z } from 'zod';

/** Built-in action types; the schema accepts others of the same shape. */
export const KNOWN_ACTION_TYPES = [
  'stage_change',
  'field_update',
  'email_draft',
  'lead_routing',
  'risk_alert',
  'refund',
] as const;

export const actionType = z
  .string()
  .regex(/^[a-z][a-z0-9_]{1,39}$/, 'lowercase letters, digits and underscores, 2 to 40 characters');
export type ActionType = z.infer<typeof actionType>;

export const LANES = ['auto', 'review', 'explicit', 'triage', 'blocked'] as const;
export const lane = z.enum(LANES);
export type Lane = z.infer<typeof lane>;

/** Ordered from least to most authority. */
export const TIERS = ['rep', 'manager', 'admin'] as const;
export const tier = z.enum(TIERS);
export type Tier = z.infer<typeof tier>;

export const ROLES = ['agent', 'rep', 'manager', 'admin'] as const;
export const role = z.enum(ROLES);
export type Role = z.infer<typeof role>;

export const STATUSES = [
  'pending',
  'awaiting_condition',
  'approved',
  'rejected',
  'skipped',
  'dismissed',
  'blocked',
  'executed',
  'failed',
  'stale',
  'reverted',
] as const;
export const status = z.enum(STATUSES);
export type Status = z.infer<typeof status>;

/** Statuses in which a person can still decide. */
export const OPEN_STATUSES = ['pending', 'awaiting_condition'] as const satisfies readonly Status[];

export const TIMEOUT_ACTIONS = ['reject', 'approve', 'skip', 'escalate'] as const;
export const timeoutAction = z.enum(TIMEOUT_ACTIONS);
export type TimeoutAction = z.infer<typeof timeoutAction>;

export const PRIORITIES = ['low', 'normal', 'high', 'urgent'] as const;
export const priority = z.enum(PRIORITIES);
export type Priority = z.infer<typeof priority>;

export const id = z.string().min(1).max(64).regex(/^[A-Za-z0-9_-]+$/, 'letters, digits, _ and - only');
export const isoTime = z.iso.datetime({ offset: true });

/** A trimmed, non-empty line of human text with an upper bound. */
export const text = (max: number) => z.string().trim().min(1).max(max);

export function tierAbove(t: Tier): Tier | null {
  const i = TIERS.indexOf(t);
  return TIERS[i + 1] ?? null;
}

export function tierRank(t: Tier): number {
  return TIERS.indexOf(t);
}
