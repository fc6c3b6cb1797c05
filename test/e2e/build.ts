import { existsSync } from 'node:fs';
import { build } from 'wxt';
import { E2E_OUT_DIR, EXTENSION_DIR, ROOT } from './paths';

// Build progress would drown the test report; warnings and errors still show.
const quiet = {
  debug() {},
  log() {},
  info() {},
  success() {},
  warn: console.warn,
  error: console.error,
  fatal: console.error,
  fail: console.error,
  ready() {},
  start() {},
  box() {},
  trace() {},
  verbose() {},
  level: 3,
} as never;

/** Builds the Chrome extension into EXTENSION_DIR (not over the .output/chrome-mv3 a developer may have loaded). */
export async function buildExtension(): Promise<void> {
  await build({ root: ROOT, outDir: E2E_OUT_DIR, logger: quiet });
  if (!existsSync(`${EXTENSION_DIR}/manifest.json`))
    throw new Error(`wxt build wrote no ${EXTENSION_DIR}/manifest.json`);
}
