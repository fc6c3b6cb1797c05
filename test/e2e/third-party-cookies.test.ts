import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { FIXTURES } from '../fixtures/crm';
import { startE2E, type E2E } from './harness';
import { approveByKeyboard, cardWith, expandPanel } from './panel';

// A user who blocks third-party cookies (a Chrome setting; the default in Incognito, in Brave, and in Debian's
// Chromium). Chrome then denies storage (IndexedDB, localStorage) to an extension page framed by a web page, which is
// what the review panel is: it must still show the record's suggestions and take decisions.

let e2e: E2E;
beforeAll(async () => {
  e2e = await startE2E({ thirdPartyCookies: 'blocked' });
});
afterAll(async () => e2e?.close());

describe('with third-party cookies blocked', () => {
  it('the panel still shows the suggestion and `a` still approves it', async () => {
    const s = await e2e.proposeFor({ crm: 'hubspot', objectType: 'deal', id: '456', name: 'Acme Corp, 40 seats' });
    await e2e.signIn();
    const page = await e2e.openCrmPage(FIXTURES.hubspot.record.url);
    await expandPanel(page);
    const card = cardWith(page, 'Closed Lost');
    await card.waitFor({ timeout: 15_000 });
    await approveByKeyboard(card);
    await expect.poll(async () => (await e2e.suggestion(s.id)).decisions.length, { timeout: 15_000 }).toBe(1);
    expect((await e2e.suggestion(s.id)).decisions).toMatchObject([{ kind: 'approve', by: { name: 'Dana' } }]);
    await page.close();
  });
});
