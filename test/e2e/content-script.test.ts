import { readFileSync } from 'node:fs';
import { gzipSync } from 'node:zlib';
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { COLLAPSED, OPEN_WIDTH } from '../../entrypoints/crm.content/frame';
import { FIXTURES } from '../fixtures/crm';
import { expectRecords, recordKeys, sendToTab, watchBackground, type SeenMessage } from './background-probe';
import { panelHost } from './extension-pages';
import { startE2E, type E2E } from './harness';
import { panelBox, panelFrameHandle, panelIframe, waitForPanelWidth } from './panel';
import { EXTENSION_DIR } from './paths';

// The content script against the fixtures at their real addresses. The background is observed through a listener
// the test adds to it, and the frame is driven with `panel.layout` sent as the background sends it, so these checks
// hold whatever the panel and the background do on top.

let e2e: E2E;
let seen: () => Promise<SeenMessage[]>;

beforeAll(async () => {
  e2e = await startE2E();
  seen = await watchBackground(await e2e.worker());
});
afterAll(async () => e2e?.close());

/** Opens `url` with a recorder of the frame's layout states (`data-countersign` on its wrapper), from the first. */
async function open(url: string): Promise<Page> {
  return e2e.openCrmPage(url, undefined, {
    beforeLoad: async (page) => {
      await page.addInitScript(() => {
        const states: string[] = [];
        (window as unknown as { __layouts: string[] }).__layouts = states;
        new MutationObserver((mutations) => {
          for (const m of mutations) {
            const nodes = m.type === 'attributes' ? [m.target] : [...m.addedNodes];
            for (const n of nodes) {
              const state = n instanceof HTMLElement ? n.dataset.countersign : undefined;
              if (state) states.push(state);
            }
          }
        }).observe(document, {
          subtree: true,
          childList: true,
          attributes: true,
          attributeFilter: ['data-countersign'],
        });
      });
    },
  });
}

const layoutsOf = (page: Page) => page.evaluate(() => (window as unknown as { __layouts: string[] }).__layouts);

async function tabOf(key: string): Promise<number> {
  const all = await seen();
  const hit = all.findLast((s) => s.type === 'tab.record' && s.record && `${s.record.crm}/${s.record.id}` === key);
  if (!hit?.tabId) throw new Error(`no tab.record for ${key}`);
  return hit.tabId;
}

/** Every CRM control on the page that stays on it (router links move away, and are checked on their own). */
async function clickEveryControl(page: Page, skip: (right: number) => boolean = () => false): Promise<string[]> {
  const controls = await page
    .locator('[data-crm-control]:not([data-spa-to])')
    .evaluateAll((els: HTMLElement[]) =>
      els.map((el) => ({ name: el.dataset.crmControl!, right: el.getBoundingClientRect().right })),
    );
  const clicked: string[] = [];
  for (const { name, right } of controls) {
    if (skip(right)) continue;
    // A click that would land on the panel's frame instead fails Playwright's hit-target check within the timeout.
    await page.locator(`[data-crm-control="${name}"]`).click({ timeout: 2_000 });
    expect(await page.locator('#crm-log').textContent()).toBe(`Clicked: ${name}`);
    clicked.push(name);
  }
  return clicked;
}

describe.each(Object.entries(FIXTURES))('on a %s record page', (_name, fixture) => {
  const key = `${fixture.record.crm}/${fixture.record.id}`;
  let page: Page;
  let tabId: number;

  beforeAll(async () => {
    const before = (await seen()).length;
    page = await open(fixture.record.url);
    await panelIframe(page).waitFor({ state: 'attached', timeout: 10_000 });
    await expectRecords(seen, before, [key]);
    tabId = await tabOf(key);
  });

  it('mounts the frame collapsed, with nothing delegated to it, and reports the record', async () => {
    expect((await layoutsOf(page))[0]).toBe('collapsed');
    const frame = await panelIframe(page).evaluate((el: HTMLIFrameElement) => {
      const wrapper = el.parentElement!;
      return {
        src: el.src,
        allow: el.getAttribute('allow'),
        sandbox: el.getAttribute('sandbox'),
        position: getComputedStyle(wrapper).position,
        zIndex: Number(getComputedStyle(wrapper).zIndex),
        lastInBody: document.body.lastElementChild === wrapper && wrapper.children.length === 1,
      };
    });
    expect(frame).toEqual({
      // Through this session's address: pages cannot probe the panel at one known in advance (extra-hosts.test.ts).
      src: `chrome-extension://${await panelHost(await e2e.worker())}/review-panel.html`,
      allow: null,
      sandbox: null,
      position: 'fixed',
      zIndex: 2147483646,
      lastInBody: true,
    });
    const last = (await seen()).filter((s) => s.type === 'tab.record').at(-1);
    expect(last?.record).toEqual({
      crm: fixture.record.crm,
      objectType: fixture.record.objectType,
      id: fixture.record.id,
    });
  });

  it("loads the review panel in the frame, under the CRM's own Content-Security-Policy", async () => {
    const frame = await panelFrameHandle(page);
    expect(frame.url()).toBe(`chrome-extension://${e2e.extensionId}/review-panel.html`);
    // Once loaded, the panel says how it wants its frame: the layout recorded from here on is the background's.
    await expect
      .poll(async () => (await seen()).some((s) => s.type === 'panel.layout' && s.tabId === tabId), { timeout: 10_000 })
      .toBe(true);
  });

  it('is a short tab at mid-height when collapsed, and every CRM control stays clickable', async () => {
    await sendToTab(await e2e.worker(), tabId, { type: 'panel.layout', collapsed: true });
    await waitForPanelWidth(page, COLLAPSED.width);
    const box = (await panelBox(page))!;
    const viewport = page.viewportSize()!;
    expect(Math.round(box.height)).toBe(COLLAPSED.height);
    expect(Math.round(box.x + box.width)).toBe(viewport.width);
    expect(Math.round(box.y + box.height / 2)).toBe(viewport.height / 2);
    expect((await clickEveryControl(page)).length).toBeGreaterThan(5);
  });

  it('opens and collapses on panel.layout from the background, and ignores malformed messages', async () => {
    const worker = await e2e.worker();
    await sendToTab(worker, tabId, { type: 'panel.layout', collapsed: false });
    await waitForPanelWidth(page, OPEN_WIDTH);
    const box = (await panelBox(page))!;
    expect([Math.round(box.y), Math.round(box.height)]).toEqual([0, page.viewportSize()!.height]);
    // Controls left of the open panel still take clicks; those under it are the user's to reach by collapsing.
    const edge = page.viewportSize()!.width - OPEN_WIDTH;
    expect((await clickEveryControl(page, (right) => right > edge)).length).toBeGreaterThan(3);

    const layoutsBefore = (await layoutsOf(page)).length;
    for (const bad of [
      { type: 'panel.layout', collapsed: 'yes' },
      { type: 'panel.layout' },
      { type: 'tab.record', record: null },
      'panel.layout',
      null,
    ]) {
      await sendToTab(worker, tabId, bad);
    }
    await sendToTab(worker, tabId, { type: 'panel.layout', collapsed: true });
    await waitForPanelWidth(page, COLLAPSED.width);
    // Every layout taken sets the wrapper's state, the same one again included: the malformed messages set none.
    expect((await layoutsOf(page)).slice(layoutsBefore)).toEqual(['collapsed']);
  });

  it('follows SPA navigation: another record, a list page, a record again, the back button', async () => {
    const from = (await seen()).length;
    const next = `${fixture.next.crm}/${fixture.next.id}`;
    await panelIframe(page).evaluate((el: HTMLElement) => (el.dataset.e2eMark = 'kept'));

    await page.getByRole('link', { name: fixture.next.link }).click();
    await expect.poll(() => page.url()).toBe(fixture.next.url);
    await expectRecords(seen, from, [next]);
    // The same frame stays: the panel learns of the new record from the background instead of reloading.
    expect(await panelIframe(page).getAttribute('data-e2e-mark')).toBe('kept');

    await page.getByRole('link', { name: fixture.list.link, exact: true }).first().click();
    await expect.poll(() => panelIframe(page).count()).toBe(0);
    await expectRecords(seen, from, [next, null]);

    await page.goBack();
    await expect.poll(() => page.url()).toBe(fixture.next.url);
    await panelIframe(page).waitFor({ state: 'attached', timeout: 10_000 });
    await page.goBack();
    await expect.poll(() => page.url()).toBe(fixture.record.url);
    await expectRecords(seen, from, [next, null, next, key]);
  });
});

describe('page scripts', () => {
  it('cannot make the content script report a record the address does not show', async () => {
    const page = await open(FIXTURES.hubspot.record.url);
    await panelIframe(page).waitFor({ state: 'attached', timeout: 10_000 });
    await expect.poll(async () => recordKeys(await seen()).at(-1)).toBe('hubspot/456');
    const from = (await seen()).length;
    await page.evaluate((id) => {
      history.replaceState({}, '', location.href); // no change of address
      window.dispatchEvent(new Event(`${id}:crm:wxt:locationchange`));
    }, e2e.extensionId);
    // A real navigation afterwards is the barrier: had the forged event been taken, it would be reported first.
    await page.getByRole('link', { name: FIXTURES.hubspot.next.link }).click();
    await expectRecords(seen, from, ['hubspot/457']);
  });
});

describe('a CRM that rebuilds the children of <body> on a view change', () => {
  it('gets the frame back, still reporting the same record', async () => {
    const page = await open(FIXTURES.hubspot.record.url);
    await panelIframe(page).waitFor({ state: 'attached', timeout: 10_000 });
    const from = (await seen()).length;
    await page.evaluate(() => {
      const app = document.getElementById('app')!;
      document.body.replaceChildren(app);
    });
    await panelIframe(page).waitFor({ state: 'attached', timeout: 5_000 });
    expect(await page.locator('[data-countersign]').count()).toBe(1);
    expect(recordKeys((await seen()).slice(from))).toEqual([]);
    // A real navigation afterwards is the barrier: a record reported again on the remount would come before it.
    await page.getByRole('link', { name: FIXTURES.hubspot.next.link }).click();
    await expectRecords(seen, from, ['hubspot/457']);
  });
});

describe('a CRM page without a record', () => {
  it('gets no frame, and the background hears that the tab shows no record', async () => {
    const from = (await seen()).length;
    const page = await open('https://app.hubspot.com/contacts/1234567/objects/0-3/views/all/list');
    await expectRecords(seen, from, [null]);
    expect(await panelIframe(page).count()).toBe(0);
  });
});

describe('the built content script', () => {
  it('stays within 10 KB gzip and carries no zod, React, Dexie or HTML sink', () => {
    const code = readFileSync(`${EXTENSION_DIR}/content-scripts/crm.js`);
    expect(gzipSync(code).length).toBeLessThanOrEqual(10 * 1024);
    const text = code.toString();
    for (const marker of ['ZodError', 'react.element', 'Dexie', 'indexedDB', 'innerHTML', 'localStorage']) {
      expect(text, marker).not.toContain(marker);
    }
  });
});
