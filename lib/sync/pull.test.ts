import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { ACME_DEAL as DEAL } from '../../test/helpers/demo-deals';
import { openHttpEnv, sessionOf, type HttpEnv } from '../../test/helpers/http';
import { dealProposal, type Person } from '../../test/helpers/people';
import { executeDemo } from '../../server/executors/demo-connector';
import { decide } from '../../server/services/decisions';
import { reportOutcome } from '../../server/services/follow-ups';
import { propose } from '../../server/services/suggestions';
import { createApiClient } from '../api/client';
import { getCursor, setCursor } from '../db/cursor';
import { RECENTLY_DECIDED_MS } from '../db/record-suggestions';
import { setSession } from '../db/session';
import { freshDb } from '../background/testing/harness';
import { pull } from './pull';

/** A proposal to move the demo deal on from Negotiation to `to`. */
const stageChange = (to: string) =>
  dealProposal({
    record: { crm: 'demo', objectType: 'deal', id: DEAL.id, name: DEAL.name },
    changes: [{ field: 'dealstage', label: 'Stage', from: 'Negotiation', to }],
  });

describe('pull from the server', () => {
  let h: HttpEnv;
  beforeEach(async () => {
    h = await openHttpEnv();
  });
  afterEach(() => h.close());

  /** A cache signed in as `who`, the client it pulls with, and what that client asked: procedure and input. */
  async function signedInAs(who: Person) {
    const db = freshDb();
    const asked: { path: string; input: unknown }[] = [];
    const recording: typeof fetch = (input, init) => {
      const url = new URL(String(input));
      const inputs = JSON.parse(url.searchParams.get('input') ?? '{}') as Record<string, unknown>;
      url.pathname
        .replace('/trpc/', '')
        .split(',')
        .forEach((path, i) => asked.push({ path, input: inputs[i] }));
      return fetch(input, init);
    };
    await setSession(db, sessionOf(h, who));
    return { db, api: createApiClient(h.url, who.token, recording), asked };
  }
  /** The inputs the client sent to `path`, in order. */
  const inputsTo = (asked: { path: string; input: unknown }[], path: string) =>
    asked.filter((a) => a.path === path).map((a) => a.input);
  /** Proposes as the agent and approves as the rep; returns the item's id. */
  async function approved(proposal: object) {
    const { body } = await propose(h.deps, h.people.agent.actor, proposal);
    await decide(h.deps, h.people.rep.actor, body.id, { kind: 'approve' });
    return body.id;
  }

  it('asks for the executor’s outcome of items that went stale or failed, once per version', async () => {
    const { agent, rep } = h.people;
    await h.deps.transact((tx) =>
      tx
        .insertInto('demo_deals')
        .values({ ...DEAL, updated_at: h.clock.now() })
        .execute(),
    );
    const won = await approved(stageChange('Closed Won'));
    const stale = await approved(stageChange('Closed Lost'));
    const failed = await approved(dealProposal());
    const { db, api, asked } = await signedInAs(rep);
    const outcomesAsked = () => (inputsTo(asked, 'suggestions.get') as { id: string }[]).map((i) => i.id).sort();
    await pull(db, api, { now: h.clock.now() });
    expect((await db.suggestions.get(stale))!.status).toBe('approved');

    // The first executes and moves the deal on, so the second finds it changed; the agent reports the third failed.
    expect(await executeDemo(h.deps, won)).toMatchObject({ status: 'executed' });
    expect(await executeDemo(h.deps, stale)).toMatchObject({ status: 'stale' });
    await reportOutcome(h.deps, agent.actor, failed, { ok: false, detail: 'CRM refused' });
    await pull(db, api, { now: h.clock.now() });
    expect(outcomesAsked()).toEqual([stale, failed].sort());
    expect((await db.suggestions.get(stale))!.outcome?.detail).toBe(
      'record changed: Stage is now Closed Won, expected Negotiation',
    );
    expect((await db.suggestions.get(failed))!.outcome?.detail).toBe('CRM refused');

    // A sync from the start brings the same versions again: their outcomes are already known.
    await setCursor(db, 0);
    await pull(db, api, { now: h.clock.now() });
    expect(inputsTo(asked, 'suggestions.changes')).toHaveLength(3);
    expect(outcomesAsked()).toEqual([stale, failed].sort());
  });

  it('asks a first sync, on every page, for the work at hand only, and later ones for all since then', async () => {
    for (let i = 0; i < 3; i++) await propose(h.deps, h.people.agent.actor, dealProposal());
    const { db, api, asked } = await signedInAs(h.people.rep);
    const now = h.clock.now();
    await pull(db, api, { now, pageSize: 2 });
    // Both pages of the first sync leave the history out, the second from a cursor past zero.
    const [first, second, ...rest] = inputsTo(asked, 'suggestions.changes') as { since: number }[];
    expect(rest).toEqual([]);
    expect(first).toEqual({ since: 0, limit: 2, closedAfter: now - RECENTLY_DECIDED_MS });
    expect(second).toEqual({ since: expect.any(Number), limit: 2, closedAfter: now - RECENTLY_DECIDED_MS });
    expect(second!.since).toBeGreaterThan(0);

    await propose(h.deps, h.people.agent.actor, dealProposal());
    const cursor = await getCursor(db);
    await pull(db, api, { now, pageSize: 2 });
    expect(inputsTo(asked, 'suggestions.changes').slice(2)).toEqual([{ since: cursor, limit: 2 }]);
  });
});
