import { sql, type Selectable } from 'kysely';
import { z } from 'zod';
import { auditPayload, type AuditEvent, type VerifyResult } from '../../lib/schemas/audit';
import { GENESIS_HASH } from '../store/migrations';
import type { Database } from '../store/schema';
import { eventHash } from './audit-log';
import { canonicalJson } from './hash';
import type { Deps } from './deps';
import { AppError } from './errors';
import { parseInput } from './parse';

type Row = Selectable<Database['audit_events']>;

const PAGE = 500;

/** Events in seq order, read a page at a time so that a long chain never sits in memory whole. */
async function* inSeqOrder(deps: Deps, upTo: number | null): AsyncGenerator<Row> {
  let after: number | null = null;
  for (;;) {
    let q = deps.db.selectFrom('audit_events').selectAll().orderBy('seq').limit(PAGE);
    if (after !== null) q = q.where('seq', '>', after);
    if (upTo !== null) q = q.where('seq', '<=', upTo);
    const rows = await q.execute();
    yield* rows;
    const last = rows.at(-1);
    if (rows.length < PAGE || !last) return;
    after = last.seq;
  }
}

function parseJson(text: string): { ok: true; value: unknown } | { ok: false } {
  try {
    return { ok: true, value: JSON.parse(text) };
  } catch {
    return { ok: false };
  }
}

/** Why the event stored at position `expected` does not hold, or null when it does. */
function fault(row: Row, expected: number, prevHash: string): string | null {
  if (row.seq !== expected) {
    return row.seq > expected
      ? `event ${expected} is missing: the next stored event is ${row.seq}`
      : `found an event numbered ${row.seq} where event ${expected} should be`;
  }
  const n = row.seq;
  const json = parseJson(row.payload);
  if (!json.ok) return `event ${n}'s payload is not valid JSON`;
  if (row.prev_hash !== prevHash) {
    const to = n === 1 ? 'the genesis hash' : `event ${n - 1}`;
    return `event ${n} does not chain to ${to}: its previous hash differs (removed, inserted or reordered events)`;
  }
  // The raw JSON is hashed, not the schema's output, which would drop keys someone added.
  const payloadJson = canonicalJson(json.value);
  if (eventHash(row.prev_hash, { seq: n, at: row.at, actor: row.actor, payloadJson }) !== row.hash) {
    return `event ${n}'s hash does not match its content: the event or its hash was edited`;
  }
  const payload = auditPayload.safeParse(json.value);
  if (!payload.success) return `event ${n}'s payload is not a valid audit event: ${payload.error.issues[0]?.message}`;
  const p = payload.data;
  const suggestionId = 'suggestionId' in p ? p.suggestionId : null;
  // kind and suggestion_id sit outside the hash; they must agree with the hashed payload they are copied from.
  if (row.kind !== p.kind || row.suggestion_id !== suggestionId) {
    return `event ${n}'s kind or suggestion column disagrees with its payload`;
  }
  return null;
}

/**
 * Walks the whole chain and names the first event that does not hold. `firstBad` is always the position in the
 * sequence where the chain first breaks: a missing event is named by its own (missing) seq, an edited event by its
 * seq, two swapped events by the lower seq, and newest events deleted by the first seq the head says exists but
 * does not. `events` counts the events that hold before it.
 */
export async function verifyAudit(deps: Deps): Promise<VerifyResult> {
  // Head and last seq in one statement: one snapshot on both dialects, so concurrent appends do not look like
  // tampering. Events appended after it lie beyond `head.seq` and are left to the next run.
  const ends = await sql<{ head_seq: number | null; head_hash: string | null; max_seq: number | null }>`
    select (select seq from audit_head where id = 1) as head_seq,
      (select hash from audit_head where id = 1) as head_hash,
      (select max(seq) from audit_events) as max_seq`.execute(deps.db);
  const { head_seq: headSeq, head_hash: headHash, max_seq: maxSeq } = ends.rows[0] ?? {};
  const head = headSeq == null || headHash == null ? null : { seq: Number(headSeq), hash: headHash };

  let good = 0;
  let prevHash = GENESIS_HASH;
  const bad = (firstBad: number, reason: string): VerifyResult => ({ ok: false, events: good, firstBad, reason });
  for await (const row of inSeqOrder(deps, head ? head.seq : null)) {
    const reason = fault(row, good + 1, prevHash);
    if (reason) return bad(good + 1, reason);
    good += 1;
    prevHash = row.hash;
  }

  if (!head) return bad(Math.max(good, 1), 'the audit head record is missing, so the end of the chain is unconfirmed');
  if (good < head.seq) {
    const missing = good + 1 === head.seq ? `event ${head.seq} is` : `events ${good + 1} to ${head.seq} are`;
    return bad(good + 1, `${missing} missing: the chain's head says it ends at event ${head.seq}`);
  }
  if (head.seq > 0 && prevHash !== head.hash) {
    return bad(head.seq, `the chain's head does not match event ${head.seq}: its hash differs`);
  }
  if (head.seq === 0 && head.hash !== GENESIS_HASH) return bad(1, 'the chain is empty but its head is not the genesis');
  if (maxSeq != null && Number(maxSeq) > head.seq) {
    return bad(head.seq + 1, `event ${head.seq + 1} lies beyond the chain's head, which ends at event ${head.seq}`);
  }
  return { ok: true, events: good };
}

export type ExportFormat = 'jsonl' | 'csv';

export const CSV_COLUMNS = ['seq', 'at', 'actor', 'kind', 'suggestionId', 'payload', 'prevHash', 'hash'] as const;

/** One CSV record per RFC 4180: a field holding a comma, quote, CR or LF is quoted with its quotes doubled. */
export function csvRecord(fields: readonly string[]): string {
  return fields.map((f) => (/[",\r\n]/.test(f) ? `"${f.replaceAll('"', '""')}"` : f)).join(',') + '\r\n';
}

/** An event as exported; a payload that is not JSON (a damaged row) is kept as its stored text. */
function exported(row: Row) {
  const json = parseJson(row.payload);
  return {
    seq: row.seq,
    at: new Date(row.at).toISOString(),
    actor: row.actor,
    kind: row.kind,
    suggestionId: row.suggestion_id,
    payload: json.ok ? json.value : row.payload,
    prevHash: row.prev_hash,
    hash: row.hash,
  };
}

/**
 * Streams every stored event in seq order, as JSON lines or CSV (the payload as its stored JSON text), without
 * checking the chain: damaged rows are exported as they are. Returns the number of events written.
 */
export async function exportAudit(
  deps: Deps,
  format: ExportFormat,
  write: (chunk: string) => void | Promise<void>,
): Promise<number> {
  if (format === 'csv') await write(csvRecord(CSV_COLUMNS));
  let n = 0;
  for await (const row of inSeqOrder(deps, null)) {
    const e = exported(row);
    await write(
      format === 'jsonl'
        ? JSON.stringify(e) + '\n'
        : csvRecord([String(e.seq), e.at, e.actor, e.kind, e.suggestionId ?? '', row.payload, e.prevHash, e.hash]),
    );
    n += 1;
  }
  return n;
}

export const auditListQuery = z.strictObject({
  suggestionId: z.string().min(1).max(64).optional(),
  /** The seq of the last event of the previous page; the next page starts after it in the chosen order. */
  afterSeq: z.number().int().nonnegative().optional(),
  /** Newest first by default: what someone reading the trail wants to see first. */
  order: z.enum(['oldest', 'newest']).default('newest'),
  limit: z.number().int().min(1).max(500).default(100),
});
export type AuditListQuery = z.input<typeof auditListQuery>;

function toEvent(row: Row): AuditEvent {
  const json = parseJson(row.payload);
  const payload = json.ok ? auditPayload.safeParse(json.value) : null;
  if (!payload?.success) throw new AppError('INTERNAL', `audit event ${row.seq} is damaged: run audit verify`);
  return {
    seq: row.seq,
    at: new Date(row.at).toISOString(),
    actor: row.actor,
    payload: payload.data,
    prevHash: row.prev_hash,
    hash: row.hash,
  };
}

/** A page of events, all or one suggestion's; `nextSeq` is the `afterSeq` of the next page, null on the last. */
export async function listAudit(
  deps: Deps,
  raw: AuditListQuery,
): Promise<{ events: AuditEvent[]; nextSeq: number | null }> {
  const q = parseInput(auditListQuery, raw);
  const newest = q.order === 'newest';
  let query = deps.db
    .selectFrom('audit_events')
    .selectAll()
    .orderBy('seq', newest ? 'desc' : 'asc')
    .limit(q.limit + 1);
  if (q.suggestionId !== undefined) query = query.where('suggestion_id', '=', q.suggestionId);
  if (q.afterSeq !== undefined) query = query.where('seq', newest ? '<' : '>', q.afterSeq);
  const rows = await query.execute();
  const page = rows.slice(0, q.limit);
  const more = rows.length > q.limit;
  return { events: page.map(toEvent), nextSeq: more ? (page.at(-1)?.seq ?? null) : null };
}
