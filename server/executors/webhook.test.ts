import { createServer, type IncomingHttpHeaders, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { Webhook } from 'standardwebhooks';
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { DEFAULT_POLICY } from '../../lib/schemas/policy';
import { backends, openCastEnv, type CastEnv } from '../../test/helpers/backends';
import { dealProposal } from '../../test/helpers/people';
import { verifyAudit } from '../services/audit';
import { decide } from '../services/decisions';
import { updatePolicy } from '../services/policy';
import { getSuggestion, propose } from '../services/suggestions';
import { BACKOFF_MS, startWebhooks, WEBHOOK_ACTOR, WebhookDispatcher } from './webhook';

const SECRET = `whsec_${Buffer.from('a secret of thirty-two bytes....').toString('base64')}`;
const quiet = { info: () => {}, error: () => {} };

interface Received {
  headers: IncomingHttpHeaders;
  body: string;
}

/** A real HTTP endpoint that records what it receives and answers with the statuses it is given, then 200. */
async function receiver() {
  const received: Received[] = [];
  const answers: number[] = [];
  const server: Server = createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', () => {
      received.push({ headers: req.headers, body: Buffer.concat(chunks).toString('utf8') });
      res.writeHead(answers.shift() ?? 200).end();
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const url = `http://127.0.0.1:${(server.address() as AddressInfo).port}/countersign`;
  return { url, received, answers, close: () => new Promise<void>((r) => server.close(() => r())) };
}

describe.each(await backends())('webhook executor on $name', (backend) => {
  let env: CastEnv;
  let hook: Awaited<ReturnType<typeof receiver>>;
  let dispatcher: WebhookDispatcher;
  beforeAll(async () => {
    env = await openCastEnv(backend);
    hook = await receiver();
    dispatcher = new WebhookDispatcher(env.deps, { url: hook.url, secret: SECRET }, quiet);
    const { killSwitches: _, ...editable } = DEFAULT_POLICY;
    const webhook = { ...DEFAULT_POLICY.defaults, executor: 'webhook' as const };
    await updatePolicy(env.deps, env.people.admin.actor, { ...editable, actionTypes: { stage_change: webhook } });
  });
  afterAll(async () => {
    await hook.close();
    await env.close();
  });
  beforeEach(() => {
    hook.received.length = 0;
    hook.answers.length = 0;
  });
  afterEach(async () => {
    // Nothing left due for the next test.
    env.clock.advance(24 * 3_600_000);
    while ((await dispatcher.tick()) > 0) env.clock.advance(24 * 3_600_000);
  });

  const approved = async (over: Record<string, unknown> = {}) => {
    const s = (await propose(env.deps, env.people.agent.actor, dealProposal(over))).body;
    return (await decide(env.deps, env.people.rep.actor, s.id, { kind: 'approve' })).body;
  };
  const outbox = (id: string) =>
    env.deps.db.selectFrom('webhook_outbox').selectAll().where('suggestion_id', '=', id).executeTakeFirst();

  it('queues an approval in its own transaction and POSTs it, signed, with the final change set', async () => {
    const s = await approved();
    expect(await outbox(s.id)).toMatchObject({ state: 'pending', attempts: 0 });
    expect(await dispatcher.tick()).toBe(1);
    expect(hook.received).toHaveLength(1);
    const [{ headers, body }] = hook.received as [Received];
    const at = new Date(Number(headers['webhook-timestamp']) * 1000);
    expect(headers['webhook-id']).toBe(s.id);
    expect(headers['webhook-signature']).toBe(new Webhook(SECRET).sign(s.id, at, body));
    expect(headers['webhook-signature']).not.toBe(new Webhook(SECRET).sign(s.id, at, body.replace('Closed', 'Open')));
    const sent = JSON.parse(body);
    expect(sent).toMatchObject({ type: 'suggestion.approved', data: { id: s.id, status: 'approved' } });
    expect(sent.data.finalHash).toBe(s.finalHash);
    expect(sent.data.finalChangeSet).toEqual(s.finalChangeSet);
    expect(await outbox(s.id)).toMatchObject({ state: 'delivered', attempts: 1 });
    expect(await dispatcher.tick()).toBe(0);
  });

  it('queues what the auto lane approves, and nothing of action types the agent executes', async () => {
    const auto = (await propose(env.deps, env.people.agent.actor, dealProposal({ confidence: 0.95 }))).body;
    expect([auto.lane, (await outbox(auto.id))?.state]).toEqual(['auto', 'pending']);
    const byAgent = await approved({ type: 'field_update' });
    expect(await outbox(byAgent.id)).toBeUndefined();
  });

  it('retries with backoff under the same webhook-id until the endpoint takes it', async () => {
    const s = await approved();
    hook.answers.push(500, 503);
    expect(await dispatcher.tick()).toBe(1);
    env.clock.advance(BACKOFF_MS[0]! - 1);
    expect(await dispatcher.tick()).toBe(0);
    env.clock.advance(1);
    expect(await dispatcher.tick()).toBe(1);
    expect(await outbox(s.id)).toMatchObject({
      state: 'pending',
      attempts: 2,
      last_error: 'the endpoint answered 503',
    });
    env.clock.advance(BACKOFF_MS[1]!);
    expect(await dispatcher.tick()).toBe(1);
    expect(hook.received.map((r) => r.headers['webhook-id'])).toEqual([s.id, s.id, s.id]);
    expect(await outbox(s.id)).toMatchObject({ state: 'delivered', attempts: 3 });
    expect((await getSuggestion(env.deps, env.people.admin.actor, s.id)).status).toBe('approved');
  });

  it('marks the item failed, audited, once the last attempt fails', async () => {
    const s = await approved();
    hook.answers.push(...Array.from({ length: BACKOFF_MS.length + 1 }, () => 502));
    for (const wait of [0, ...BACKOFF_MS]) {
      env.clock.advance(wait);
      expect(await dispatcher.tick()).toBe(1);
    }
    expect(await outbox(s.id)).toMatchObject({ state: 'failed', attempts: BACKOFF_MS.length + 1 });
    const after = await getSuggestion(env.deps, env.people.admin.actor, s.id);
    expect(after.status).toBe('failed');
    expect(after.outcome?.detail).toBe(
      `the webhook was not delivered after ${BACKOFF_MS.length + 1} attempts: the endpoint answered 502`,
    );
    const event = await env.deps.db
      .selectFrom('audit_events')
      .selectAll()
      .where('suggestion_id', '=', s.id)
      .where('kind', '=', 'outcome')
      .executeTakeFirstOrThrow();
    expect(event.actor).toBe(WEBHOOK_ACTOR);
    expect((await verifyAudit(env.deps)).ok).toBe(true);
    env.clock.advance(24 * 3_600_000);
    expect(await dispatcher.tick()).toBe(0);
  });

  it('sends an approval at once when started with the server, without waiting for its interval', async () => {
    const stop = startWebhooks(env.deps, { url: hook.url, secret: SECRET }, quiet, 3_600_000);
    try {
      const s = await approved();
      await expect.poll(() => hook.received.map((r) => r.headers['webhook-id'])).toEqual([s.id]);
    } finally {
      await stop();
    }
  });

  it('sends each item once per attempt when several dispatchers run at once', async () => {
    const items = await Promise.all(Array.from({ length: 6 }, () => approved()));
    const other = new WebhookDispatcher(env.deps, { url: hook.url, secret: SECRET }, quiet);
    const sent = await Promise.all([dispatcher.tick(), other.tick(), dispatcher.tick()]);
    expect(sent.reduce((a, b) => a + b, 0)).toBe(items.length);
    expect(hook.received.map((r) => r.headers['webhook-id']).sort()).toEqual(items.map((s) => s.id).sort());
  });
});
