import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { backends, openCastEnv, type CastEnv } from '../../test/helpers/backends';
import { dealProposal } from '../../test/helpers/people';
import { decide } from './decisions';
import { reportOutcome } from './follow-ups';
import { changesSince, propose } from './suggestions';

const HOUR = 3_600_000;

describe.each(await backends())('the delta feed on $name', (backend) => {
  let env: CastEnv;
  const ids: Record<string, string> = {};
  beforeAll(async () => {
    env = await openCastEnv(backend);
    const { agent, rep } = env.people;
    const make = async (name: string) => (ids[name] = (await propose(env.deps, agent.actor, dealProposal())).body.id);
    // Two hours ago: one rejected, one approved whose execution then failed, one still open.
    for (const name of ['rejected-long-ago', 'failed-long-ago', 'open-long-ago']) await make(name);
    await decide(env.deps, rep.actor, ids['rejected-long-ago']!, { kind: 'reject', note: 'no' });
    await decide(env.deps, rep.actor, ids['failed-long-ago']!, { kind: 'approve' });
    await reportOutcome(env.deps, agent.actor, ids['failed-long-ago']!, { ok: false, detail: 'CRM refused' });
    env.clock.advance(2 * HOUR);
    await make('rejected-just-now');
    await decide(env.deps, rep.actor, ids['rejected-just-now']!, { kind: 'reject', note: 'no' });
    await make('open-just-now');
  });
  afterAll(() => env.close());

  const closedAfter = () => env.clock.now() - HOUR;
  const named = (items: { id: string }[]) =>
    items.map((i) => Object.keys(ids).find((name) => ids[name] === i.id)).sort();

  it('leaves out, on a first sync, what closed before the time given, and keeps what is open or back with a person', async () => {
    const { rep } = env.people;
    const all = await changesSince(env.deps, rep.actor, 0);
    expect(named(all.items)).toHaveLength(5);
    const first = await changesSince(env.deps, rep.actor, 0, 200, closedAfter());
    expect(named(first.items)).toEqual(['failed-long-ago', 'open-just-now', 'open-long-ago', 'rejected-just-now']);
    expect(first.more).toBe(false);
    // The cursor is past everything, what was left out included: the next delta has nothing old to send.
    expect(first.cursor).toBe(all.cursor);
    expect((await changesSince(env.deps, rep.actor, first.cursor)).items).toEqual([]);
  });

  it('pages the first sync like any other, and moves past what it left out only on its last page', async () => {
    const { rep } = env.people;
    const pages: string[][] = [];
    let cursor = 0;
    for (;;) {
      const page = await changesSince(env.deps, rep.actor, cursor, 1, closedAfter());
      pages.push(named(page.items) as string[]);
      expect(page.cursor).toBeGreaterThan(cursor);
      cursor = page.cursor;
      if (!page.more) break;
    }
    expect(pages.flat().sort()).toEqual(['failed-long-ago', 'open-just-now', 'open-long-ago', 'rejected-just-now']);
    const later = await propose(env.deps, env.people.agent.actor, dealProposal());
    expect((await changesSince(env.deps, rep.actor, cursor)).items.map((i) => i.id)).toEqual([later.body.id]);
  });

  it('moves the cursor past what it left out even when that changed last, so no later delta sends it', async () => {
    const { rep } = env.people;
    await decide(env.deps, rep.actor, ids['open-just-now']!, { kind: 'reject', note: 'no' });
    // Everything closed counts as history here, the rejection just made included: it is the last change.
    const first = await changesSince(env.deps, rep.actor, 0, 200, env.clock.now() + 1);
    expect(named(first.items)).not.toContain('open-just-now');
    expect((await changesSince(env.deps, rep.actor, first.cursor)).items).toEqual([]);
  });
});
