import { CompiledQuery, sql } from 'kysely';
import type { AuditPayload } from '../../lib/schemas/audit';
import type { Deps, Tx } from './deps';
import type { Notification } from '../store/pg-relay';
import { preparedInsert, preparedUpdate } from '../store/prepared';
import { CHANGES_CHANNEL, type Change } from './events';
import { canonicalJson, sha256 } from './hash';

/**
 * The hash of one event: over the previous hash and the canonical JSON of `{ seq, at, actor, payload }`, given the
 * payload's own canonical JSON. The payload is spliced in, keys in RFC 8785 order, rather than canonicalised again.
 */
export function eventHash(
  prevHash: string,
  e: { seq: number; at: number; actor: string; payloadJson: string },
): string {
  const [actor, at, seq] = [canonicalJson(e.actor), canonicalJson(e.at), canonicalJson(e.seq)];
  return sha256(`${prevHash}{"actor":${actor},"at":${at},"payload":${e.payloadJson},"seq":${seq}}`);
}

const insertEvent = preparedInsert('audit_events');
const updateHead = preparedUpdate('audit_head');
/** Takes the chain's head for this transaction: the same SQL on both databases. */
const LOCK_HEAD = CompiledQuery.raw('update audit_head set seq = seq where id = 1 returning seq, hash');

/** Appends events to the chain inside the transaction that makes the change they record. */
export class AuditLog {
  private dirty = false;
  /** What listeners hear once the transaction commits: the suggestions it changed, the tokens it revoked. */
  readonly changed: Change[] = [];
  readonly revokedTokens: string[] = [];
  /** The sequence of the event that changed the policy, if this transaction did. */
  policySeq: number | null = null;

  constructor(
    private readonly tx: Tx,
    private seq: number,
    private hash: string,
    readonly at: number,
  ) {}

  /** Appends an event and returns its sequence number. */
  async append(actor: string, payload: AuditPayload): Promise<number> {
    const seq = this.seq + 1;
    const payloadJson = canonicalJson(payload);
    const hash = eventHash(this.hash, { seq, at: this.at, actor, payloadJson });
    await insertEvent(this.tx, {
      seq,
      at: this.at,
      actor,
      kind: payload.kind,
      suggestion_id: 'suggestionId' in payload ? payload.suggestionId : null,
      payload: payloadJson,
      prev_hash: this.hash,
      hash,
    });
    this.seq = seq;
    this.hash = hash;
    this.dirty = true;
    return seq;
  }

  async close() {
    if (!this.dirty) return;
    await updateHead(this.tx, { seq: this.seq, hash: this.hash }, { id: 1 });
  }
}

/**
 * Runs `fn` in one transaction whose first statement locks the audit chain's head. Every audited write goes through
 * here, so writers are ordered by that one lock (no deadlocks, no forked chain), and on SQLite the write lock is taken
 * up front rather than upgraded from a read. On SQLite the transaction may share its commit with others that arrived
 * with it (`GroupCommit`); it is still all or nothing. Change notifications go out only after the commit.
 */
export async function auditedTx<T>(deps: Deps, fn: (tx: Tx, log: AuditLog) => Promise<T>): Promise<T> {
  let log: AuditLog | undefined;
  const result = await deps.transact(async (tx) => {
    const head = await tx.executeQuery<{ seq: number; hash: string }>(LOCK_HEAD);
    const row = head.rows[0];
    if (!row) throw new Error('audit head is missing: the database was not migrated');
    log = new AuditLog(tx, Number(row.seq), row.hash, deps.clock.now());
    const r = await fn(tx, log);
    await log.close();
    const heard = log.changed.length > 0 || log.revokedTokens.length > 0 || log.policySeq !== null;
    if (deps.dialect === 'postgres' && heard) {
      // Inside the transaction: delivered to the other instances only if it commits.
      const payload: Notification = {
        origin: deps.events.origin,
        changes: log.changed,
        revokedTokens: log.revokedTokens,
        policySeq: log.policySeq,
      };
      await sql`select pg_notify(${CHANGES_CHANNEL}, ${JSON.stringify(payload)})`.execute(tx);
    }
    return r;
  });
  if (log?.revokedTokens.length) deps.events.revoked(log.revokedTokens);
  if (log?.policySeq != null) deps.events.policyChanged(log.policySeq);
  for (const e of log?.changed ?? []) deps.events.emit(e);
  return result;
}
