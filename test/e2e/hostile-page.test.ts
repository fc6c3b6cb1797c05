import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { HOSTILE } from '../fixtures/crm';
import type { PageGlobals } from './browser-types';
import { startE2E, type E2E } from './harness';
import {
  approveByKeyboard,
  cardWith,
  expandPanel,
  PANEL_SELECTOR,
  panelFrame,
  panelFrameHandle,
  panelIframe,
  panelKeys,
} from './panel';

// Test (5) of issue 3: the CRM page's own scripts attack the panel (see test/fixtures/crm/hubspot-hostile.html).
// The panel is an extension-origin frame: the page can neither read it nor act in it, and the content script
// carries no suggestion data the page could intercept.

const SECRET = 'Wire the refund to account 7741-UNIQUE-REASON-a9f3';

let e2e: E2E;
beforeAll(async () => {
  e2e = await startE2E();
});
afterAll(async () => e2e?.close());

describe('a hostile CRM page', () => {
  it('(5) reads nothing of the panel and takes no decision by forged messages, clicks or keys', async () => {
    const { record } = HOSTILE;
    // Urgent: the first card, the one the focus lands on when it arrives in the panel.
    const target = await e2e.proposeFor(record, {
      reasons: [SECRET, 'Second reason, also private'],
      priority: 'urgent',
    });
    // A second item is the barrier: approving it for real, after the attacks, flushes the outbox in order.
    const barrier = await e2e.proposeFor(record, {
      type: 'field_update',
      changes: [{ field: 'closedate', label: 'Close date', from: '2026-12-12', to: '2027-01-15' }],
      reasons: ['Barrier: approved by a real keystroke'],
    });
    await e2e.signIn();
    const page = await e2e.openCrmPage(record.url, 'hostile', {
      // As if the ids had leaked to the page: the worst case for forged decisions.
      beforeLoad: async (p) => {
        await p.addInitScript(
          (ids) => {
            (window as PageGlobals).__hostileTargets = { suggestionIds: ids };
          },
          [target.id, barrier.id],
        );
      },
    });
    await expandPanel(page);
    const card = cardWith(page, SECRET);
    await card.waitFor({ timeout: 15_000 });

    // The panel shows the secret; now the page attacks while it is on screen, and navigates the frame.
    expect(await page.evaluate(() => (window as PageGlobals).__hostile!.attack())).toBe(true);
    expect(await page.evaluate(() => (window as PageGlobals).__hostile!.craftedNavigation())).toBe(true);
    await expandPanel(page);
    await card.waitFor({ timeout: 15_000 });
    expect(await page.evaluate(() => (window as PageGlobals).__hostile!.attack())).toBe(true);

    // Keyjacking: the page moves the focus into the frame, and the user's next keystrokes, meant for the page, land
    // in the panel on the target's card. Real keys, not synthetic ones: the panel must take none of them.
    await page.evaluate((selector) => document.querySelector<HTMLIFrameElement>(selector)!.focus(), PANEL_SELECTOR);
    const focusedCard = () =>
      panelFrameHandle(page).then((f) =>
        f.evaluate(() => document.activeElement?.closest<HTMLElement>('li[data-id]')?.dataset.id ?? null),
      );
    await expect.poll(focusedCard, { timeout: 5_000 }).toBe(target.id);
    for (const key of ['a', 'Shift+A', 'Enter', ' ', 'r', 'Tab', 'Enter', 'Tab', ' ']) await page.keyboard.press(key);
    await panelFrame(page).getByRole('status').filter({ hasText: 'Keys paused' }).waitFor({ timeout: 5_000 });
    expect(await panelKeys(page)).toBe('off');
    expect(await panelFrame(page).getByRole('textbox').count()).toBe(0); // `r` opened no reason form

    const hostile = await page.evaluate(() => {
      const h = (window as PageGlobals).__hostile!;
      return { attempts: h.attempts, received: h.received, rounds: h.rounds };
    });
    const outcome = (what: string) => hostile.attempts.filter((a) => a.what === what).map((a) => a.outcome);
    expect(hostile.rounds).toBeGreaterThanOrEqual(2);
    expect(outcome('navigate frame')).toHaveLength(1);
    expect(outcome('frame postMessage *').length).toBeGreaterThan(10);
    expect(new Set(outcome('iframe.contentDocument'))).toEqual(new Set(['null']));
    expect(new Set(outcome('contentWindow.document'))).toEqual(new Set(['threw SecurityError']));
    expect(new Set(outcome('contentWindow.localStorage'))).toEqual(new Set(['threw SecurityError']));
    expect(new Set(outcome('chrome.runtime.sendMessage'))).toEqual(new Set(['no chrome.runtime in the page']));

    // The barrier: a real keystroke on the other card reaches the server after anything queued before it.
    await approveByKeyboard(cardWith(page, 'Barrier: approved by a real keystroke'));
    await e2e.waitForStatus(barrier.id, 'approved', 15_000);
    const after = await e2e.suggestion(target.id);
    expect(after.status).toBe('pending');
    expect(after.decisions).toHaveLength(0);
    expect((await e2e.audit(target.id)).map((a) => a.kind)).not.toContain('decided');
    // Still signed in as Dana: the forged auth.signIn / signOut changed nothing.
    expect((await e2e.suggestion(barrier.id)).decisions.map((d) => d.by.name)).toEqual(['Dana']);

    // Nothing of the suggestion reached the page: not its DOM, not a message, not a fetch.
    const html = await page.evaluate(() => document.documentElement.outerHTML);
    const text = await page.evaluate(() => document.body.innerText);
    for (const leak of [SECRET, 'Second reason, also private', '7741-UNIQUE']) {
      expect(html).not.toContain(leak);
      expect(text).not.toContain(leak);
      expect(hostile.received.filter((m) => m.data.includes(leak))).toEqual([]);
    }
    // The panel itself still shows it, so the absence above means something.
    expect(await panelFrame(page).getByText(SECRET).count()).toBeGreaterThan(0);
    expect(await panelIframe(page).count()).toBe(1);
    await page.close();
  });
  it('gets no decision from a click on the panel it made see-through (clickjacking)', async () => {
    const { record } = HOSTILE;
    const approveTo = 'Closed Won (clickjacked)';
    const target = await e2e.proposeFor(record, {
      changes: [{ field: 'dealstage', label: 'Stage', from: 'Negotiation', to: approveTo }],
      reasons: ['Target of the invisible click'],
      priority: 'urgent',
    });
    const barrier = await e2e.proposeFor(record, {
      type: 'field_update',
      changes: [{ field: 'closedate', label: 'Close date', from: '2026-12-12', to: '2027-02-01' }],
      reasons: ['Barrier after the invisible click'],
    });
    await e2e.signIn();
    const page = await e2e.openCrmPage(record.url, 'hostile');
    await expandPanel(page);
    const card = cardWith(page, 'Target of the invisible click');
    const approve = card.getByRole('button', { name: 'Approve', exact: true });
    await approve.waitFor({ timeout: 15_000 });

    // The page makes the panel's frame see-through: the user sees the page, and clicks where Approve lies beneath.
    const setOpacity = (opacity: string) =>
      page.evaluate(
        ([selector, value]) => {
          document.querySelector<HTMLElement>(selector)!.parentElement!.style.opacity = value;
        },
        [PANEL_SELECTOR, opacity] as const,
      );
    await setOpacity('0');
    await expect.poll(() => approve.getAttribute('data-covered'), { timeout: 5_000 }).toBe('');
    await approve.click({ force: true });
    await panelFrame(page)
      .getByRole('status')
      .filter({ hasText: 'covered or see-through' })
      .waitFor({ timeout: 5_000 });

    // Back in view: the barrier, approved by a real keystroke, reaches the server after anything the click queued.
    await setOpacity('1');
    await approve.scrollIntoViewIfNeeded();
    await expect.poll(() => approve.getAttribute('data-covered'), { timeout: 5_000 }).toBeNull();
    await approveByKeyboard(cardWith(page, 'Barrier after the invisible click'));
    await e2e.waitForStatus(barrier.id, 'approved', 15_000);
    const after = await e2e.suggestion(target.id);
    expect([after.status, after.decisions.length]).toEqual(['pending', 0]);
    await page.close();
  });
});
