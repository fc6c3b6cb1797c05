import { randomBytes, randomUUID } from 'node:crypto';
import type { Role } from '../../lib/schemas/common';
import { userInput, type User, type UserInput } from '../../lib/schemas/user';
import { prepare } from '../store/prepared';
import { auditedTx, type AuditLog } from './audit-log';
import type { Deps, Tx } from './deps';
import { AppError, forbidden, notFound } from './errors';
import { sha256 } from './hash';
import { parseInput } from './parse';

/** The caller of a service: who they are and what they may do. */
export interface Actor extends User {
  tokenId: string | null;
}

/** The system itself: timeouts and the auto lane act as it. */
export const SYSTEM: Actor = { id: 'system', name: 'Countersign', role: 'admin', team: null, tokenId: null };

const TOKEN_PREFIX = 'cs_';

/** 32 random bytes (256 bits), shown once; only the SHA-256 is kept. */
function newToken(): string {
  return TOKEN_PREFIX + randomBytes(32).toString('base64url');
}

/** Users and tokens are an admin's to manage; every entry point checks, not only the routers. */
function assertAdmin(by: Actor) {
  if (by.role !== 'admin') throw forbidden('only an admin manages users and tokens');
}

export async function createUser(deps: Deps, by: Actor, raw: UserInput): Promise<User> {
  assertAdmin(by);
  const input = parseInput(userInput, raw);
  return auditedTx(deps, (tx, log) => insertUser(tx, log, by, input));
}

/** Creates a user and their first token in one transaction: there is never a user who cannot sign in. */
export async function createUserWithToken(
  deps: Deps,
  by: Actor,
  raw: UserInput,
): Promise<{ user: User; tokenId: string; token: string }> {
  assertAdmin(by);
  const input = parseInput(userInput, raw);
  return auditedTx(deps, async (tx, log) => {
    const user = await insertUser(tx, log, by, input);
    return { user, ...(await insertToken(tx, log, by, user.id)) };
  });
}

/** Issues a new token for a user; the token itself is returned once and never stored. */
export async function issueToken(deps: Deps, by: Actor, userId: string): Promise<{ tokenId: string; token: string }> {
  assertAdmin(by);
  return auditedTx(deps, async (tx, log) => {
    const user = await tx.selectFrom('users').select('id').where('id', '=', userId).executeTakeFirst();
    if (!user) throw notFound('user');
    return insertToken(tx, log, by, userId);
  });
}

async function insertUser(tx: Tx, log: AuditLog, by: Actor, input: UserInput): Promise<User> {
  const user: User = { id: randomUUID(), name: input.name, role: input.role, team: input.team ?? null };
  await tx
    .insertInto('users')
    .values({ ...user, created_at: log.at })
    .execute();
  await log.append(by.id, { kind: 'user_created', userId: user.id, name: user.name, role: user.role });
  return user;
}

async function insertToken(
  tx: Tx,
  log: AuditLog,
  by: Actor,
  userId: string,
): Promise<{ tokenId: string; token: string }> {
  const token = newToken();
  const tokenId = randomUUID();
  await tx
    .insertInto('tokens')
    .values({ id: tokenId, user_id: userId, hash: sha256(token), created_at: log.at, revoked_at: null })
    .execute();
  await log.append(by.id, { kind: 'token_issued', userId, tokenId });
  return { tokenId, token };
}

export async function revokeToken(deps: Deps, by: Actor, tokenId: string): Promise<void> {
  assertAdmin(by);
  await auditedTx(deps, async (tx, log) => {
    const row = await tx.selectFrom('tokens').selectAll().where('id', '=', tokenId).executeTakeFirst();
    if (!row) throw notFound('token');
    if (row.revoked_at !== null) return;
    await tx.updateTable('tokens').set({ revoked_at: deps.clock.now() }).where('id', '=', tokenId).execute();
    await log.append(by.id, { kind: 'token_revoked', userId: row.user_id, tokenId });
    log.revokedTokens.push(tokenId);
  });
}

/**
 * Hashes of tokens that signed in lately, up to a bound: the rate limiter gives each of these a bucket of its own and
 * puts any other request in its address's, so that a caller trying made-up tokens is limited as one.
 */
const signedInLately = new Set<string>();
const SIGNED_IN_KEPT = 10_000;

export const tokenSignedInLately = (tokenHash: string) => signedInLately.has(tokenHash);

/** The actor a bearer token stands for, or a 401. */
const tokenHolder = prepare((db, p: { hash: string }) =>
  db
    .selectFrom('tokens')
    .innerJoin('users', 'users.id', 'tokens.user_id')
    .select(['tokens.id as tokenId', 'tokens.revoked_at', 'users.id', 'users.name', 'users.role', 'users.team'])
    .where('tokens.hash', '=', p.hash),
);

export async function authenticate(deps: Deps, token: string | undefined): Promise<Actor> {
  if (!token) throw new AppError('UNAUTHORIZED', 'a bearer token is required');
  const hash = sha256(token);
  const row = await tokenHolder.first(deps.db, { hash });
  if (!row || row.revoked_at !== null) throw new AppError('UNAUTHORIZED', 'the token is unknown or revoked');
  if (signedInLately.size >= SIGNED_IN_KEPT) signedInLately.clear();
  signedInLately.add(hash);
  return { id: row.id, name: row.name, role: row.role as Role, team: row.team, tokenId: row.tokenId };
}

/**
 * The agents, by name, for managers and admins: whose work they may revert in bulk. Names and ids only, no tokens:
 * the user list itself stays an admin's.
 */
export async function listAgents(deps: Deps, by: Actor): Promise<{ id: string; name: string }[]> {
  if (by.role !== 'manager' && by.role !== 'admin') throw forbidden('only managers and admins list the agents');
  return deps.db.selectFrom('users').select(['id', 'name']).where('role', '=', 'agent').orderBy('name').execute();
}

export async function listUsers(
  deps: Deps,
): Promise<(User & { tokens: { id: string; createdAt: string; revoked: boolean }[] })[]> {
  const users = await deps.db.selectFrom('users').selectAll().orderBy('created_at').execute();
  const tokens = await deps.db.selectFrom('tokens').selectAll().orderBy('created_at').execute();
  return users.map((u) => ({
    id: u.id,
    name: u.name,
    role: u.role as Role,
    team: u.team,
    tokens: tokens
      .filter((t) => t.user_id === u.id)
      .map((t) => ({ id: t.id, createdAt: new Date(t.created_at).toISOString(), revoked: t.revoked_at !== null })),
  }));
}
