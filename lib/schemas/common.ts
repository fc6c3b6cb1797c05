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
/** Whether `value` is one of OPEN_STATUSES; any string, since database rows carry the status as one. */
export const isOpen = (value: string): boolean => (OPEN_STATUSES as readonly string[]).includes(value);

/** Statuses that put an approved item back with a person: the record changed before it ran, or it failed. */
export const RETURNED_STATUSES = ['stale', 'failed'] as const satisfies readonly Status[];
/** Whether `value` is one of RETURNED_STATUSES. */
export const isReturned = (value: string): boolean => (RETURNED_STATUSES as readonly string[]).includes(value);

export const TIMEOUT_ACTIONS = ['reject', 'approve', 'skip', 'escalate'] as const;
export const timeoutAction = z.enum(TIMEOUT_ACTIONS);
export type TimeoutAction = z.infer<typeof timeoutAction>;

export const PRIORITIES = ['low', 'normal', 'high', 'urgent'] as const;
export const priority = z.enum(PRIORITIES);
export type Priority = z.infer<typeof priority>;

/** Text a database stores as it is: no NUL (PostgreSQL refuses it) and no lone surrogate (it would not round-trip). */
export const storableString = (max: number) =>
  z
    .string()
    .max(max)
    .refine((s) => !s.includes('\u0000') && s.isWellFormed(), 'no NUL characters or unpaired surrogates');

export const id = z
  .string()
  .min(1)
  .max(64)
  .regex(/^[A-Za-z0-9_-]+$/, 'letters, digits, _ and - only');
export const isoTime = z.iso.datetime({ offset: true });

/** A trimmed, non-empty line of human text with an upper bound. */
export const text = (max: number) => storableString(max).trim().min(1);

/** How deep JSON may nest before it is refused (checked without recursion, so no input can exhaust the stack). */
export const MAX_JSON_DEPTH = 32;

export function jsonDepth(value: unknown): number {
  let deepest = 0;
  const stack: [unknown, number][] = [[value, 1]];
  while (stack.length > 0) {
    const [v, depth] = stack.pop()!;
    if (v === null || typeof v !== 'object') continue;
    deepest = Math.max(deepest, depth);
    if (deepest > MAX_JSON_DEPTH) return deepest;
    for (const child of Object.values(v)) stack.push([child, depth + 1]);
  }
  return deepest;
}

/** Any JSON object, refused before parsing when it nests deeper than MAX_JSON_DEPTH. */
export const boundedJsonObject = (maxChars: number) =>
  z
    .unknown()
    .refine((v) => jsonDepth(v) <= MAX_JSON_DEPTH, `nests deeper than ${MAX_JSON_DEPTH} levels`)
    .pipe(z.record(z.string().max(200), z.json()))
    .refine((v) => JSON.stringify(v).length <= maxChars, `at most ${maxChars} characters of JSON`);

export function tierAbove(t: Tier): Tier | null {
  const i = TIERS.indexOf(t);
  return TIERS[i + 1] ?? null;
}

export function tierRank(t: Tier): number {
  return TIERS.indexOf(t);
}

/** The highest tier a role decides at; agents decide nothing. */
export function reviewerTier(role: Role): Tier | null {
  return role === 'agent' ? null : role;
}
