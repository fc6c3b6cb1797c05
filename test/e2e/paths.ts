import { dirname, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

export const ROOT = resolve(dirname(fileURLToPath(import.meta.url)), '../..');
/**
 * Where the end-to-end build goes: beside, not over, the .output/chrome-mv3 a developer may have loaded. E2E_OUT_DIR
 * moves it, so that two runs from one checkout (two people, two terminals) do not rebuild under each other's browser.
 */
export const E2E_OUT_DIR = resolve(ROOT, process.env.E2E_OUT_DIR ?? '.output/e2e');
/** The unpacked Chrome build the suites load. */
export const EXTENSION_DIR = resolve(E2E_OUT_DIR, 'chrome-mv3');
export const CHROMIUM = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';
