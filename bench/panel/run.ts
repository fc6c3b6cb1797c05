import { buildExtension } from '../../test/e2e/build';
import { startE2E } from '../../test/e2e/harness';
import { EXTENSION_DIR } from '../../test/e2e/paths';
import { extensionSizes } from './sizes';
import { measureSwitches, type SwitchSample } from './switch-latency';

const SWITCHES = Number(process.env.BENCH_PANEL_SWITCHES ?? 30);

function percentile(sorted: number[], p: number): number {
  return sorted[Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1)]!;
}

function summary(values: number[]) {
  const sorted = values.filter(Number.isFinite).sort((a, b) => a - b);
  const mean = sorted.reduce((n, v) => n + v, 0) / sorted.length;
  return { n: sorted.length, p50: percentile(sorted, 50), p95: percentile(sorted, 95), max: sorted.at(-1)!, mean };
}

export interface PanelBenchResult {
  switchMs: Record<keyof SwitchSample, ReturnType<typeof summary>>;
  sizes: ReturnType<typeof extensionSizes>;
}

/** The panel's Chromium figures: record-switch latency (warm cache) and the content script and panel sizes. */
export async function runPanelBench(opts: { build?: boolean; switches?: number } = {}): Promise<PanelBenchResult> {
  if (opts.build ?? true) await buildExtension();
  const sizes = extensionSizes(EXTENSION_DIR);
  const e2e = await startE2E();
  try {
    const samples = await measureSwitches(e2e, opts.switches ?? SWITCHES);
    const pick = (k: keyof SwitchSample) => summary(samples.map((s) => s[k]));
    return { switchMs: { reported: pick('reported'), rendered: pick('rendered'), visible: pick('visible') }, sizes };
  } finally {
    await e2e.close();
  }
}

const kb = (n: number) => `${(n / 1024).toFixed(1)} KB`;
const ms = (n: number) => `${n.toFixed(1)} ms`;

function print(r: PanelBenchResult): void {
  console.log(`panel (Chromium ${process.env.CHROMIUM_PATH ?? '/usr/bin/chromium'}, headless)`);
  const rows: [string, keyof SwitchSample][] = [
    ['  record reported to the background', 'reported'],
    ['  cards in the panel DOM', 'rendered'],
    ['  cards visible (next frame)', 'visible'],
  ];
  console.log(`SPA record switch → suggestions visible, warm cache, ${r.switchMs.visible.n} switches:`);
  for (const [label, key] of rows) {
    const s = r.switchMs[key];
    console.log(`${label.padEnd(38)} p50 ${ms(s.p50)}  p95 ${ms(s.p95)}  max ${ms(s.max)}  mean ${ms(s.mean)}`);
  }
  console.log('sizes (gzip -9):');
  console.log(`  content script ${kb(r.sizes.content.gzip)} (${kb(r.sizes.content.bytes)} raw)`);
  console.log(
    `  review panel   ${kb(r.sizes.panel.gzip)} (${kb(r.sizes.panel.bytes)} raw), ` +
      `${r.sizes.panel.files.length} files loaded up front:`,
  );
  for (const f of r.sizes.panel.files) console.log(`    ${f.file.padEnd(44)} ${kb(f.gzip)}`);
}

if (import.meta.url === `file://${process.argv[1]}`) {
  runPanelBench({ build: process.env.BENCH_SKIP_BUILD !== '1' })
    .then(print)
    .catch((e: unknown) => {
      console.error(e);
      process.exit(1);
    });
}
