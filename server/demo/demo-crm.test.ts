import type { FastifyInstance } from 'fastify';
import { Window } from 'happy-dom';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { KNOWN_ACTION_TYPES, LANES } from '../../lib/schemas/common';
import type { ChangeSet } from '../../lib/schemas/suggestion';
import { backends, openTestEnv, type TestEnv } from '../../test/helpers/backends';
import { buildApp } from '../app';
import { mismatches, planChanges } from '../executors/deal-changes';
import { demoCrmPlugin } from './plugin';
import { seedDemo, type SeedResult } from './seed';
import { seedItems } from './seed-proposals';

const window = new Window();
const parse = (html: string) => new window.DOMParser().parseFromString(html, 'text/html');

describe.each(await backends())('demo CRM on $name', (backend) => {
  let env: TestEnv;
  let app: FastifyInstance;
  let seed: SeedResult;
  beforeAll(async () => {
    env = await openTestEnv(backend);
    app = await buildApp(env.deps, { logLevel: 'silent', plugins: [demoCrmPlugin] });
    seed = await seedDemo(env.deps);
  });
  afterAll(async () => {
    await app.close();
    await env.close();
  });

  const get = (url: string) => app.inject({ method: 'GET', url });
  const counts = async () => ({
    deals: (await env.deps.db.selectFrom('demo_deals').select('id').execute()).length,
    users: (await env.deps.db.selectFrom('users').select('id').execute()).length,
    suggestions: (await env.deps.db.selectFrom('suggestions').select('id').execute()).length,
    audit: (await env.deps.db.selectFrom('audit_events').select('seq').execute()).length,
  });

  it('lists the deals, each linking to its page', async () => {
    const res = await get('/demo/deals');
    expect(res.statusCode).toBe(200);
    expect(res.headers['content-type']).toContain('text/html');
    const doc = parse(res.body);
    const links = [...doc.querySelectorAll('#deals a.deal')].map((a) => [a.textContent, a.getAttribute('href')]);
    expect(links).toContainEqual(['Acme Corp, 40 seats', '/demo/deals/d-1001']);
    expect(links.length).toBeGreaterThanOrEqual(8);
    expect((await get('/demo/')).statusCode).toBe(200);
    expect((await get('/demo')).headers.location).toBe('/demo/');
  });

  it('shows a deal with its fields', async () => {
    const res = await get('/demo/deals/d-1001');
    expect(res.statusCode).toBe(200);
    const doc = parse(res.body);
    const field = (name: string) => doc.querySelector(`[data-field="${name}"]`);
    expect(doc.querySelector('h1')?.textContent).toBe('Acme Corp, 40 seats');
    expect(field('stage')?.textContent).toBe('Negotiation');
    expect(field('amount')?.textContent).toBe('$48,000');
    expect(field('amount')?.getAttribute('data-value')).toBe('48000');
    expect(field('owner')?.textContent).toBe('Dana');
    expect(field('close_date')?.textContent).toBe('2026-12-15');
    expect(field('next_step')?.textContent).toBe('Send revised order form');
    expect(res.headers['content-security-policy']).toContain("script-src 'none'");
  });

  it('answers 404 for a deal that does not exist', async () => {
    expect((await get('/demo/deals/d-9999')).statusCode).toBe(404);
    const odd = await get('/demo/deals/%3Cscript%3E');
    expect(odd.statusCode).toBe(404);
    expect(odd.body).toContain('&lt;script&gt;');
  });

  it('shows hostile values as text', async () => {
    await env.deps.transact((tx) =>
      tx
        .insertInto('demo_deals')
        .values({
          id: 'd-evil',
          name: '<script>alert(1)</script>',
          stage: 'Discovery',
          amount: 1,
          owner: '"><img src=x onerror=alert(2)>',
          close_date: null,
          next_step: "' onmouseover='alert(3)",
          updated_at: env.clock.now(),
        })
        .execute(),
    );
    for (const url of ['/demo/deals/d-evil', '/demo/deals']) {
      const { body } = await get(url);
      expect(body).toContain('&lt;script&gt;alert(1)&lt;/script&gt;');
      expect(body).not.toContain('<script');
      expect(body).not.toContain('<img');
      expect(body).not.toContain("' onmouseover");
    }
    const doc = parse((await get('/demo/deals/d-evil')).body);
    expect(doc.querySelector('h1')?.textContent).toBe('<script>alert(1)</script>');
    expect(doc.querySelector('[data-field="owner"]')?.textContent).toBe('"><img src=x onerror=alert(2)>');
    await env.deps.transact((tx) => tx.deleteFrom('demo_deals').where('id', '=', 'd-evil').execute());
  });

  it('never shows a token', async () => {
    expect(seed.created).toBe(true);
    const tokens = seed.created ? Object.values(seed.people).map((p) => p.token) : [];
    for (const url of ['/demo/deals', '/demo/deals/d-1001']) {
      const { body } = await get(url);
      for (const t of tokens) expect(body).not.toContain(t);
    }
  });

  it('seeds once: a second run changes nothing', async () => {
    const before = await counts();
    expect(before.deals).toBeGreaterThanOrEqual(8);
    expect(before.suggestions).toBeGreaterThanOrEqual(24);
    const again = await seedDemo(env.deps);
    expect(again.created).toBe(false);
    expect(await counts()).toEqual(before);
  });

  it('covers every action type and every lane, keeping only token hashes', async () => {
    const rows = await env.deps.db.selectFrom('suggestions').select(['type', 'lane', 'reasons']).execute();
    expect(new Set(rows.map((r) => r.type))).toEqual(new Set(KNOWN_ACTION_TYPES));
    expect(new Set(rows.map((r) => r.lane))).toEqual(new Set(LANES));
    expect(rows.some((r) => r.reasons.includes('<img src=x onerror=alert(1)>'))).toBe(true);
    const hashes = await env.deps.db.selectFrom('tokens').select('hash').execute();
    expect(hashes.every((h) => /^[0-9a-f]{64}$/.test(h.hash))).toBe(true);
  });

  it('proposes demo changes that apply to the deals as they stand', async () => {
    const rows = await env.deps.db
      .selectFrom('suggestions')
      .select(['record_id', 'change_set'])
      .where('crm', '=', 'demo')
      .execute();
    const demoItems = seedItems({ dana: 'dana', raj: 'raj' }).filter((i) => i.record.crm === 'demo');
    expect(rows).toHaveLength(demoItems.length);
    for (const r of rows) {
      const deal = await env.deps.db
        .selectFrom('demo_deals')
        .selectAll()
        .where('id', '=', r.record_id)
        .executeTakeFirst();
      expect(deal, r.record_id).toBeDefined();
      const plan = planChanges((JSON.parse(r.change_set) as ChangeSet).changes);
      if (!plan.ok) throw new Error(plan.detail);
      expect(mismatches(deal!, plan.changes, 'from')).toEqual([]);
    }
  });
});
