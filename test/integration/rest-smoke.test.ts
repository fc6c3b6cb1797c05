import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { backends } from '../helpers/backends';
import { openHttpEnv, type HttpEnv } from '../helpers/http';
import { dealProposal } from '../helpers/people';

describe.each(await backends())('REST on $name', (backend) => {
  let h: HttpEnv;
  beforeAll(async () => {
    h = await openHttpEnv(backend);
  });
  afterAll(() => h.close());

  it('proposes, decides once, and refuses the second decision naming the winner', async () => {
    const p = await h.call(h.people.agent.token, 'POST', '/api/v1/suggestions', dealProposal());
    expect(p.status).toBe(201);
    const id = p.body.id;
    const d = await h.call(h.people.rep.token, 'POST', `/api/v1/suggestions/${id}/decisions`, { kind: 'approve' });
    expect(d.status).toBe(200);
    const d2 = await h.call(h.people.rep2.token, 'POST', `/api/v1/suggestions/${id}/decisions`, { kind: 'approve' });
    expect(d2.status).toBe(409);
    expect(d2.body.error.winner.byName).toBe('Dana');
  });

  it('answers 400 with the offending fields', async () => {
    const r = await h.call(h.people.agent.token, 'POST', '/api/v1/suggestions', { ...dealProposal(), confidence: 3 });
    expect(r.status).toBe(400);
    expect(Object.keys(r.body.error.fields)).toContain('confidence');
  });
});
