import { existsSync } from 'node:fs';
import { build } from 'wxt';
import { E2E_GRANTED_HOSTS } from './on-premise';
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

/**
 * Builds the Chrome extension into EXTENSION_DIR (not over the .output/chrome-mv3 a developer may have loaded), with
 * the on-premise test hosts granted at install (see test/e2e/on-premise.ts).
 */
export async function buildExtension(): Promise<void> {
  const before = process.env.COUNTERSIGN_E2E_GRANTED_HOSTS;
  process.env.COUNTERSIGN_E2E_GRANTED_HOSTS = E2E_GRANTED_HOSTS.join(',');
  try {
    await build({ root: ROOT, outDir: E2E_OUT_DIR, logger: quiet });
  } finally {
    if (before === undefined) delete process.env.COUNTERSIGN_E2E_GRANTED_HOSTS;
    else process.env.COUNTERSIGN_E2E_GRANTED_HOSTS = before;
  }
  if (!existsSync(`${EXTENSION_DIR}/manifest.json`))
    throw new Error(`wxt build wrote no ${EXTENSION_DIR}/manifest.json`);
}
