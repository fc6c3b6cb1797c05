import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { suggestionDetail, type SuggestionDetail } from '../../lib/schemas/decision';
import { DEFAULT_POLICY } from '../../lib/schemas/policy';
import { proposalInput, suggestion } from '../../lib/schemas/suggestion';
import { buildApp } from '../../server/app';
import { openApiDocument, PROPOSAL_EXAMPLE } from '../../server/rest/openapi';
import type { EventBus } from '../../server/services/events';
import { updatePolicy } from '../../server/services/policy';
import { revokeToken, SYSTEM } from '../../server/services/users';
import { backends } from '../helpers/backends';
import { dbStateReader } from '../helpers/db-state';
import { openHttpEnv, type HttpEnv } from '../helpers/http';
import { dealProposal, person, type Person } from '../helpers/people';

const S = '/api/v1/suggestions';
const HOUR = 3_600_000;

/** The test reads into the OpenAPI document by path; what it finds there is what it asserts. */
type Loose = any;

/** Resolves when the next listener subscribes: the long-poll is then certainly waiting. */
function nextSubscription(events: EventBus): Promise<void> {
  const original = events.on;
  return new Promise((resolve) => {
    events.on = (listener) => {
      events.on = original;
      resolve();
      return original.call(events, listener);
    };
  });
}

describe.each(await backends())('REST API on $name', (backend) => {
  let h: HttpEnv;
  beforeAll(async () => {
    h = await openHttpEnv(backend);
  });
  afterAll(() => h.close());

  const proposeAs = async (who: Person, over: Record<string, unknown> = {}): Promise<SuggestionDetail> => {
    const r = await h.call(who.token, 'POST', S, dealProposal(over));
    expect(r.status, JSON.stringify(r.body)).toBe(201);
    return r.body;
  };
  const decideAs = (who: Person, id: string, body: unknown, headers?: Record<string, string>) =>
    h.call(who.token, 'POST', `${S}/${id}/decisions`, body, headers);
  const countRows = async (table: 'decisions' | 'suggestions', column: 'suggestion_id' | 'record_id', value: string) =>
    Number(
      (
        await h.deps.db
          .selectFrom(table)
          .select((eb) => eb.fn.countAll().as('n'))
          .where(column, '=', value)
          .executeTakeFirstOrThrow()
      ).n,
    );

  describe('proposing and reading', () => {
    it('answers 201 with the suggestion as routed', async () => {
      const r = await h.call(h.people.agent.token, 'POST', S, dealProposal());
      expect(r.status).toBe(201);
      expect(r.body).toMatchObject({
        status: 'pending',
        lane: 'review',
        tier: 'rep',
        routingReason: { rule: 'threshold.review' },
        proposedBy: { id: h.people.agent.actor.id, role: 'agent' },
        decisions: [],
      });
      expect(r.body.id).toEqual(expect.any(String));
      expect(Date.parse(r.body.expiresAt)).toBe(h.clock.now() + 24 * HOUR);
      expect(r.body.routingReason.detail).toContain('0.82');
      suggestionDetail.parse(r.body);
    });

    it('routes by confidence and risk: auto executes at once, money over the limit goes to a manager', async () => {
      const auto = await proposeAs(h.people.agent, { confidence: 0.95 });
      expect(auto).toMatchObject({ status: 'approved', lane: 'auto', expiresAt: null });
      expect(auto.decisions).toMatchObject([{ kind: 'auto' }]);
      expect(auto.finalHash).toEqual(expect.any(String));
      const risky = await proposeAs(h.people.agent, { impact: { amount: 5_000 } });
      expect(risky).toMatchObject({ status: 'pending', lane: 'explicit', tier: 'manager' });
      expect(risky.routingReason.rule).toBe('risk.amount');
    });

    it('shows one suggestion to those who may see it, and 404 to others', async () => {
      const s = await proposeAs(h.people.agent);
      const own = await h.call(h.people.agent.token, 'GET', `${S}/${s.id}`);
      expect(own.status).toBe(200);
      expect(suggestionDetail.parse(own.body)).toMatchObject({ id: s.id, status: 'pending', decisions: [] });
      expect((await h.call(h.people.manager.token, 'GET', `${S}/${s.id}`)).status).toBe(200);
      const otherAgent = await person(h.deps, 'Other Bot', 'agent');
      const hidden = await h.call(otherAgent.token, 'GET', `${S}/${s.id}`);
      expect(hidden.status).toBe(404);
      expect(hidden.body.error.code).toBe('NOT_FOUND');
    });

    it('lists newest first, filtered, and pages by cursor without duplicates or gaps', async () => {
      const lister = await person(h.deps, 'Lister Bot', 'agent');
      const specs = [
        { type: 'stage_change', crm: 'hubspot', id: 'L1' },
        { type: 'field_update', crm: 'hubspot', id: 'L2' },
        { type: 'stage_change', crm: 'pipedrive', id: 'L1' },
        { type: 'stage_change', crm: 'pipedrive', id: 'L3', confidence: 0.95 },
        { type: 'field_update', crm: 'salesforce', id: 'L1' },
        { type: 'stage_change', crm: 'hubspot', id: 'L3' },
        { type: 'stage_change', crm: 'hubspot', id: 'L1', confidence: 0.95 },
      ];
      const made: SuggestionDetail[] = [];
      for (const sp of specs) {
        made.push(
          await proposeAs(lister, {
            type: sp.type,
            record: { crm: sp.crm, objectType: 'deal', id: sp.id },
            confidence: sp.confidence ?? 0.8,
          }),
        );
      }
      const newestFirst = made.map((m) => m.id).reverse();

      const seen: string[] = [];
      let cursor: string | null = null;
      let pages = 0;
      do {
        const r = await h.call(lister.token, 'GET', `${S}?limit=3${cursor ? `&cursor=${cursor}` : ''}`);
        expect(r.status).toBe(200);
        for (const item of r.body.items) suggestion.parse(item);
        seen.push(...r.body.items.map((i: { id: string }) => i.id));
        cursor = r.body.nextCursor;
        // A proposal arriving mid-listing lands before the cursor: later pages neither repeat nor skip an item.
        if (++pages === 1)
          made.push(await proposeAs(lister, { record: { crm: 'hubspot', objectType: 'deal', id: 'L9' } }));
      } while (cursor);
      expect(pages).toBe(3);
      expect(seen).toEqual(newestFirst);

      const expectIds = async (query: string, keep: (m: SuggestionDetail) => boolean) => {
        const r = await h.call(lister.token, 'GET', `${S}?${query}`);
        expect(r.status, query).toBe(200);
        const want = made
          .filter(keep)
          .map((m) => m.id)
          .reverse();
        expect(want.length, query).toBeGreaterThan(0);
        expect(
          r.body.items.map((i: { id: string }) => i.id),
          query,
        ).toEqual(want);
      };
      await expectIds('status=approved', (m) => m.status === 'approved');
      await expectIds('status=pending', (m) => m.status === 'pending');
      await expectIds('crm=pipedrive', (m) => m.record.crm === 'pipedrive');
      await expectIds('recordId=L1', (m) => m.record.id === 'L1');
      await expectIds('type=field_update', (m) => m.type === 'field_update');
      await expectIds(
        'crm=hubspot&recordId=L1&status=pending',
        (m) => m.record.crm === 'hubspot' && m.record.id === 'L1' && m.status === 'pending',
      );
    });

    it('refuses a bad list query with the offending fields', async () => {
      for (const [query, field] of [
        ['status=bogus', 'status'],
        ['limit=0', 'limit'],
        ['limit=101', 'limit'],
        ['cursor=not-a-cursor', 'cursor'],
        ['colour=red', '(body)'],
      ]) {
        const r = await h.call(h.people.agent.token, 'GET', `${S}?${query}`);
        expect(r.status, query).toBe(400);
        expect(Object.keys(r.body.error.fields), query).toEqual([field]);
      }
    });
  });

  describe('long-poll', () => {
    it('answers as soon as another client decides', async () => {
      const s = await proposeAs(h.people.agent);
      const subscribed = nextSubscription(h.deps.events);
      // The wait runs on the server's clock, which this test does not move: it cannot run out, so only the decision
      // can end it, and the answer says so.
      const waiting = h.call(h.people.agent.token, 'GET', `${S}/${s.id}/decision?wait=5`);
      await subscribed;
      const [poll, decided] = await Promise.all([waiting, decideAs(h.people.rep, s.id, { kind: 'approve' })]);
      expect(decided.status).toBe(200);
      expect(poll.status).toBe(200);
      expect(poll.body).toMatchObject({ id: s.id, status: 'approved' });
      expect(poll.body.decisions).toMatchObject([{ kind: 'approve', by: { id: h.people.rep.actor.id } }]);
    });

    it('answers with the state still pending once the wait has run out on the server’s clock', async () => {
      const s = await proposeAs(h.people.agent);
      const subscribed = nextSubscription(h.deps.events);
      const waiting = h.call(h.people.agent.token, 'GET', `${S}/${s.id}/decision?wait=5`);
      await subscribed;
      h.clock.advance(5_000);
      const poll = await waiting;
      expect(poll.status).toBe(200);
      expect(poll.body).toMatchObject({ id: s.id, status: 'pending', decisions: [] });
    });

    it('answers with the current state at once when wait is 0, and refuses waits past 60 s', async () => {
      const s = await proposeAs(h.people.agent);
      const now = await h.call(h.people.agent.token, 'GET', `${S}/${s.id}/decision?wait=0`);
      expect(now.status).toBe(200);
      expect(now.body).toMatchObject({ id: s.id, status: 'pending' });
      expect((await h.call(h.people.agent.token, 'GET', `${S}/${s.id}/decision`)).body.status).toBe('pending');
      for (const wait of ['61', '-1', 'soon']) {
        const r = await h.call(h.people.agent.token, 'GET', `${S}/${s.id}/decision?wait=${wait}`);
        expect(r.status, wait).toBe(400);
        expect(Object.keys(r.body.error.fields)).toEqual(['wait']);
      }
    });
  });

  describe('decisions of every kind', () => {
    it('approve: the proposed change set will execute, with its hash', async () => {
      const s = await proposeAs(h.people.agent);
      const r = await decideAs(h.people.rep, s.id, { kind: 'approve', note: 'checked the CRM', openedMs: 4_200 });
      expect(r.status).toBe(200);
      expect(suggestionDetail.parse(r.body)).toMatchObject({ status: 'approved', finalChangeSet: s.changeSet });
      expect(r.body.finalHash).toMatch(/^[0-9a-f]{64}$/);
      expect(r.body.decisions).toMatchObject([
        { kind: 'approve', note: 'checked the CRM', openedMs: 4_200, by: { name: 'Dana' } },
      ]);
    });

    it('modify: the edited value is what executes', async () => {
      const s = await proposeAs(h.people.agent);
      const r = await decideAs(h.people.rep, s.id, {
        kind: 'modify',
        changes: [{ field: 'dealstage', to: 'Closed Won' }],
      });
      expect(r.status).toBe(200);
      expect(r.body.status).toBe('approved');
      expect(r.body.finalChangeSet.changes).toEqual([
        { field: 'dealstage', label: 'Stage', from: 'Negotiation', to: 'Closed Won' },
      ]);
      const bad = await proposeAs(h.people.agent);
      const unknownField = await decideAs(h.people.rep, bad.id, {
        kind: 'modify',
        changes: [{ field: 'nope', to: 1 }],
      });
      expect(unknownField.status).toBe(400);
      expect(unknownField.body.error.fields).toHaveProperty('changes');
    });

    it('partial: only the kept changes execute', async () => {
      const s = await proposeAs(h.people.agent, {
        changes: [
          { field: 'dealstage', label: 'Stage', from: 'Negotiation', to: 'Closed Lost' },
          { field: 'amount', label: 'Amount', from: 48_000, to: 0 },
        ],
      });
      const r = await decideAs(h.people.rep, s.id, { kind: 'partial', changes: [{ field: 'dealstage' }] });
      expect(r.status).toBe(200);
      expect(r.body.status).toBe('approved');
      expect(r.body.finalChangeSet.changes.map((c: { field: string }) => c.field)).toEqual(['dealstage']);
    });

    it('conditional: waits for the condition, then POST /condition approves or cancels', async () => {
      const s = await proposeAs(h.people.agent);
      const c = await decideAs(h.people.rep, s.id, { kind: 'conditional', condition: 'customer confirms' });
      expect(c.status).toBe(200);
      expect(c.body).toMatchObject({ status: 'awaiting_condition', condition: 'customer confirms' });
      const again = await decideAs(h.people.rep2, s.id, { kind: 'approve' });
      expect(again.status).toBe(409);
      const ok = await h.call(h.people.rep.token, 'POST', `${S}/${s.id}/condition`, { confirmed: true, note: 'done' });
      expect(ok.status).toBe(200);
      expect(ok.body.status).toBe('approved');

      const t = await proposeAs(h.people.agent);
      await decideAs(h.people.rep, t.id, { kind: 'conditional', condition: 'address confirmed' });
      const cancel = await h.call(h.people.rep.token, 'POST', `${S}/${t.id}/condition`, { confirmed: false });
      expect(cancel.status).toBe(200);
      expect(cancel.body.status).toBe('rejected');

      const none = await h.call(h.people.rep.token, 'POST', `${S}/${(await proposeAs(h.people.agent)).id}/condition`, {
        confirmed: true,
      });
      expect(none.status).toBe(409);
      expect(none.body.error).toMatchObject({ code: 'CONFLICT', status: 'pending' });
    });

    it('reject: requires a note', async () => {
      const s = await proposeAs(h.people.agent);
      const bare = await decideAs(h.people.rep, s.id, { kind: 'reject' });
      expect(bare.status).toBe(400);
      expect(Object.keys(bare.body.error.fields)).toEqual(['note']);
      const blank = await decideAs(h.people.rep, s.id, { kind: 'reject', note: '   ' });
      expect(blank.status).toBe(400);
      const r = await decideAs(h.people.rep, s.id, { kind: 'reject', note: 'wrong deal' });
      expect(r.status).toBe(200);
      expect(r.body).toMatchObject({ status: 'rejected', finalChangeSet: null });
      expect(r.body.decisions).toMatchObject([{ kind: 'reject', note: 'wrong deal' }]);
    });

    it('escalate: moves the item up a tier, out of the rep’s reach', async () => {
      const s = await proposeAs(h.people.agent);
      const r = await decideAs(h.people.rep, s.id, { kind: 'escalate', note: 'big customer' });
      expect(r.status).toBe(200);
      expect(r.body).toMatchObject({ status: 'pending', tier: 'manager' });
      expect((await decideAs(h.people.rep2, s.id, { kind: 'approve' })).status).toBe(403);
      const m = await decideAs(h.people.manager, s.id, { kind: 'approve' });
      expect(m.status).toBe(200);
      expect(m.body.decisions.map((d: { kind: string }) => d.kind)).toEqual(['escalate', 'approve']);
    });

    it('dismiss: only for risk alerts', async () => {
      const deal = await proposeAs(h.people.agent);
      const wrong = await decideAs(h.people.manager, deal.id, { kind: 'dismiss' });
      expect(wrong.status).toBe(400);
      const alert = await proposeAs(h.people.agent, { type: 'risk_alert', changes: [] });
      const r = await decideAs(h.people.manager, alert.id, { kind: 'dismiss', note: 'false positive' });
      expect(r.status).toBe(200);
      expect(r.body.status).toBe('dismissed');
    });

    it('outcome: the proposing agent reports it, once, and the item is executed', async () => {
      const s = await proposeAs(h.people.agent);
      const early = await h.call(h.people.agent.token, 'POST', `${S}/${s.id}/outcome`, { ok: true });
      expect(early.status).toBe(409);
      await decideAs(h.people.rep, s.id, { kind: 'approve' });
      expect((await h.call(h.people.rep.token, 'POST', `${S}/${s.id}/outcome`, { ok: true })).status).toBe(403);
      const r = await h.call(h.people.agent.token, 'POST', `${S}/${s.id}/outcome`, { ok: true, detail: 'moved' });
      expect(r.status).toBe(200);
      expect(suggestionDetail.parse(r.body)).toMatchObject({
        status: 'executed',
        outcome: { ok: true, detail: 'moved' },
      });
      const same = await h.call(h.people.agent.token, 'POST', `${S}/${s.id}/outcome`, { ok: true, detail: 'moved' });
      expect(same.status).toBe(200);
      expect(same.body.status).toBe('executed');
      expect((await h.call(h.people.agent.token, 'POST', `${S}/${s.id}/outcome`, { ok: false })).status).toBe(409);
      expect((await h.call(h.people.agent.token, 'POST', `${S}/${s.id}/outcome`, { ok: 'yes' })).status).toBe(400);
    });
  });

  describe('status codes', () => {
    it('401 without a token, with an unknown or revoked one, or another scheme; /healthz needs none', async () => {
      const s = await proposeAs(h.people.agent);
      const routes: [string, string, unknown?][] = [
        ['POST', S, dealProposal()],
        ['GET', S],
        ['GET', `${S}/${s.id}`],
        ['GET', `${S}/${s.id}/decision`],
        ['POST', `${S}/${s.id}/decisions`, { kind: 'approve' }],
        ['POST', `${S}/${s.id}/condition`, { confirmed: true }],
        ['POST', `${S}/${s.id}/outcome`, { ok: true }],
        ['GET', '/api/v1/openapi.json'],
      ];
      const revoked = await person(h.deps, 'Gone Bot', 'agent');
      await revokeToken(h.deps, SYSTEM, revoked.actor.tokenId!);
      for (const [method, path, body] of routes) {
        const variants: Record<string, string>[] = [
          {},
          { authorization: 'Bearer cs_nope' },
          { authorization: `Basic ${h.people.agent.token}` },
        ];
        for (const headers of variants) {
          const r = await h.call(null, method, path, body, headers);
          expect(r.status, `${method} ${path} ${JSON.stringify(headers)}`).toBe(401);
          expect(r.body.error.code).toBe('UNAUTHORIZED');
        }
        expect((await h.call(revoked.token, method, path, body)).status).toBe(401);
      }
      const health = await h.call(null, 'GET', '/healthz');
      expect(health.status).toBe(200);
      expect(health.body).toEqual({ ok: true, database: backend.name });
    });

    it('403 when the role, the tier or the four-eyes rule forbids it', async () => {
      const reps = await h.call(h.people.rep.token, 'POST', S, dealProposal());
      expect(reps.status).toBe(403);

      const forManager = await proposeAs(h.people.agent, { impact: { amount: 5_000 } });
      const rep = await decideAs(h.people.rep, forManager.id, { kind: 'approve', note: 'fine' });
      expect(rep.status).toBe(403);
      expect(rep.body.error).toMatchObject({ code: 'FORBIDDEN', message: expect.stringContaining('manager') });

      const own = await proposeAs(h.people.agent);
      expect((await decideAs(h.people.agent, own.id, { kind: 'approve' })).status).toBe(403);

      const byAdmin = await proposeAs(h.people.admin);
      expect((await decideAs(h.people.admin, byAdmin.id, { kind: 'approve' })).status).toBe(403);
      expect((await decideAs(h.people.admin, byAdmin.id, { kind: 'reject', note: 'withdrawn' })).status).toBe(200);
    });

    it('403 for the same approver twice where a tier needs two; a second approver completes it', async () => {
      const { killSwitches: _, ...editable } = DEFAULT_POLICY;
      await updatePolicy(h.deps, SYSTEM, { ...editable, twoApprovers: { rep: true, manager: false, admin: false } });
      try {
        const s = await proposeAs(h.people.agent);
        const first = await decideAs(h.people.rep, s.id, { kind: 'approve' });
        expect(first.status).toBe(200);
        expect(first.body.status).toBe('pending');
        const twice = await decideAs(h.people.rep, s.id, { kind: 'approve' });
        expect(twice.status).toBe(403);
        const second = await decideAs(h.people.rep2, s.id, { kind: 'approve' });
        expect(second.status).toBe(200);
        expect(second.body.status).toBe('approved');
      } finally {
        await updatePolicy(h.deps, SYSTEM, editable);
      }
    });

    it('hides an item assigned to someone else from a rep (404), and lets the assignee’s team decide', async () => {
      // access.ts: a rep sees what is unassigned, assigned to them or to their team; anything else does not exist.
      const east = await person(h.deps, 'Eve', 'rep', 'east');
      const toRaj = await proposeAs(h.people.agent, { assignee: { userId: h.people.rep2.actor.id } });
      expect((await decideAs(h.people.rep, toRaj.id, { kind: 'approve' })).status).toBe(404);
      const toWest = await proposeAs(h.people.agent, { assignee: { team: 'west' } });
      expect((await decideAs(east, toWest.id, { kind: 'approve' })).status).toBe(404);
      expect((await decideAs(h.people.rep, toWest.id, { kind: 'approve' })).status).toBe(200);
    });

    it('404 for an unknown id on every route, 400 for a malformed one', async () => {
      const unknown = '00000000-0000-4000-8000-000000000000';
      for (const [method, path, body] of [
        ['GET', `${S}/${unknown}`],
        ['GET', `${S}/${unknown}/decision`],
        ['POST', `${S}/${unknown}/decisions`, { kind: 'approve' }],
        ['POST', `${S}/${unknown}/condition`, { confirmed: true }],
        ['POST', `${S}/${unknown}/outcome`, { ok: true }],
      ] as const) {
        const r = await h.call(h.people.admin.token, method, path, body);
        expect(r.status, path).toBe(404);
        expect(r.body.error.code).toBe('NOT_FOUND');
      }
      expect((await h.call(h.people.admin.token, 'GET', `${S}/not_an_id!`)).status).toBe(400);
    });

    it('409 naming the winner for a decision after the item was decided', async () => {
      const s = await proposeAs(h.people.agent);
      const won = await decideAs(h.people.rep, s.id, { kind: 'approve' });
      const lost = await decideAs(h.people.rep2, s.id, { kind: 'reject', note: 'no' });
      expect(lost.status).toBe(409);
      expect(lost.body.error).toMatchObject({
        code: 'CONFLICT',
        status: 'approved',
        winner: { decisionId: won.body.decisions[0].id, kind: 'approve', by: h.people.rep.actor.id, byName: 'Dana' },
      });
    });

    it('410 for a decision after the item’s time ran out, before any sweeper ran', async () => {
      const s = await proposeAs(h.people.agent, { timeoutSeconds: 60 });
      h.clock.advance(61_000);
      const r = await decideAs(h.people.rep, s.id, { kind: 'approve' });
      expect(r.status).toBe(410);
      expect(r.body.error).toMatchObject({ code: 'GONE', status: 'pending' });
      expect(await countRows('decisions', 'suggestion_id', s.id)).toBe(0);
    });

    it('429 past the rate limit, per token', async () => {
      const app = await buildApp(h.deps, { logLevel: 'silent', rateLimitPerMinute: 3 });
      const url = await app.listen({ port: 0, host: '127.0.0.1' });
      try {
        const get = (token: string) => fetch(`${url}${S}`, { headers: { authorization: `Bearer ${token}` } });
        const statuses = [];
        for (let i = 0; i < 4; i++) statuses.push((await get(h.people.agent.token)).status);
        expect(statuses).toEqual([200, 200, 200, 429]);
        const limited = await get(h.people.agent.token);
        expect(limited.status).toBe(429);
        expect(((await limited.json()) as { error: { code: string } }).error.code).toBe('RATE_LIMITED');
        expect((await get(h.people.manager.token)).status).toBe(200);
        expect((await fetch(`${url}/healthz`)).status).toBe(200);
      } finally {
        await app.close();
      }
    });

    it('429 for made-up tokens past the limit of their address, while signed-in tokens keep their own', async () => {
      const app = await buildApp(h.deps, { logLevel: 'silent', rateLimitPerMinute: 3 });
      const url = await app.listen({ port: 0, host: '127.0.0.1' });
      try {
        const get = (token: string) => fetch(`${url}${S}`, { headers: { authorization: `Bearer ${token}` } });
        const statuses = [];
        for (let i = 0; i < 5; i++) statuses.push((await get(`cs_made-up-${i}`)).status);
        expect(statuses).toEqual([401, 401, 401, 429, 429]);
        expect((await get(h.people.rep.token)).status).toBe(200);
      } finally {
        await app.close();
      }
    });
  });

  describe('idempotency', () => {
    it('replays a decision for the same key and body, and refuses the key with another body (422)', async () => {
      const s = await proposeAs(h.people.agent);
      const key = { 'Idempotency-Key': `decide-${s.id}` };
      const first = await decideAs(h.people.rep, s.id, { kind: 'approve', note: 'ok' }, key);
      expect(first.status).toBe(200);
      expect(first.headers.get('idempotent-replayed')).toBeNull();
      const again = await decideAs(h.people.rep, s.id, { kind: 'approve', note: 'ok' }, key);
      expect(again.status).toBe(200);
      expect(again.headers.get('idempotent-replayed')).toBe('true');
      expect(again.body).toEqual(first.body);
      expect(again.body.decisions[0].id).toBe(first.body.decisions[0].id);
      // Both go out as the JSON stored for replays, typed as JSON.
      for (const a of [first, again]) expect(a.headers.get('content-type')).toBe('application/json; charset=utf-8');
      const other = await decideAs(h.people.rep, s.id, { kind: 'approve', note: 'different' }, key);
      expect(other.status).toBe(422);
      expect(other.body.error.code).toBe('IDEMPOTENCY_MISMATCH');
      expect(await countRows('decisions', 'suggestion_id', s.id)).toBe(1);
    });

    it('replays a proposal for the same key and body: the same suggestion, one row', async () => {
      const body = dealProposal({ record: { crm: 'hubspot', objectType: 'deal', id: 'idem-1' } });
      const key = { 'Idempotency-Key': 'propose-idem-1' };
      const first = await h.call(h.people.agent.token, 'POST', S, body, key);
      const again = await h.call(h.people.agent.token, 'POST', S, body, key);
      expect([first.status, again.status]).toEqual([201, 201]);
      expect(again.headers.get('idempotent-replayed')).toBe('true');
      expect(again.body.id).toBe(first.body.id);
      expect(await countRows('suggestions', 'record_id', 'idem-1')).toBe(1);
      const other = await h.call(h.people.agent.token, 'POST', S, { ...body, confidence: 0.5 }, key);
      expect(other.status).toBe(422);
      expect(await countRows('suggestions', 'record_id', 'idem-1')).toBe(1);
      // Keys belong to the token's user: another agent's same key is a new request.
      const stranger = await person(h.deps, 'Stranger Bot', 'agent');
      const theirs = await h.call(stranger.token, 'POST', S, body, key);
      expect(theirs.status).toBe(201);
      expect(theirs.body.id).not.toBe(first.body.id);
    });

    it('refuses a malformed key with 400 and stores nothing', async () => {
      const s = await proposeAs(h.people.agent);
      const snapshot = await dbStateReader(h.deps);
      const before = await snapshot();
      for (const k of ['', 'a'.repeat(201), 'has space']) {
        const r = await decideAs(h.people.rep, s.id, { kind: 'approve' }, { 'Idempotency-Key': k });
        expect(r.status, JSON.stringify(k)).toBe(400);
        expect(Object.keys(r.body.error.fields)).toEqual(['Idempotency-Key']);
      }
      expect(await snapshot()).toEqual(before);
    });
  });

  describe('concurrency', () => {
    it('of 50 concurrent decisions exactly one wins; 49 get 409 naming it; one decided event', async () => {
      const s = await proposeAs(h.people.agent);
      const reviewers = await Promise.all([1, 2, 3, 4, 5].map((i) => person(h.deps, `Reviewer ${i}`, 'rep')));
      const answers = await Promise.all(
        Array.from({ length: 50 }, (_, i) =>
          decideAs(reviewers[i % 5]!, s.id, i % 2 ? { kind: 'approve' } : { kind: 'reject', note: `no ${i}` }, {
            'Idempotency-Key': `race-${s.id}-${i}`,
          }),
        ),
      );
      const won = answers.filter((a) => a.status === 200);
      const lost = answers.filter((a) => a.status === 409);
      expect(won).toHaveLength(1);
      expect(lost).toHaveLength(49);
      const winner = won[0]!.body.decisions[0];
      for (const l of lost) {
        expect(l.body.error.winner).toMatchObject({ decisionId: winner.id, kind: winner.kind, by: winner.by.id });
      }
      const decided = await h.deps.db
        .selectFrom('audit_events')
        .select('seq')
        .where('kind', '=', 'decided')
        .where('suggestion_id', '=', s.id)
        .execute();
      expect(decided).toHaveLength(1);
      expect(await countRows('decisions', 'suggestion_id', s.id)).toBe(1);
    });

    it('20 concurrent replays of one key and body all get the same answer, from one decision', async () => {
      const s = await proposeAs(h.people.agent);
      const key = { 'Idempotency-Key': `replay-${s.id}` };
      const answers = await Promise.all(
        Array.from({ length: 20 }, () => decideAs(h.people.rep, s.id, { kind: 'approve', note: 'once' }, key)),
      );
      expect(answers.map((a) => a.status)).toEqual(Array(20).fill(200));
      for (const a of answers) expect(a.body).toEqual(answers[0]!.body);
      expect(answers.filter((a) => a.headers.get('idempotent-replayed') === 'true')).toHaveLength(19);
      expect(await countRows('decisions', 'suggestion_id', s.id)).toBe(1);
    });
  });

  describe('OpenAPI document', () => {
    const OPERATIONS = [
      'get /healthz',
      'get /api/v1/openapi.json',
      'post /api/v1/suggestions',
      'get /api/v1/suggestions',
      'get /api/v1/suggestions/{id}',
      'get /api/v1/suggestions/{id}/decision',
      'post /api/v1/suggestions/{id}/decisions',
      'post /api/v1/suggestions/{id}/condition',
      'post /api/v1/suggestions/{id}/outcome',
      'post /api/v1/suggestions/{id}/revert',
      'get /api/v1/audit/verify',
    ];

    it('is served as JSON to a token holder, and only to one', async () => {
      expect((await h.call(null, 'GET', '/api/v1/openapi.json')).status).toBe(401);
      const r = await h.call(h.people.agent.token, 'GET', '/api/v1/openapi.json');
      expect(r.status).toBe(200);
      expect(r.headers.get('content-type')).toContain('application/json');
      expect(typeof r.body).toBe('object');
      expect(r.body.openapi).toMatch(/^3\.1\./);
      expect(r.body).toEqual(JSON.parse(JSON.stringify(openApiDocument())));
    });

    it('documents every operation, and every documented one is served', async () => {
      const doc = openApiDocument();
      const documented = Object.entries(doc.paths ?? {}).flatMap(([path, item]) =>
        ['get', 'post', 'put', 'patch', 'delete'].filter((m) => m in item).map((m) => `${m} ${path}`),
      );
      expect(documented.sort()).toEqual([...OPERATIONS].sort());
      for (const op of OPERATIONS) {
        const [method, path] = op.split(' ') as [string, string];
        const url = path.replace(/\{(\w+)\}/g, ':$1');
        expect(h.app.hasRoute({ method: method.toUpperCase() as 'GET', url }), op).toBe(true);
      }
    });

    it('names the schemas it was built from and marks what a proposal requires', () => {
      const doc = openApiDocument();
      const schemas = doc.components?.schemas as Record<string, Loose>;
      for (const name of [
        'ProposalInput',
        'DecisionInput',
        'ConditionInput',
        'OutcomeInput',
        'SuggestionDetail',
        'Suggestion',
        'VerifyResult',
        'Error',
      ]) {
        expect(schemas, name).toHaveProperty(name);
      }
      const p = schemas.ProposalInput;
      expect([...p.required].sort()).toEqual(['confidence', 'record', 'type']);
      expect(p.additionalProperties).toBe(false);
      expect([...p.properties.record.required].sort()).toEqual(['crm', 'id', 'objectType']);
      expect(p.properties.confidence).toMatchObject({ minimum: 0, maximum: 1 });

      // The design notes' example: accepted by the schema the server parses with, and consistent with the document.
      const [example] = p.examples;
      expect(example).toEqual(PROPOSAL_EXAMPLE);
      expect(proposalInput.safeParse(example).success).toBe(true);
      for (const field of p.required) expect(example, field).toHaveProperty(field);
      for (const field of Object.keys(example)) expect(p.properties, field).toHaveProperty(field);

      const decision = schemas.DecisionInput.oneOf ?? schemas.DecisionInput.anyOf;
      const kinds = decision.map((o: Loose) => o.properties.kind.const).sort();
      expect(kinds).toEqual(['approve', 'conditional', 'dismiss', 'escalate', 'modify', 'partial', 'reject']);
      const reject = decision.find((o: Loose) => o.properties.kind.const === 'reject');
      expect(reject.required).toContain('note');

      const error = schemas.Error.properties.error;
      expect(error.required).toEqual(['code', 'message']);
      expect(Object.keys(error.properties)).toEqual(expect.arrayContaining(['fields', 'winner', 'status']));
    });

    it('declares bearer auth, the Idempotency-Key header, the wait query and the error responses', () => {
      const doc = openApiDocument() as Loose;
      expect(doc.components.securitySchemes.bearerAuth).toMatchObject({ type: 'http', scheme: 'bearer' });
      expect(doc.security).toEqual([{ bearerAuth: [] }]);
      expect(doc.paths['/healthz'].get.security).toEqual([]);
      expect(doc.components.parameters.IdempotencyKey).toMatchObject({ in: 'header', name: 'Idempotency-Key' });
      for (const path of [S, `${S}/{id}/decisions`, `${S}/{id}/condition`]) {
        expect(doc.paths[path].post.parameters, path).toContainEqual({
          $ref: '#/components/parameters/IdempotencyKey',
        });
      }
      const wait = doc.paths[`${S}/{id}/decision`].get.parameters.find((q: Loose) => q.name === 'wait');
      expect(wait).toMatchObject({ in: 'query', schema: { minimum: 0, maximum: 60 } });
      const decide = doc.paths[`${S}/{id}/decisions`].post.responses;
      const refusals = ['400', '401', '403', '404', '409', '410', '413', '415', '422', '429'];
      expect(Object.keys(decide).sort()).toEqual(['200', ...refusals]);
      for (const code of refusals) {
        const ref = decide[code].$ref as string;
        const response = doc.components.responses[ref.split('/').pop()!];
        expect(response.content['application/json'].schema, code).toEqual({ $ref: '#/components/schemas/Error' });
      }
      expect(doc.paths['/api/v1/audit/verify'].get.responses['200'].content['application/json'].schema).toEqual({
        $ref: '#/components/schemas/VerifyResult',
      });
    });
  });
});
