import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { chromium, type BrowserContext, type Page, type Worker } from 'playwright-core';
import type { Suggestion } from '../../lib/schemas/suggestion';
import { listAudit } from '../../server/services/audit';
import { FIXTURES, HOSTILE, fixtureHtml, type FixtureName } from '../fixtures/crm';
import { dealProposal, type Person } from '../helpers/people';
import { until } from '../helpers/wait';
import type { ExtensionScope } from './browser-types';
import { CHROMIUM, EXTENSION_DIR } from './paths';
import { openLiveServer, type LiveServer } from './server';

export interface RecordInput {
  crm: string;
  objectType: string;
  id: string;
  name?: string;
}

export interface E2E {
  server: LiveServer;
  context: BrowserContext;
  extensionId: string;
  /** The extension's background service worker. */
  worker(): Promise<Worker>;
  /** Signs the extension in as `who` (the rep Dana by default) through the background's `auth.signIn`. */
  signIn(who?: Person): Promise<void>;
  /** A new tab showing `url`, served from the fixture, named or given (by default the one whose host matches). */
  openCrmPage(
    url: string,
    fixture?: FixtureName | ServedFixture,
    opts?: { beforeLoad?: (page: Page) => Promise<void> },
  ): Promise<Page>;
  /** The agent proposes a stage change on `record` (overrides as in `dealProposal`); returns it as routed. */
  proposeFor(record: RecordInput, over?: Record<string, unknown>): Promise<Suggestion>;
  /** The suggestion with its decisions, as an admin reads it through the REST API. */
  suggestion(id: string): Promise<Suggestion & { decisions: { kind: string; by: { name: string } }[] }>;
  /** `who` decides through the REST API. */
  decideAs(who: Person, id: string, body: Record<string, unknown>): Promise<{ status: number; body: unknown }>;
  /** The audit events of one suggestion, oldest first. */
  audit(id: string): Promise<{ kind: string; actor: string }[]>;
  /** Waits until the suggestion's status on the server is `status`. */
  waitForStatus(id: string, status: string, timeoutMs?: number): Promise<void>;
  close(): Promise<void>;
}

/** Chromium flags that load the unpacked build headless on these machines (root, no GPU, no network). */
const CHROMIUM_ARGS = [
  '--no-sandbox',
  '--disable-gpu',
  '--disable-quic',
  '--no-first-run',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
  `--disable-extensions-except=${EXTENSION_DIR}`,
  `--load-extension=${EXTENSION_DIR}`,
];

/** A fixture page in test/fixtures/crm/, and the URL pattern it is served at. */
export interface ServedFixture {
  file: string;
  routes: string;
  headers?: Record<string, string>;
}

function fixtureFor(url: string, name?: FixtureName | ServedFixture): ServedFixture {
  if (typeof name === 'object') return name;
  if (name === 'hostile') return HOSTILE;
  if (name) return FIXTURES[name];
  const host = new URL(url).host;
  const found = Object.values(FIXTURES).find((f) => new URL(f.record.url).host === host);
  if (!found) throw new Error(`no CRM fixture serves ${host}`);
  return found;
}

/** Serves the fixture for every page load under its host; anything else there (icons, beacons) is a 404. */
async function serveFixture(page: Page, url: string, name?: FixtureName | ServedFixture): Promise<void> {
  const fixture = fixtureFor(url, name);
  const { headers } = fixture;
  await page.route(fixture.routes, (route) =>
    route.request().resourceType() === 'document'
      ? route.fulfill({
          status: 200,
          contentType: 'text/html; charset=utf-8',
          headers,
          body: fixtureHtml(fixture.file),
        })
      : route.fulfill({ status: 404, body: '' }),
  );
}

async function findWorker(context: BrowserContext): Promise<Worker> {
  const isOurs = (w: Worker) => w.url().startsWith('chrome-extension://');
  return (
    context.serviceWorkers().find(isOurs) ??
    (await context.waitForEvent('serviceworker', { predicate: isOurs, timeout: 30_000 }))
  );
}

export interface E2EOptions {
  /**
   * The profile's cookie setting. `chrome-default` is Chrome's out-of-the-box choice (third-party cookies blocked in
   * Incognito only); `blocked` is a user who blocks them everywhere, which Chrome also applies to the storage of an
   * extension page framed by a web page. Debian's Chromium starts with `blocked`, so the profile always says which.
   */
  thirdPartyCookies?: 'chrome-default' | 'blocked';
  /** Extra routes on the server, such as the demo CRM and its connector. */
  plugins?: Parameters<typeof openLiveServer>[0];
}

// Chrome's CookieControlsMode: 0 off, 1 block third-party cookies, 2 block them in Incognito only.
const COOKIE_CONTROLS_MODE = { 'chrome-default': 2, blocked: 1 } as const;

function freshProfile(opts: E2EOptions): string {
  const dir = mkdtempSync(join(tmpdir(), 'cs-e2e-'));
  mkdirSync(join(dir, 'Default'));
  const mode = COOKIE_CONTROLS_MODE[opts.thirdPartyCookies ?? 'chrome-default'];
  writeFileSync(join(dir, 'Default', 'Preferences'), JSON.stringify({ profile: { cookie_controls_mode: mode } }));
  return dir;
}

/**
 * A real server on a free port over a fresh in-memory SQLite database, and Chromium with the built extension in a
 * fresh profile. One per test file: each file starts from an empty cache and an empty outbox.
 */
export async function startE2E(opts: E2EOptions = {}): Promise<E2E> {
  const server = await openLiveServer(opts.plugins);
  const userDataDir = freshProfile(opts);
  let context: BrowserContext | undefined;
  try {
    context = await chromium.launchPersistentContext(userDataDir, {
      executablePath: CHROMIUM,
      headless: true,
      args: CHROMIUM_ARGS,
      viewport: { width: 1280, height: 800 },
    });
  } catch (e) {
    await server.close();
    rmSync(userDataDir, { recursive: true, force: true });
    throw e;
  }
  const ctx = context;
  const extensionId = new URL((await findWorker(ctx)).url()).host;
  const { people } = server;

  const e2e: E2E = {
    server,
    context: ctx,
    extensionId,
    worker: () => findWorker(ctx),

    async signIn(who = people.rep) {
      const page = await ctx.newPage();
      try {
        const url = `chrome-extension://${extensionId}/review-panel.html`;
        const res = await page.goto(url).catch((e: Error) => e);
        if (res instanceof Error) throw new Error(`cannot open ${url} to sign in from: ${res.message}`);
        const reply = await page.evaluate(
          ([serverUrl, token]) =>
            (globalThis as unknown as ExtensionScope).chrome.runtime.sendMessage({
              type: 'auth.signIn',
              serverUrl,
              token,
            }),
          [server.url, who.token] as const,
        );
        if ((reply as { ok?: unknown } | undefined)?.ok !== true)
          throw new Error(`auth.signIn was refused: ${JSON.stringify(reply)}`);
      } finally {
        await page.close();
      }
    },

    async openCrmPage(url, fixture, opts) {
      const page = await ctx.newPage();
      await serveFixture(page, url, fixture);
      await opts?.beforeLoad?.(page);
      await page.goto(url);
      return page;
    },

    async proposeFor(record, over = {}) {
      const { crm, objectType, id, name = `Deal ${record.id}` } = record;
      const body = dealProposal({ record: { crm, objectType, id, name }, ...over });
      const res = await server.call(people.agent.token, 'POST', '/api/v1/suggestions', body);
      if (res.status !== 201) throw new Error(`propose answered ${res.status}: ${JSON.stringify(res.body)}`);
      return res.body as Suggestion;
    },

    async suggestion(id) {
      const res = await server.call(people.admin.token, 'GET', `/api/v1/suggestions/${id}`);
      if (res.status !== 200) throw new Error(`GET suggestion answered ${res.status}: ${JSON.stringify(res.body)}`);
      return res.body as Awaited<ReturnType<E2E['suggestion']>>;
    },

    decideAs: (who, id, body) =>
      server.call(who.token, 'POST', `/api/v1/suggestions/${id}/decisions`, body, {
        'idempotency-key': `e2e-${id}-${who.actor.id}-${String(body.kind)}`,
      }),

    async audit(id) {
      const { events } = await listAudit(server.deps, { suggestionId: id, limit: 500 });
      return events.map((e) => ({ kind: e.payload.kind, actor: e.actor }));
    },

    async waitForStatus(id, status, timeoutMs = 15_000) {
      await until(
        async () => (await e2e.suggestion(id)).status,
        (s) => s === status,
        { timeout: timeoutMs, interval: 100, what: `suggestion ${id} to be ${status}` },
      );
    },

    async close() {
      await ctx.close().catch(() => {});
      await server.close();
      rmSync(userDataDir, { recursive: true, force: true });
    },
  };
  return e2e;
}
