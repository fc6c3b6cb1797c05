import type { Selectable, Updateable } from 'kysely';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { backends, openCastEnv, type CastEnv } from '../../test/helpers/backends';
import { dealProposal } from '../../test/helpers/people';
import { GENESIS_HASH } from '../store/migrations';
import type { Database } from '../store/schema';
import {
  CSV_COLUMNS,
  csvRecord,
  exportAudit,
  exportAuditPage,
  listAudit,
  verifyAudit,
  type ExportFormat,
} from './audit';
import { auditedTx, eventHash } from './audit-log';
import { decide } from './decisions';
import { canonicalJson, sha256 } from './hash';
import { propose } from './suggestions';
import { revokeToken } from './users';

const AWKWARD_REASONS = ['Said "no, thanks" twice, then left', 'line one\nline two', 'comma, "quote"\r\nand CRLF'];

/** A minimal RFC 4180 reader, enough to check that what the export quotes comes back whole. */
function parseCsv(text: string): string[][] {
  const records: string[][] = [];
  let record: string[] = [];
  let field = '';
  let quoted = false;
  for (let i = 0; i < text.length; i++) {
    const c = text[i];
    if (quoted && c === '"' && text[i + 1] === '"') {
      field += '"';
      i++;
    } else if (c === '"') {
      quoted = !quoted;
    } else if (!quoted && c === ',') {
      record.push(field);
      field = '';
    } else if (!quoted && c === '\r' && text[i + 1] === '\n') {
      records.push([...record, field]);
      record = [];
      field = '';
      i++;
    } else {
      field += c;
    }
  }
  if (field || record.length) records.push([...record, field]);
  return records;
}

describe.each(await backends())('audit chain on $name', (backend) => {
  let env: CastEnv;
  let total: number;
  let awkwardId: string;
  let original: { rows: Selectable<Database['audit_events']>[]; head: { seq: number; hash: string } };

  beforeAll(async () => {
    env = await openCastEnv(backend);
    const { deps, people } = env;
    const a = (await propose(deps, people.agent.actor, dealProposal())).body;
    await decide(deps, people.rep.actor, a.id, { kind: 'approve' });
    await propose(deps, people.agent.actor, dealProposal({ confidence: 0.95 }));
    const b = (await propose(deps, people.agent.actor, dealProposal({ reasons: AWKWARD_REASONS }))).body;
    awkwardId = b.id;
    await decide(deps, people.rep.actor, b.id, { kind: 'reject', note: 'not, "yet"\nmaybe later' });
    if (people.rep2.actor.tokenId) await revokeToken(deps, people.admin.actor, people.rep2.actor.tokenId);
    const rows = await deps.db.selectFrom('audit_events').selectAll().orderBy('seq').execute();
    const head = await deps.db.selectFrom('audit_head').select(['seq', 'hash']).executeTakeFirstOrThrow();
    total = rows.length;
    original = { rows, head };
  });
  afterAll(() => env.close());

  // Each tamper test damages the chain; put the original rows back and make sure they verify again.
  afterEach(async () => {
    await env.deps.transact(async (tx) => {
      await tx.deleteFrom('audit_events').execute();
      await tx.insertInto('audit_events').values(original.rows).execute();
      await tx.updateTable('audit_head').set(original.head).where('id', '=', 1).execute();
    });
    expect(await verifyAudit(env.deps)).toEqual({ ok: true, events: total });
  });

  const edit = (seq: number, values: Updateable<Database['audit_events']>) =>
    env.deps.transact((tx) => tx.updateTable('audit_events').set(values).where('seq', '=', seq).execute());
  const expectBad = async (firstBad: number, reason: RegExp) => {
    const r = await verifyAudit(env.deps);
    expect(r).toMatchObject({ ok: false, firstBad, events: firstBad - 1 });
    expect(r.ok === false && r.reason).toMatch(reason);
  };

  it('verifies an untouched chain and counts its events', async () => {
    expect(total).toBeGreaterThanOrEqual(20);
    expect(await verifyAudit(env.deps)).toEqual({ ok: true, events: total });
  });

  it('walks a chain longer than one page, and still names a fault on a later page', async () => {
    await auditedTx(env.deps, async (_tx, log) => {
      for (let i = 0; i < 1_100; i++) {
        await log.append('system', { kind: 'user_created', userId: `u${i}`, name: `bulk ${i}`, role: 'rep' });
      }
    });
    expect(await verifyAudit(env.deps)).toEqual({ ok: true, events: total + 1_100 });
    expect(await exportAudit(env.deps, 'jsonl', () => {})).toBe(total + 1_100);
    await edit(1_050, { actor: 'someone else' });
    await expectBad(1_050, /event 1050's hash does not match/);
  });

  it('names an event whose payload was edited', async () => {
    const row = original.rows[12]!;
    await edit(row.seq, { payload: row.payload.replace('"', '"x') });
    await expectBad(row.seq, /hash does not match/);
  });

  it('names an event whose hash was edited', async () => {
    await edit(7, { hash: 'f'.repeat(64) });
    await expectBad(7, /hash does not match/);
  });

  it('names the event after one that was edited and rehashed, whose link no longer holds', async () => {
    const row = original.rows[9]!;
    const payload = { kind: 'user_created', userId: 'u-forged', name: 'Mallory', role: 'admin' };
    const payloadJson = canonicalJson(payload);
    const hash = eventHash(row.prev_hash, { seq: row.seq, at: row.at, actor: row.actor, payloadJson });
    await edit(row.seq, { payload: payloadJson, kind: 'user_created', suggestion_id: null, hash });
    await expectBad(row.seq + 1, /does not chain to event/);
  });

  it('names a column outside the hash that disagrees with the payload', async () => {
    await edit(3, { kind: 'policy_changed' });
    await expectBad(3, /kind or suggestion column/);
  });

  it('names the seq of a deleted middle event', async () => {
    await env.deps.transact((tx) => tx.deleteFrom('audit_events').where('seq', '=', 11).execute());
    await expectBad(11, /event 11 is missing/);
  });

  it('names the first of several deleted events', async () => {
    await env.deps.transact((tx) => tx.deleteFrom('audit_events').where('seq', 'in', [5, 6, 7]).execute());
    await expectBad(5, /event 5 is missing: the next stored event is 8/);
  });

  it('notices the newest event deleted, through the head', async () => {
    await env.deps.transact((tx) => tx.deleteFrom('audit_events').where('seq', '=', total).execute());
    await expectBad(total, new RegExp(`event ${total} is missing: the chain's head says it ends at event ${total}`));
  });

  it('notices an event appended without moving the head', async () => {
    await env.deps.transact((tx) =>
      tx
        .updateTable('audit_head')
        .set({ seq: total - 1, hash: original.rows[total - 2]!.hash })
        .execute(),
    );
    await expectBad(total, /beyond the chain's head/);
  });

  it('names the first of two swapped events', async () => {
    await env.deps.transact(async (tx) => {
      await tx.updateTable('audit_events').set({ seq: -1 }).where('seq', '=', 8).execute();
      await tx.updateTable('audit_events').set({ seq: 8 }).where('seq', '=', 14).execute();
      await tx.updateTable('audit_events').set({ seq: 14 }).where('seq', '=', -1).execute();
    });
    await expectBad(8, /event 8 does not chain to event 7/);
  });

  const exportAs = async (format: ExportFormat) => {
    let out = '';
    const n = await exportAudit(env.deps, format, (chunk) => {
      out += chunk;
    });
    expect(n).toBe(total);
    return out;
  };

  it('exports JSON lines from which the chain can be recomputed', async () => {
    const lines = (await exportAs('jsonl')).split('\n');
    expect(lines.pop()).toBe('');
    expect(lines).toHaveLength(total);
    let prev = GENESIS_HASH;
    for (const [i, line] of lines.entries()) {
      const e = JSON.parse(line);
      expect(Object.keys(e)).toEqual([...CSV_COLUMNS]);
      expect(e).toMatchObject({ seq: i + 1, prevHash: prev, kind: e.payload.kind });
      // The documented formula, computed here on its own: an export can be checked without this code base.
      const envelope = { seq: e.seq, at: Date.parse(e.at), actor: e.actor, payload: e.payload };
      expect(sha256(prev + canonicalJson(envelope))).toBe(e.hash);
      prev = e.hash;
    }
    expect(prev).toBe(original.head.hash);
  });

  it('exports CSV with a header and one record per event, whatever the payload holds', async () => {
    const text = await exportAs('csv');
    const [header, ...records] = parseCsv(text);
    expect(header).toEqual([...CSV_COLUMNS]);
    expect(records).toHaveLength(total);
    expect(records.every((r) => r.length === CSV_COLUMNS.length)).toBe(true);
    expect(records.map((r) => Number(r[0]))).toEqual(original.rows.map((r) => r.seq));
    const proposed = records.find((r) => r[3] === 'proposed' && r[4] === awkwardId);
    expect(JSON.parse(proposed![5]!).input.reasons).toEqual(AWKWARD_REASONS);
    const decided = records.find((r) => r[3] === 'decided' && r[4] === awkwardId);
    expect(JSON.parse(decided![5]!).note).toBe('not, "yet"\nmaybe later');
  });

  it("puts the proposal's confidence beside each decision in the export, outside the hashed event", async () => {
    const lines = (await exportAs('jsonl'))
      .trim()
      .split('\n')
      .map((l) => JSON.parse(l));
    const proposed = new Map(
      lines.filter((e) => e.kind === 'proposed').map((e) => [e.suggestionId, e.payload.input.confidence]),
    );
    const decided = lines.filter((e) => e.kind === 'decided');
    expect(decided.map((e) => e.confidence).sort()).toEqual([0.82, 0.82, 0.95]);
    for (const e of decided) expect(e.confidence).toBe(proposed.get(e.suggestionId));
    expect(lines.filter((e) => e.kind !== 'decided').every((e) => e.confidence === null)).toBe(true);
    expect(decided.every((e) => !('confidence' in e.payload))).toBe(true);

    const [, ...records] = parseCsv(await exportAs('csv'));
    const at = CSV_COLUMNS.indexOf('confidence');
    expect(records.find((r) => r[3] === 'decided' && r[4] === awkwardId)?.[at]).toBe('0.82');
    expect(records.find((r) => r[3] === 'proposed' && r[4] === awkwardId)?.[at]).toBe('');
  });

  it("exports in stretches that join into the whole export, or one suggestion's history alone", async () => {
    for (const format of ['jsonl', 'csv'] as const) {
      let text = '';
      let afterSeq: number | undefined;
      let stretches = 0;
      do {
        const page = await exportAuditPage(env.deps, { format, limit: 7, afterSeq });
        text += page.text;
        stretches += 1;
        afterSeq = page.nextSeq ?? undefined;
      } while (afterSeq !== undefined);
      expect(stretches).toBe(Math.ceil(total / 7));
      expect(text).toBe(await exportAs(format));
    }
    const one = await exportAuditPage(env.deps, { format: 'jsonl', suggestionId: awkwardId });
    const events = one.text
      .trim()
      .split('\n')
      .map((l) => JSON.parse(l));
    expect(events.map((e) => e.kind)).toEqual(['proposed', 'routed', 'decided']);
    expect(events[2]).toMatchObject({ suggestionId: awkwardId, confidence: 0.82 });
    expect(one).toMatchObject({ events: 3, nextSeq: null });
  });

  it('quotes raw commas, quotes and line breaks in CSV fields', () => {
    const fields = ['plain', 'a,b', 'say "hi"', 'two\nlines', 'cr\r\nlf', ''];
    expect(csvRecord(fields)).toBe('plain,"a,b","say ""hi""","two\nlines","cr\r\nlf",\r\n');
    expect(parseCsv(csvRecord(fields))).toEqual([fields]);
  });

  it('lists events oldest or newest first, a page at a time, optionally for one suggestion', async () => {
    const first = await listAudit(env.deps, { order: 'oldest', limit: 10 });
    expect(first.events.map((e) => e.seq)).toEqual([1, 2, 3, 4, 5, 6, 7, 8, 9, 10]);
    const second = await listAudit(env.deps, { order: 'oldest', limit: 10, afterSeq: first.nextSeq! });
    expect(second.events[0]?.seq).toBe(11);
    const newest = await listAudit(env.deps, { order: 'newest', limit: 3 });
    expect(newest.events.map((e) => e.seq)).toEqual([total, total - 1, total - 2]);
    const older = await listAudit(env.deps, { order: 'newest', limit: 3, afterSeq: newest.nextSeq! });
    expect(older.events[0]?.seq).toBe(total - 3);
    const one = await listAudit(env.deps, { suggestionId: awkwardId, order: 'oldest', limit: 50 });
    expect(one.events.map((e) => e.payload.kind)).toEqual(['proposed', 'routed', 'decided']);
    expect(one.nextSeq).toBeNull();
  });

  it('refuses a bad list query field by field', async () => {
    await expect(listAudit(env.deps, { limit: 0 })).rejects.toMatchObject({
      code: 'BAD_INPUT',
      details: { fields: { limit: expect.any(Array) } },
    });
  });
});
