import { TRPCClientError } from '@trpc/client';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { exportAudit } from '../../server/services/audit';
import { backends } from '../helpers/backends';
import { openHttpEnv, trpcClient as client, type HttpEnv } from '../helpers/http';
import { dealProposal } from '../helpers/people';

describe.each(await backends())('the audit trail over tRPC on $name', (backend) => {
  let h: HttpEnv;
  let reviewedId: string;
  beforeAll(async () => {
    h = await openHttpEnv(backend);
    const propose = (over: Record<string, unknown>) =>
      h.call(h.people.agent.token, 'POST', '/api/v1/suggestions', dealProposal(over));
    expect((await propose({ confidence: 0.95 })).status).toBe(201);
    const reviewed = await propose({ confidence: 0.74, reasons: ['<img src=x onerror=alert(1)>'] });
    reviewedId = reviewed.body.id;
    const decided = await h.call(
      h.people.rep.token,
      'POST',
      `/api/v1/suggestions/${reviewedId}/decisions`,
      { kind: 'reject', note: 'not, "yet"\nlater' },
      { 'idempotency-key': 'k-audit-1' },
    );
    expect(decided.status).toBe(200);
  });
  afterAll(() => h.close());

  const refusal = async (call: Promise<unknown>) =>
    (await call.then(
      () => null,
      (e: unknown) => e,
    )) as unknown;

  it.each(['rep', 'manager', 'agent'] as const)(
    'refuses audit.list and audit.export to the %s with 403',
    async (who) => {
      const { api, seen } = client(h, h.people[who].token);
      for (const call of [() => api.audit.list.query({}), () => api.audit.export.query({ format: 'csv' })]) {
        seen.status = 0;
        const error = await refusal(call());
        expect(error).toBeInstanceOf(TRPCClientError);
        expect((error as TRPCClientError<never>).data).toMatchObject({ code: 'FORBIDDEN', appCode: 'FORBIDDEN' });
        expect(seen.status).toBe(403);
      }
    },
  );

  it("gives an admin the export in stretches that join into the CLI's export", async () => {
    const { api } = client(h, h.people.admin.token);
    for (const format of ['jsonl', 'csv'] as const) {
      let cli = '';
      const total = await exportAudit(h.deps, format, (chunk) => {
        cli += chunk;
      });
      let text = '';
      let afterSeq: number | undefined;
      let events = 0;
      do {
        const page = await api.audit.export.query({ format, limit: 3, ...(afterSeq ? { afterSeq } : {}) });
        text += page.text;
        events += page.events;
        afterSeq = page.nextSeq ?? undefined;
      } while (afterSeq !== undefined);
      expect(events).toBe(total);
      expect(text).toBe(cli);
    }
  });

  it("exports one suggestion's history with the proposal's confidence beside the decision", async () => {
    const { api } = client(h, h.people.admin.token);
    const page = await api.audit.export.query({ format: 'jsonl', suggestionId: reviewedId });
    const events = page.text
      .trim()
      .split('\n')
      .map((l) => JSON.parse(l));
    expect(events.map((e) => e.kind)).toEqual(['proposed', 'routed', 'decided']);
    expect(events[2]).toMatchObject({ confidence: 0.74, payload: { decision: 'reject', note: 'not, "yet"\nlater' } });
    expect(page.nextSeq).toBeNull();
  });

  it('lists the trail for an admin, newest first, and one history oldest first', async () => {
    const { api } = client(h, h.people.admin.token);
    const newest = await api.audit.list.query({ limit: 2 });
    const older = await api.audit.list.query({ limit: 2, afterSeq: newest.nextSeq! });
    expect(newest.events.map((e) => e.payload.kind)).toEqual(['decided', 'routed']);
    expect(older.events[0]!.seq).toBe(newest.events[1]!.seq - 1);
    const one = await api.audit.list.query({ suggestionId: reviewedId, order: 'oldest' });
    expect(one.events.map((e) => e.payload.kind)).toEqual(['proposed', 'routed', 'decided']);
  });

  it('refuses a bad export query field by field', async () => {
    const { api, seen } = client(h, h.people.admin.token);
    const error = (await refusal(api.audit.export.query({ format: 'csv', limit: 100_000 }))) as TRPCClientError<never>;
    expect(seen.status).toBe(400);
    expect(error.data).toMatchObject({ appCode: 'BAD_INPUT', details: { fields: { limit: expect.any(Array) } } });
  });
});
