import { sql, type Selectable } from 'kysely';
import { auditPayload, type AuditEvent, type VerifyResult } from '../../lib/schemas/audit';
import {
  auditExportQuery,
  auditListQuery,
  type AuditExportPage,
  type AuditExportQuery,
  type AuditListQuery,
  type AuditPage,
  type ExportFormat,
} from '../../lib/schemas/audit-query';
import { GENESIS_HASH } from '../store/migrations';
import type { Database } from '../store/schema';
import { eventHash } from './audit-log';
import { canonicalJson } from './hash';
import type { Deps } from './deps';
import { AppError } from './errors';
import { parseInput } from './parse';

type Row = Selectable<Database['audit_events']>;

const PAGE = 500;

/**
 * Events in seq order, read a page at a time so that a long chain never sits in memory whole. The pages come from the
 * report reader, so that between two of them the event loop serves requests (on SQLite the reads run in their own
 * thread and each page is a real wait).
 */
async function* inSeqOrder(deps: Deps, upTo: number | null): AsyncGenerator<Row> {
  let after: number | null = null;
  for (;;) {
    let q = deps.reports.selectFrom('audit_events').selectAll().orderBy('seq').limit(PAGE);
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
      (select max(seq) from audit_events) as max_seq`.execute(deps.reports);
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

export type { ExportFormat };
export { auditListQuery, type AuditListQuery };

export const CSV_COLUMNS = [
  'seq',
  'at',
  'actor',
  'kind',
  'suggestionId',
  'payload',
  'prevHash',
  'hash',
  'confidence',
] as const;

/** One CSV record per RFC 4180: a field holding a comma, quote, CR or LF is quoted with its quotes doubled. */
export function csvRecord(fields: readonly string[]): string {
  return fields.map((f) => (/[",\r\n]/.test(f) ? `"${f.replaceAll('"', '""')}"` : f)).join(',') + '\r\n';
}

/**
 * The AI's confidence in each proposal that one of `rows` decides, read from its `proposed` event (hashed in the
 * chain), so that an exported decision carries it without the decided event itself changing.
 */
async function confidenceOfDecided(deps: Deps, rows: readonly Row[]): Promise<Map<string, number>> {
  const ids = [...new Set(rows.flatMap((r) => (r.kind === 'decided' && r.suggestion_id ? [r.suggestion_id] : [])))];
  const found = new Map<string, number>();
  if (ids.length === 0) return found;
  const proposed = await deps.db
    .selectFrom('audit_events')
    .select(['suggestion_id', 'payload'])
    .where('kind', '=', 'proposed')
    .where('suggestion_id', 'in', ids)
    .execute();
  for (const p of proposed) {
    const json = parseJson(p.payload);
    const input = json.ok ? (json.value as { input?: { confidence?: unknown } } | null)?.input : undefined;
    if (p.suggestion_id && typeof input?.confidence === 'number') found.set(p.suggestion_id, input.confidence);
  }
  return found;
}

/**
 * An event as exported: a payload that is not JSON (a damaged row) is kept as its stored text. `confidence` is
 * derived, outside the hashed event: on a decided event, the confidence of the proposal it decides; null elsewhere.
 */
function exported(row: Row, confidence: Map<string, number>) {
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
    confidence: row.kind === 'decided' && row.suggestion_id ? (confidence.get(row.suggestion_id) ?? null) : null,
  };
}

function exportLine(row: Row, format: ExportFormat, confidence: Map<string, number>): string {
  const e = exported(row, confidence);
  if (format === 'jsonl') return JSON.stringify(e) + '\n';
  const fields = [String(e.seq), e.at, e.actor, e.kind, e.suggestionId ?? '', row.payload, e.prevHash, e.hash];
  return csvRecord([...fields, e.confidence === null ? '' : String(e.confidence)]);
}

/**
 * A stretch of the export, oldest first, without checking the chain (damaged rows are exported as they are): all
 * events or one suggestion's, after `afterSeq`. The CSV header leads the first stretch only.
 */
export async function exportAuditPage(deps: Deps, raw: AuditExportQuery): Promise<AuditExportPage> {
  const q = parseInput(auditExportQuery, raw);
  let query = deps.db
    .selectFrom('audit_events')
    .selectAll()
    .orderBy('seq')
    .limit(q.limit + 1);
  if (q.suggestionId !== undefined) query = query.where('suggestion_id', '=', q.suggestionId);
  if (q.afterSeq !== undefined) query = query.where('seq', '>', q.afterSeq);
  const rows = await query.execute();
  const page = rows.slice(0, q.limit);
  const confidence = await confidenceOfDecided(deps, page);
  const header = q.format === 'csv' && q.afterSeq === undefined ? csvRecord(CSV_COLUMNS) : '';
  return {
    text: header + page.map((row) => exportLine(row, q.format, confidence)).join(''),
    events: page.length,
    nextSeq: rows.length > q.limit ? (page.at(-1)?.seq ?? null) : null,
  };
}

/**
 * Streams every stored event in seq order, as JSON lines or CSV (the payload as its stored JSON text), a page at a
 * time, without checking the chain. Returns the number of events written.
 */
export async function exportAudit(
  deps: Deps,
  format: ExportFormat,
  write: (chunk: string) => void | Promise<void>,
): Promise<number> {
  let n = 0;
  let afterSeq: number | undefined;
  for (;;) {
    const page = await exportAuditPage(deps, { format, afterSeq, limit: PAGE });
    if (page.text) await write(page.text);
    n += page.events;
    if (page.nextSeq === null) return n;
    afterSeq = page.nextSeq;
  }
}

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
export async function listAudit(deps: Deps, raw: AuditListQuery): Promise<AuditPage> {
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
