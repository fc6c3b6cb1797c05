import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { adapters } from '../../lib/crm/registry';
import { FIXTURES } from '../fixtures/crm';
import { MINIMAL_FIXTURES } from '../fixtures/crm/minimal';
import { startE2E, type E2E } from './harness';
import { cardWith, cards, expandPanel } from './panel';

// The CRMs the saved pages in test/fixtures/crm/index.ts do not cover (Zoho, Attio, Close, Dynamics online), each
// at a record URL of its own form, served by a minimal page: the panel mounts there with that record's suggestion,
// and an in-page (SPA) navigation to another record brings that record's suggestion instead.

let e2e: E2E;
beforeAll(async () => {
  e2e = await startE2E();
  await e2e.signIn();
});
afterAll(async () => e2e?.close());

it('has a record page in Chromium for every CRM in the registry', () => {
  // The demo CRM's pages are the server's own (demo-crm.test.ts).
  const covered = new Set([...Object.keys(FIXTURES), ...Object.keys(MINIMAL_FIXTURES), 'demo']);
  expect(adapters.map((adapter) => adapter.crm).filter((crm) => !covered.has(crm))).toEqual([]);
});

describe.each(Object.entries(MINIMAL_FIXTURES))('on a %s record page', (crm, fixture) => {
  it("shows the record's suggestion, then the next record's after an SPA navigation, and back", async () => {
    const here = `Budget confirmed by the champion (${crm})`;
    const there = `Renewal call moved to next quarter (${crm})`;
    const { url, ...record } = fixture.record;
    const { url: nextUrl, link, ...next } = fixture.next;
    await e2e.proposeFor(record, { reasons: [here] });
    await e2e.proposeFor(next, { reasons: [there] });

    const page = await e2e.openCrmPage(url, fixture);
    await expandPanel(page);
    await cardWith(page, here).waitFor({ timeout: 15_000 });
    expect(await cards(page).count()).toBe(1);

    await page.getByRole('link', { name: link }).click();
    await expect.poll(() => page.url()).toBe(nextUrl);
    await cardWith(page, there).waitFor({ timeout: 10_000 });
    // Only the new record's cards: nothing of the first one stays in the list.
    await expect.poll(() => cards(page).count()).toBe(1);
    expect(await cardWith(page, here).count()).toBe(0);

    await page.goBack();
    await cardWith(page, here).waitFor({ timeout: 10_000 });
    await expect.poll(() => cards(page).count()).toBe(1);
    await page.close();
  });
});
