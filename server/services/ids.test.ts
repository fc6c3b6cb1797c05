import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { backends, openCastEnv, type CastEnv } from '../../test/helpers/backends';
import { dealProposal } from '../../test/helpers/people';
import { decide } from './decisions';
import { newId } from './ids';
import { propose } from './suggestions';

const VERSION_7 = /^[0-9a-f]{8}-[0-9a-f]{4}-7[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/;
const sorted = (ids: string[]) => [...ids].sort();

describe('new ids', () => {
  it('are RFC 9562 version 7 UUIDs, distinct, and sort in the order they were made, within one millisecond too', () => {
    const ids = Array.from({ length: 5_000 }, () => newId());
    for (const id of ids) expect(id).toMatch(VERSION_7);
    expect(new Set(ids).size).toBe(ids.length);
    expect(sorted(ids)).toEqual(ids);
  });
});

describe.each(await backends())('the ids of suggestions and decisions on $name', (backend) => {
  let env: CastEnv;
  beforeAll(async () => {
    env = await openCastEnv(backend);
  });
  afterAll(() => env.close());

  it('sort in the order the suggestions were proposed and the decisions taken, also when they share a commit', async () => {
    const { agent, rep } = env.people;
    await Promise.all(Array.from({ length: 20 }, () => propose(env.deps, agent.actor, dealProposal())));
    const items = await env.deps.db.selectFrom('suggestions').select('id').orderBy('created_seq').execute();
    expect(items).toHaveLength(20);
    expect(sorted(items.map((s) => s.id))).toEqual(items.map((s) => s.id));

    await Promise.all(items.map((s) => decide(env.deps, rep.actor, s.id, { kind: 'reject', note: 'not now' })));
    const decisions = await env.deps.db.selectFrom('decisions').select(['id', 'seq']).orderBy('seq').execute();
    expect(decisions).toHaveLength(20);
    for (const d of decisions) expect(d.id).toMatch(VERSION_7);
    expect(sorted(decisions.map((d) => d.id))).toEqual(decisions.map((d) => d.id));
  });
});
