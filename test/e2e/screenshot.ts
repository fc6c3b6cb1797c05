import { FIXTURES } from '../fixtures/crm';
import { buildExtension } from './build';
import { startE2E } from './harness';
import { cardWith, expandPanel } from './panel';

/**
 * Renders the README's picture of the panel: the built extension in Chromium on a HubSpot deal served from its
 * fixture, with three suggestions of different lanes. Run with `npx tsx test/e2e/screenshot.ts`.
 */
const OUT = process.argv[2] ?? 'docs/panel.png';
const deal = { crm: 'hubspot', objectType: 'deal', id: '456', name: 'Acme Corp, 40 seats' };

await buildExtension();
const e2e = await startE2E();
try {
  await e2e.proposeFor(deal, { reasons: ['No activity in 45 days', 'Champion left the company'] });
  await e2e.proposeFor(deal, {
    type: 'field_update',
    confidence: 0.74,
    changes: [{ field: 'amount', label: 'Amount', from: 48000, to: 52000 }],
    reasons: ['Seat count grew to 44 on the signed order form'],
  });
  await e2e.proposeFor(deal, {
    type: 'email_draft',
    confidence: 0.93,
    changes: [],
    draft: {
      to: 'dana@acme.example',
      subject: 'Next steps',
      body: 'Hi Dana,\n\nThanks for the call. Shall we meet on Tuesday?',
    },
    impact: { customerFacing: true, reversible: false },
    reasons: ['Customer asked for a follow-up on the call'],
  });
  await e2e.signIn();
  const page = await e2e.openCrmPage(FIXTURES.hubspot.record.url);
  await page.setViewportSize({ width: 1280, height: 860 });
  await expandPanel(page);
  await cardWith(page, 'Closed Lost').waitFor({ timeout: 15_000 });
  await page.screenshot({ path: OUT });
  console.log(`wrote ${OUT}`);
} finally {
  await e2e.close();
}
