import type { Frame, Page } from 'playwright-core';
import { FIXTURES } from '../../test/fixtures/crm';
import { watchBackground } from '../../test/e2e/background-probe';
import type { E2E } from '../../test/e2e/harness';
import { cardWith, expandPanel, panelFrameHandle } from '../../test/e2e/panel';

export interface SwitchSample {
  /** The content script's report reaching the background. */
  reported: number;
  /** The target record's cards in the panel's DOM (and the previous record's gone). */
  rendered: number;
  /** The frame after that: what the user sees. */
  visible: number;
}

interface BenchWindow {
  __bench: { want: string; unwanted: string; dom: number; frame: number; check(): void };
  render(): void;
}

const { hubspot } = FIXTURES;
const RECORDS = [
  { ...hubspot.record, marker: 'bench-marker-456' },
  { ...hubspot.next, marker: 'bench-marker-457' },
];

// Watches the panel's list in its own frame: the moment the wanted record's cards are in and the other's are out,
// then the next animation frame. Times are epoch ms from performance.timeOrigin, comparable across the frames.
// Source text rather than a function: tsx compiles with esbuild's keepNames, and its __name helper, which it wraps
// around inner functions, does not exist in the frame.
const WATCHER = `(() => {
  const now = () => performance.timeOrigin + performance.now();
  const bench = { want: '', unwanted: '', dom: 0, frame: 0 };
  bench.check = () => {
    if (!bench.want || bench.dom) return;
    const text = document.querySelector('ul[aria-label="Suggestions"]')?.textContent ?? '';
    if (!text.includes(bench.want) || text.includes(bench.unwanted)) return;
    bench.dom = now();
    requestAnimationFrame(() => (bench.frame = now()));
  };
  window.__bench = bench;
  const options = { subtree: true, childList: true, characterData: true };
  new MutationObserver(() => bench.check()).observe(document.body, options);
})()`;

async function installWatcher(frame: Frame): Promise<void> {
  await frame.evaluate(WATCHER);
}

async function switchTo(page: Page, frame: Frame, to: (typeof RECORDS)[number], from: (typeof RECORDS)[number]) {
  await frame.evaluate(
    ([want, unwanted]) =>
      Object.assign((window as unknown as BenchWindow).__bench, { want, unwanted, dom: 0, frame: 0 }),
    [to.marker, from.marker] as const,
  );
  // What the CRM's router does on a click: a new history entry, then the new record rendered in place.
  const started = await page.evaluate((url) => {
    const t = performance.timeOrigin + performance.now();
    history.pushState({}, '', url);
    (window as unknown as BenchWindow).render();
    return t;
  }, to.url);
  await frame.waitForFunction(() => (window as unknown as BenchWindow).__bench.frame > 0, undefined, {
    timeout: 10_000,
  });
  const { dom, frame: shown } = await frame.evaluate(() => (window as unknown as BenchWindow).__bench);
  return { started, dom, shown };
}

/**
 * Time from an SPA record switch on a HubSpot deal to that record's suggestions visible in the panel, with the cache
 * warm (both records synced and shown once before timing). Alternates between two deals with three cards each.
 */
export async function measureSwitches(e2e: E2E, switches: number, warmup = 4): Promise<SwitchSample[]> {
  const seen = await watchBackground(await e2e.worker());
  for (const r of RECORDS) {
    for (let k = 1; k <= 3; k++) {
      await e2e.proposeFor(
        { crm: r.crm, objectType: r.objectType, id: r.id, name: `Deal ${r.id}` },
        {
          reasons: [`${r.marker} reason ${k}`],
          changes: [{ field: 'f' + k, label: `Field ${k}`, from: 'a', to: 'b' }],
        },
      );
    }
  }
  await e2e.signIn();
  const page = await e2e.openCrmPage(RECORDS[0]!.url);
  await expandPanel(page);
  await cardWith(page, RECORDS[0]!.marker).first().waitFor({ timeout: 15_000 });
  const frame = await panelFrameHandle(page);
  await installWatcher(frame);

  const samples: SwitchSample[] = [];
  for (let i = 0; i < warmup + switches; i++) {
    const to = RECORDS[(i + 1) % 2]!;
    const from = RECORDS[i % 2]!;
    const { started, dom, shown } = await switchTo(page, frame, to, from);
    if (i < warmup) continue;
    const report = (await seen()).find((s) => s.type === 'tab.record' && s.at >= started && s.record?.id === to.id);
    samples.push({ reported: (report?.at ?? NaN) - started, rendered: dom - started, visible: shown - started });
  }
  await page.close();
  return samples;
}
