import { existsSync } from 'node:fs';
import { buildExtension } from './build';
import { CHROMIUM, EXTENSION_DIR } from './paths';

/**
 * Builds the extension once for the whole run, always: a stale build would test yesterday's code, and it takes
 * seconds. E2E_SKIP_BUILD=1 reuses an existing one (for reruns while iterating). A missing Chromium fails the run
 * loudly rather than skipping the suites.
 */
export default async function setup(): Promise<void> {
  if (!existsSync(CHROMIUM)) {
    throw new Error(
      `end-to-end tests need Chromium at ${CHROMIUM} (apt-get install -y chromium, or set CHROMIUM_PATH)`,
    );
  }
  if (process.env.E2E_SKIP_BUILD === '1' && existsSync(`${EXTENSION_DIR}/manifest.json`)) return;
  await buildExtension();
}
