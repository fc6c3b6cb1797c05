import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { FIXTURES } from '../fixtures/crm';
import { openExtensionPage, panelHost, registeredMatches } from './extension-pages';
import { startE2E, type E2E } from './harness';
import { ON_PREMISE, openOnPremisePage, opportunityUrl } from './on-premise';
import { approveByKeyboard, cardWith, expandPanel, panelIframe } from './panel';

// An on-premise Dynamics at a host no build lists: the user adds it on the options page, and the panel runs there.
//
// What is simulated, and why: Chrome's permission prompt cannot be answered from Playwright, so the end-to-end build
// grants crm.contoso.test and crm.fabrikam.test at install (see on-premise.ts), as if the user had accepted it. The
// rest is the product's own path: the options page calls permissions.request, which Chrome resolves true at once for
// an origin already granted; the background keeps the host and registers the content script for it; the script
// mounts the panel through the per-session URL. crm.fabrikam.test shows that a grant alone is not enough: only the
// hosts the user added get the panel.

const OPPORTUNITY = '5d0b7c1e-93f4-4a2b-8c6d-e1f2a3b4c5d6';
const CONTOSO_PAGE = opportunityUrl(ON_PREMISE.contoso, OPPORTUNITY);
const REASON = 'Renewal quote signed on the on-premise CRM';

let e2e: E2E;
beforeAll(async () => {
  e2e = await startE2E();
  await e2e.signIn();
});
afterAll(async () => e2e?.close());

const hostsList = (options: Page) => options.getByRole('list', { name: 'Added hosts' });

/**
 * Whether panel frames are in these pages once the content script has had its chance there: a named CRM's record page
 * opened after them in the same browser is the control, and the check runs once the control's panel is in.
 */
async function panelsOnceControlHasOne(pages: Page[]): Promise<boolean[]> {
  await Promise.all(pages.map((p) => p.waitForLoadState('load')));
  const control = await e2e.openCrmPage(FIXTURES.hubspot.record.url);
  await panelIframe(control).waitFor({ state: 'attached', timeout: 15_000 });
  await control.close();
  return Promise.all(pages.map(async (p) => (await panelIframe(p).count()) > 0));
}

describe('a CRM host the user adds', () => {
  let options: Page;
  beforeAll(async () => {
    options = await openExtensionPage(e2e, 'options.html');
  });
  afterAll(() => options?.close());

  it('gets no panel before it is added, though access to it is granted', async () => {
    expect(await registeredMatches(await e2e.worker())).toEqual([]);
    const page = await openOnPremisePage(e2e.context, CONTOSO_PAGE);
    expect(await panelsOnceControlHasOne([page])).toEqual([false]);
    await page.close();
  });

  it('is added on the options page, and the content script is registered for it', async () => {
    await options.getByRole('textbox', { name: 'CRM address' }).fill(`${ON_PREMISE.contoso}/Contoso/main.aspx`);
    await options.getByRole('button', { name: 'Add host' }).click();
    await options
      .getByRole('status')
      .filter({ hasText: `The panel now runs on ${ON_PREMISE.contoso}.` })
      .waitFor();
    expect(await hostsList(options).locator('code').allTextContents()).toEqual([`${ON_PREMISE.contoso}/*`]);
    await expect.poll(async () => registeredMatches(await e2e.worker())).toEqual([`${ON_PREMISE.contoso}/*`]);
  });

  it('shows the record’s suggestion in the panel, and `a` takes the decision to the server', async () => {
    const s = await e2e.proposeFor(
      { crm: 'dynamics', objectType: 'opportunity', id: OPPORTUNITY, name: 'Contoso renewal' },
      {
        changes: [{ field: 'stepname', label: 'Pipeline phase', from: '3-Propose', to: '4-Close' }],
        reasons: [REASON, 'Champion confirmed the budget'],
      },
    );
    const page = await openOnPremisePage(e2e.context, CONTOSO_PAGE);
    await expandPanel(page);
    // The frame loads through this session's address, not the extension's own.
    const worker = await e2e.worker();
    expect(await panelIframe(page).getAttribute('src')).toBe(
      `chrome-extension://${await panelHost(worker)}/review-panel.html`,
    );

    const card = cardWith(page, REASON);
    await card.waitFor({ timeout: 15_000 });
    expect(await card.locator('del').first().textContent()).toBe('3-Propose');
    expect(await card.locator('ins').first().textContent()).toBe('4-Close');

    await approveByKeyboard(card);
    await e2e.waitForStatus(s.id, 'approved');
    expect((await e2e.suggestion(s.id)).decisions).toMatchObject([{ kind: 'approve', by: { name: 'Dana' } }]);
    expect((await e2e.audit(s.id)).filter((a) => a.kind === 'decided')).toHaveLength(1);
    await page.close();
  });

  it('leaves hosts that were not added alone: granted but not added, or neither', async () => {
    const added = await openOnPremisePage(e2e.context, CONTOSO_PAGE);
    const grantedOnly = await openOnPremisePage(e2e.context, opportunityUrl(ON_PREMISE.fabrikam, OPPORTUNITY));
    const unknown = await openOnPremisePage(e2e.context, opportunityUrl(ON_PREMISE.northwind, OPPORTUNITY));
    // The same record's page on the added host gets its panel meanwhile: the others had the same chance.
    await panelIframe(added).waitFor({ state: 'attached', timeout: 15_000 });
    expect(await panelsOnceControlHasOne([grantedOnly, unknown])).toEqual([false, false]);
    await Promise.all([added.close(), grantedOnly.close(), unknown.close()]);
  });

  it('is removed on the options page: the script is unregistered and the next page load has no panel', async () => {
    await hostsList(options)
      .getByRole('button', { name: `Remove ${ON_PREMISE.contoso}/*` })
      .click();
    await options.getByText('No other hosts yet.').waitFor();
    await expect.poll(async () => registeredMatches(await e2e.worker())).toEqual([]);
    const page = await openOnPremisePage(e2e.context, CONTOSO_PAGE);
    expect(await panelsOnceControlHasOne([page])).toEqual([false]);
    await page.close();
  });
});

describe('the panel’s address', () => {
  it('cannot be probed by pages at the extension’s own URL, on a named CRM either', async () => {
    const page = await e2e.openCrmPage(FIXTURES.hubspot.record.url);
    await panelIframe(page).waitFor({ state: 'attached', timeout: 15_000 });
    const src = await panelIframe(page).getAttribute('src');
    expect(src).not.toContain(e2e.extensionId);
    const known = `chrome-extension://${e2e.extensionId}/review-panel.html`;
    // A page probing for Countersign at the address every installation shares finds nothing.
    const probe = await page.evaluate(async (url) => {
      try {
        const res = await fetch(url);
        return `fetched ${res.status}`;
      } catch {
        return 'refused';
      }
    }, known);
    expect(probe).toBe('refused');
    await page.close();
  });
});
