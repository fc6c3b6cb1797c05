import { randomUUID } from 'node:crypto';
import Sqlite from 'better-sqlite3';
import { CompiledQuery, type Kysely } from 'kysely';
import { eventHash } from '../server/services/audit-log';
import { canonicalJson, hashOf } from '../server/services/hash';
import type { Database } from '../server/store/schema';
import { decision, ownCpuMs, proposal, type Layer } from './workload';

/** Plain SQL with positional parameters, inside one transaction. */
interface Query {
  get<T>(sql: string, params?: unknown[]): Promise<T | undefined>;
  /** Returns the number of rows changed. */
  run(sql: string, params?: unknown[]): Promise<number>;
}

interface Runner {
  transaction<T>(fn: (q: Query) => Promise<T>): Promise<T>;
  close(): Promise<void>;
}

/** better-sqlite3 with the server's pragmas and every statement prepared once. */
export function betterSqlite(path: string): Runner {
  const db = new Sqlite(path);
  db.pragma('journal_mode = WAL');
  db.pragma('synchronous = FULL');
  db.pragma('busy_timeout = 5000');
  db.pragma('foreign_keys = ON');
  const prepared = new Map<string, Sqlite.Statement>();
  const stmt = (sql: string) => {
    let s = prepared.get(sql);
    if (!s) prepared.set(sql, (s = db.prepare(sql)));
    return s;
  };
  const q: Query = {
    get: async <T>(sql: string, params: unknown[] = []) => stmt(sql).get(...params) as T | undefined,
    run: async (sql, params = []) => stmt(sql).run(...params).changes,
  };
  return {
    // One caller at a time (the layer's concurrency is 1), so a plain BEGIN and COMMIT around awaits is safe.
    async transaction(fn) {
      stmt('begin').run();
      try {
        const r = await fn(q);
        stmt('commit').run();
        return r;
      } catch (e) {
        stmt('rollback').run();
        throw e;
      }
    },
    close: async () => void db.close(),
  };
}

/** The same SQL text through Kysely's driver and transaction, without its query builder. */
export function kyselyRaw(db: Kysely<Database>, close: () => Promise<void>): Runner {
  return {
    transaction: (fn) =>
      db.transaction().execute((tx) =>
        fn({
          get: async <T>(sql: string, params: unknown[] = []) =>
            (await tx.executeQuery<T>(CompiledQuery.raw(sql, params))).rows[0],
          run: async (sql, params = []) =>
            Number((await tx.executeQuery(CompiledQuery.raw(sql, params))).numAffectedRows ?? 0),
        }),
      ),
    close,
  };
}

type Payload = { kind: string; suggestionId: string } & Record<string, unknown>;

/** An insert of the object's keys as columns; the same keys give the same SQL text, so it is prepared once. */
const insert = (table: string, row: Record<string, unknown>) => {
  const columns = Object.keys(row);
  const sql = `insert into ${table} (${columns.join(', ')}) values (${columns.map(() => '?').join(', ')})`;
  return [sql, Object.values(row)] as const;
};

/**
 * The rows the services write, in the same transactions: the chain's head locked first, the idempotency check and
 * record, audit events with their hash chain, the suggestion insert or compare-and-set, the decision row, the head
 * written back. Only the reads that are needed to write are made; no input parsing, no answer assembled. The file
 * must hold the migrated schema and the users already.
 */
export function storeLayer(
  name: string,
  runner: Runner,
  concurrency: number,
  agentId: string,
  repIds: string[],
): Layer {
  const audited = <T>(
    fn: (q: Query, append: (actor: string, p: Payload) => Promise<number>, at: number) => Promise<T>,
  ) =>
    runner.transaction(async (q) => {
      const head = await q.get<{ seq: number; hash: string }>(
        'update audit_head set seq = seq where id = 1 returning seq, hash',
      );
      if (!head) throw new Error('audit head is missing');
      const at = Date.now();
      let { seq, hash } = head;
      const append = async (actor: string, p: Payload) => {
        const payload = canonicalJson(p);
        const next = eventHash(hash, { seq: seq + 1, at, actor, payloadJson: payload });
        const event = { seq: seq + 1, at, actor, kind: p.kind, suggestion_id: p.suggestionId };
        await q.run(...insert('audit_events', { ...event, payload, prev_hash: hash, hash: next }));
        seq += 1;
        hash = next;
        return seq;
      };
      const r = await fn(q, append, at);
      if (seq !== Number(head.seq)) await q.run('update audit_head set seq = ?, hash = ? where id = 1', [seq, hash]);
      return r;
    });
  const findKey = (q: Query, userId: string, key: string) =>
    q.get<{ response: string }>('select * from idempotency where user_id = ? and key = ?', [userId, key]);
  const saveKey = (q: Query, user_id: string, key: string, request: unknown, status: number, response: unknown) =>
    q.run(
      ...insert('idempotency', {
        user_id,
        key,
        request_hash: hashOf(request),
        status,
        response: JSON.stringify(response),
        created_at: Date.now(),
      }),
    );

  const propose = (i: number) =>
    audited(async (q, append, at) => {
      const key = `p-${i}`;
      const input = { ...proposal(i), priority: 'normal' };
      const prior = await findKey(q, agentId, key);
      if (prior) return (JSON.parse(prior.response) as { id: string }).id;
      const id = randomUUID();
      const expiresAt = at + 24 * 3600 * 1000;
      const reason = { rule: 'threshold.review', detail: 'confidence 0.82 ≥ review threshold 0.7, below auto 0.9' };
      const createdSeq = await append(agentId, { kind: 'proposed', suggestionId: id, input });
      const seq = await append('system', {
        kind: 'routed',
        suggestionId: id,
        lane: 'review',
        tier: 'rep',
        reason,
        expiresAt: new Date(expiresAt).toISOString(),
        timeoutAction: 'reject',
      });
      const row = {
        id,
        type: input.type,
        crm: input.record.crm,
        object_type: input.record.objectType,
        record_id: input.record.id,
        record_name: input.record.name ?? null,
        change_set: JSON.stringify({ changes: input.changes }),
        reasons: JSON.stringify(input.reasons),
        context: JSON.stringify(input.context),
        confidence: input.confidence,
        impact: JSON.stringify(input.impact),
        amount: input.impact?.amount ?? 0,
        proposed_by: agentId,
        priority: input.priority,
        assignee_user: null,
        assignee_team: null,
        lane: 'review',
        tier: 'rep',
        routing_rule: reason.rule,
        routing_detail: reason.detail,
        status: 'pending',
        version: 1,
        expires_at: expiresAt,
        timeout_action: 'reject',
        condition: null,
        approvals: '[]',
        final_change_set: null,
        final_hash: null,
        outcome: null,
        created_at: at,
        updated_at: at,
        created_seq: createdSeq,
        last_seq: seq,
      };
      await q.run(...insert('suggestions', row));
      await saveKey(q, agentId, key, { op: 'propose', input }, 201, row);
      return id;
    });

  const decide = (id: string, i: number, client: number) =>
    audited(async (q, append, at) => {
      const actor = repIds[client % repIds.length]!;
      const key = `d-${i}`;
      const input = decision(i);
      if (await findKey(q, actor, key)) return;
      const row = await q.get<{ status: string; version: number; change_set: string }>(
        'select * from suggestions where id = ?',
        [id],
      );
      if (!row || row.status !== 'pending') throw new Error(`${name}: ${id} is not pending`);
      const status = input.kind === 'approve' ? 'approved' : 'rejected';
      const final = input.kind === 'approve' ? row.change_set : null;
      const finalHash = final ? hashOf(JSON.parse(final)) : null;
      const decisionId = randomUUID();
      const seq = await append(actor, {
        kind: 'decided',
        suggestionId: id,
        decisionId,
        decision: input.kind,
        note: input.note,
        condition: null,
        status,
        finalChangeSet: final ? (JSON.parse(final) as unknown) : null,
        finalHash,
      });
      const approvals = final ? JSON.stringify([{ by: actor, hash: finalHash }]) : '[]';
      const changed = await q.run(
        `update suggestions set status = ?, approvals = ?, final_change_set = ?, final_hash = ?, version = ?,
           updated_at = ?, last_seq = ? where id = ? and version = ? and status = ?`,
        [status, approvals, final, finalHash, row.version + 1, at, seq, id, row.version, row.status],
      );
      if (changed !== 1) throw new Error(`${name}: ${id} changed under the decision`);
      const decided = { id: decisionId, suggestion_id: id, seq, kind: input.kind, actor_id: actor, note: input.note };
      const rest = { condition: null, opened_ms: null, final_change_set: final, final_hash: finalHash, created_at: at };
      await q.run(...insert('decisions', { ...decided, ...rest }));
      const response = { ...row, status, decisions: [{ id: decisionId, kind: input.kind }] };
      await saveKey(q, actor, key, { op: 'decide', suggestionId: id, input }, 200, response);
    });

  return {
    name,
    concurrency,
    propose: (i) => propose(i),
    decide: (id, i, client) => decide(id, i, client),
    cpuMs: ownCpuMs,
    close: () => runner.close(),
  };
}
