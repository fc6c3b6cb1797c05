import { z } from 'zod';
import { amountOf, route } from '../../lib/policy/route';
import {
  actionType,
  OPEN_STATUSES,
  RETURNED_STATUSES,
  status as statusSchema,
  storableString,
} from '../../lib/schemas/common';
import type { SuggestionDetail } from '../../lib/schemas/decision';
import { proposalInput, type ChangeSet, type Suggestion } from '../../lib/schemas/suggestion';
import { auditedTx, type AuditLog } from './audit-log';
import { canView, visibleTo } from './access';
import type { Deps, Tx } from './deps';
import type { Audience } from './events';
import { AppError, notFound } from './errors';
import { handOver } from './execution';
import { hashOf } from './hash';
import { once, type Answer } from './idempotency';
import { newId } from './ids';
import { parseInput } from './parse';
import { readPolicy } from './policy';
import { decisionsOn, insertDecision, insertSuggestion, suggestionById } from './suggestion-queries';
import { peopleOn, toDetail, toSuggestion, type SuggestionRow } from './suggestion-rows';
import type { Actor } from './users';

type Db = Deps['db'] | Tx;

type UserName = { name: string; role: string };

/**
 * Users are never renamed, given another role or removed (their tokens are revoked instead), so a name once read
 * stays true and user ids are random: the names read are kept, up to a bound, and shared by every database.
 */
const namesSeen = new Map<string, UserName>();
const NAMES_KEPT = 10_000;

/** Names and roles of the given users, for the people named on suggestions and decisions. */
export async function userNames(db: Db, ids: string[]) {
  const names = new Map<string, UserName>();
  const unknown = new Set<string>();
  for (const id of ids) {
    const known = namesSeen.get(id);
    if (known) names.set(id, known);
    else unknown.add(id);
  }
  if (unknown.size === 0) return names;
  const rows = await db
    .selectFrom('users')
    .select(['id', 'name', 'role'])
    .where('id', 'in', [...unknown])
    .execute();
  if (namesSeen.size + rows.length > NAMES_KEPT) namesSeen.clear();
  for (const u of rows) {
    const name = { name: u.name, role: u.role };
    namesSeen.set(u.id, name);
    names.set(u.id, name);
  }
  return names;
}

/** A suggestion with its decisions and the names of the people on it, in one query besides the row itself. */
export async function detailOf(db: Db, row: SuggestionRow): Promise<SuggestionDetail> {
  const rows = await decisionsOn.all(db, { id: row.id });
  const names = new Map<string, { name: string; role: string }>();
  for (const d of rows) if (d.actor_name !== null) names.set(d.actor_id, { name: d.actor_name, role: d.actor_role! });
  const missing = peopleOn(row).filter((id) => !names.has(id));
  if (missing.length > 0) for (const [id, u] of await userNames(db, missing)) names.set(id, u);
  const decisions = rows.map(({ actor_name: _n, actor_role: _r, ...d }) => d);
  return toDetail(row, decisions, names);
}

/** Records that a suggestion changed, for the delta cursor and for live listeners. */
export function touched(
  log: AuditLog,
  row: Pick<SuggestionRow, 'id' | 'crm' | 'record_id'> & Audience,
  status: string,
  seq: number,
) {
  const audience = { proposed_by: row.proposed_by, assignee_user: row.assignee_user, assignee_team: row.assignee_team };
  log.changed.push({ suggestionId: row.id, crm: row.crm, recordId: row.record_id, status, seq, audience });
}

/** Takes a proposal, routes it by the policy in force, and stores it with its audit events in one transaction. */
export async function propose(deps: Deps, actor: Actor, raw: unknown, key?: string): Promise<Answer<SuggestionDetail>> {
  const input = parseInput(proposalInput, raw);
  return auditedTx(deps, (tx, log) =>
    once(tx, actor.id, key, { op: 'propose', input }, log.at, async () => {
      const { policy } = await readPolicy(tx);
      const r = route(policy, input, actor.id);
      const id = newId();
      const changeSet: ChangeSet = {
        changes: input.changes,
        ...(input.draft ? { draft: input.draft } : {}),
        ...(input.amount === undefined ? {} : { amount: input.amount }),
      };
      const auto = r.lane === 'auto';
      const finalHash = auto ? hashOf(changeSet) : null;
      const expiresAt = r.timeoutSeconds === null ? null : log.at + r.timeoutSeconds * 1000;
      const status = auto ? 'approved' : r.lane === 'blocked' ? 'blocked' : 'pending';

      const createdSeq = await log.append(actor.id, {
        kind: 'proposed',
        suggestionId: id,
        input: JSON.parse(JSON.stringify(input)),
      });
      let seq = await log.append('system', {
        kind: 'routed',
        suggestionId: id,
        lane: r.lane,
        tier: r.tier,
        reason: r.reason,
        expiresAt: expiresAt === null ? null : new Date(expiresAt).toISOString(),
        timeoutAction: r.timeoutAction,
      });
      const decisionId = newId();
      if (auto) {
        seq = await log.append('system', {
          kind: 'decided',
          suggestionId: id,
          decisionId,
          decision: 'auto',
          note: r.reason.detail,
          condition: null,
          status,
          finalChangeSet: changeSet,
          finalHash,
        });
      }
      const row: SuggestionRow = {
        id,
        type: input.type,
        crm: input.record.crm,
        object_type: input.record.objectType,
        record_id: input.record.id,
        record_name: input.record.name ?? null,
        change_set: JSON.stringify(changeSet),
        reasons: JSON.stringify(input.reasons),
        context: JSON.stringify(input.context),
        confidence: input.confidence,
        impact: JSON.stringify(input.impact),
        amount: amountOf(input),
        proposed_by: actor.id,
        priority: input.priority,
        assignee_user: input.assignee && 'userId' in input.assignee ? input.assignee.userId : null,
        assignee_team: input.assignee && 'team' in input.assignee ? input.assignee.team : null,
        lane: r.lane,
        tier: r.tier,
        routing_rule: r.reason.rule,
        routing_detail: r.reason.detail,
        status,
        version: 1,
        expires_at: expiresAt,
        timeout_action: r.timeoutAction,
        condition: null,
        approvals: '[]',
        final_change_set: auto ? JSON.stringify(changeSet) : null,
        final_hash: finalHash,
        outcome: null,
        created_at: log.at,
        updated_at: log.at,
        created_seq: createdSeq,
        last_seq: seq,
      };
      await insertSuggestion(tx, row);
      if (auto) {
        await insertDecision(tx, {
          id: decisionId,
          suggestion_id: id,
          seq,
          kind: 'auto',
          actor_id: 'system',
          note: r.reason.detail,
          condition: null,
          opened_ms: null,
          final_change_set: row.final_change_set,
          final_hash: finalHash,
          created_at: log.at,
        });
      }
      if (auto) await handOver(tx, policy, row, log.at);
      touched(log, row, status, seq);
      return { status: 201, body: await detailOf(tx, row) };
    }),
  );
}

/** A suggestion with its decisions, if the actor may see it. */
export async function getSuggestion(deps: Deps, actor: Actor, id: string): Promise<SuggestionDetail> {
  const row = await suggestionById.first(deps.db, { id });
  if (!row || !canView(actor, row)) throw notFound('suggestion');
  return detailOf(deps.db, row);
}

export const listQuery = z.strictObject({
  status: statusSchema.optional(),
  crm: storableString(32).min(1).optional(),
  recordId: storableString(128).min(1).optional(),
  type: actionType.optional(),
  cursor: z.string().max(200).optional(),
  limit: z.coerce.number().int().min(1).max(100).default(50),
});
export type ListQuery = z.input<typeof listQuery>;

const encodeCursor = (createdSeq: number) => Buffer.from(`s${createdSeq}`).toString('base64url');
function decodeCursor(c: string): number {
  const m = /^s(\d{1,15})$/.exec(Buffer.from(c, 'base64url').toString());
  if (!m)
    throw new AppError('BAD_INPUT', 'the cursor is not valid', { fields: { cursor: ['not a cursor from this API'] } });
  return Number(m[1]);
}

/** Suggestions visible to the actor, newest first, paged by an opaque cursor. */
export async function listSuggestions(
  deps: Deps,
  actor: Actor,
  raw: unknown,
): Promise<{ items: Suggestion[]; nextCursor: string | null }> {
  const q = parseInput(listQuery, raw);
  const after = q.cursor ? decodeCursor(q.cursor) : null;
  const rows = await deps.db
    .selectFrom('suggestions')
    .selectAll()
    .where(visibleTo(actor))
    .$if(q.status !== undefined, (b) => b.where('status', '=', q.status!))
    .$if(q.crm !== undefined, (b) => b.where('crm', '=', q.crm!))
    .$if(q.recordId !== undefined, (b) => b.where('record_id', '=', q.recordId!))
    .$if(q.type !== undefined, (b) => b.where('type', '=', q.type!))
    .$if(after !== null, (b) => b.where('created_seq', '<', after!))
    .orderBy('created_seq', 'desc')
    .limit(q.limit + 1)
    .execute();
  const page = rows.slice(0, q.limit);
  const users = await userNames(deps.db, page.flatMap(peopleOn));
  const last = page.at(-1);
  return {
    items: page.map((r) => toSuggestion(r, users)),
    nextCursor: rows.length > q.limit && last ? encodeCursor(last.created_seq) : null,
  };
}

/** Statuses a client keeps whenever they last changed: open, or back with a person. */
const KEPT_STATUSES = [...OPEN_STATUSES, ...RETURNED_STATUSES];

/**
 * Everything visible to the actor that changed after audit sequence `since`, oldest change first. With
 * `closedAfter` (a client's first sync), items that closed before that time are left out, as history the client
 * would not keep; once the last page is read, the cursor moves past them too.
 */
export async function changesSince(
  deps: Deps,
  actor: Actor,
  since: number,
  limit = 200,
  closedAfter?: number,
): Promise<{ items: Suggestion[]; cursor: number; more: boolean }> {
  // Read before the page: every change up to it is in what the page is read from (audit sequence follows commit
  // order), so on the last page the cursor may move there, past what was left out.
  const head =
    closedAfter === undefined
      ? null
      : Number((await deps.db.selectFrom('audit_head').select('seq').executeTakeFirstOrThrow()).seq);
  const rows = await deps.db
    .selectFrom('suggestions')
    .selectAll()
    .where(visibleTo(actor))
    .where('last_seq', '>', since)
    .$if(closedAfter !== undefined, (q) =>
      q.where((eb) => eb.or([eb('status', 'in', KEPT_STATUSES), eb('updated_at', '>=', closedAfter!)])),
    )
    .orderBy('last_seq')
    .limit(limit + 1)
    .execute();
  const page = rows.slice(0, limit);
  const more = rows.length > limit;
  const last = page.at(-1)?.last_seq ?? since;
  const users = await userNames(deps.db, page.flatMap(peopleOn));
  return {
    items: page.map((r) => toSuggestion(r, users)),
    cursor: head !== null && !more ? Math.max(head, last) : last,
    more,
  };
}
