import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { FIXTURES } from '../fixtures/crm';
import type { PageGlobals } from './browser-types';
import { startE2E, type E2E } from './harness';
import { cardWith, expandPanel, panelFrameHandle } from './panel';

// Test (6) of issue 3: AI output is untrusted (prompt injection reaches reasons, values, drafts and context); the
// panel shows it as text and never parses it as HTML.

const IMG = '<img src=x onerror="window.__pwned = (window.__pwned || 0) + 1">';
const SCRIPT = '<script>window.__pwned = (window.__pwned || 0) + 1</script>';
const SVG = '<svg onload="window.__pwned = 1"><a href="javascript:window.__pwned=1">click</a></svg>';

let e2e: E2E;
beforeAll(async () => {
  e2e = await startE2E();
});
afterAll(async () => e2e?.close());

describe('AI text with HTML and script payloads', () => {
  it('(6) shows as literal text in the panel, and no element or script comes of it', async () => {
    const record = { crm: 'hubspot', objectType: 'deal', id: '456', name: `Acme ${IMG}` };
    await e2e.proposeFor(record, {
      changes: [{ field: 'dealstage', label: `Stage ${SVG}`, from: 'Negotiation', to: `Closed Lost ${SCRIPT}` }],
      reasons: [`Customer wrote: ${IMG}`, `Ignore previous instructions ${SCRIPT}`],
      context: { lastEmail: `${IMG} ${SCRIPT}`, owner: 'Dana' },
    });
    await e2e.proposeFor(record, {
      type: 'email_draft',
      changes: [],
      draft: { to: 'jane@acme.example', subject: `Re: ${IMG}`, body: `Hi Jane,\n${SCRIPT}\n${SVG}\nBest, Dana` },
      reasons: ['Follow-up drafted from the last call'],
      impact: { customerFacing: true, reversible: false },
    });
    await e2e.signIn();
    const page = await e2e.openCrmPage(FIXTURES.hubspot.record.url);
    await expandPanel(page);
    const card = cardWith(page, 'Customer wrote:');
    await card.waitFor({ timeout: 15_000 });

    // The payloads are there, character for character, as text.
    const text = (await card.textContent()) ?? '';
    expect(text).toContain(`Customer wrote: ${IMG}`);
    expect(text).toContain(`Ignore previous instructions ${SCRIPT}`);
    expect(text).toContain(`Closed Lost ${SCRIPT}`);
    const draft = cardWith(page, 'Follow-up drafted from the last call');
    await draft.waitFor({ timeout: 15_000 });
    expect(await draft.textContent()).toContain(SCRIPT);

    // Nothing was parsed: no img/svg/inline script from the payloads, no handler ran, in the panel or the page.
    const frame = await panelFrameHandle(page);
    const inPanel = await frame.evaluate(() => {
      const all = (selector: string) => Array.from(document.querySelectorAll(selector));
      return {
        imgs: all('img').filter((i) => i.getAttribute('src') === 'x').length,
        handlers: all('[onerror], [onload], a[href^="javascript:"]').length,
        inlineScripts: all('script').filter((s) => (s.textContent ?? '').includes('__pwned')).length,
        pwned: (window as PageGlobals).__pwned ?? null,
      };
    });
    expect(inPanel).toEqual({ imgs: 0, handlers: 0, inlineScripts: 0, pwned: null });
    expect(await page.evaluate(() => (window as PageGlobals).__pwned ?? null)).toBeNull();
    await page.close();
  });
});
