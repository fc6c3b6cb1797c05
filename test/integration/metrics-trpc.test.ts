import { TRPCClientError } from '@trpc/client';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { backends } from '../helpers/backends';
import { openHttpEnv, trpcClient as client, type HttpEnv } from '../helpers/http';
import { dealProposal } from '../helpers/people';

describe.each(await backends())('metrics over tRPC on $name', (backend) => {
  let h: HttpEnv;
  beforeAll(async () => {
    h = await openHttpEnv(backend);
    const res = await h.call(h.people.agent.token, 'POST', '/api/v1/suggestions', dealProposal({ confidence: 0.95 }));
    expect(res.status).toBe(201);
    h.clock.advance(60_000); // the window ends now, exclusive
  });
  afterAll(() => h.close());

  it.each(['rep', 'rep2', 'manager', 'agent'] as const)('refuses metrics.get to the %s with 403', async (who) => {
    const { api, seen } = client(h, h.people[who].token);
    const error = await api.metrics.get.query({ weeks: 4 }).then(
      () => null,
      (e: unknown) => e,
    );
    expect(error).toBeInstanceOf(TRPCClientError);
    expect((error as TRPCClientError<never>).data).toMatchObject({ code: 'FORBIDDEN', appCode: 'FORBIDDEN' });
    expect(seen.status).toBe(403);
  });

  it('answers an admin, with the window and the counts', async () => {
    const { api } = client(h, h.people.admin.token);
    const report = await api.metrics.get.query();
    expect(report.overall).toMatchObject({ proposals: 1, auto: 1, autoRate: 1 });
    expect(Date.parse(report.window.to) - Date.parse(report.window.from)).toBe(28 * 24 * 3600 * 1000);
  });

  it('refuses a bad window field by field', async () => {
    const { api, seen } = client(h, h.people.admin.token);
    const error = (await api.metrics.get.query({ weeks: 0 }).catch((e: unknown) => e)) as TRPCClientError<never>;
    expect(seen.status).toBe(400);
    expect(error.data).toMatchObject({ appCode: 'BAD_INPUT', details: { fields: { weeks: expect.any(Array) } } });
  });
});
