import { defineConfig } from 'vitest/config';

/**
 * End-to-end suites: the built extension in headless Chromium against a real server. One file at a time (each
 * starts a browser and a server; the machines have 2 cores), with time for a cold browser start.
 */
export default defineConfig({
  test: {
    include: ['test/e2e/**/*.test.ts'],
    environment: 'node',
    globalSetup: ['test/e2e/global-setup.ts'],
    fileParallelism: false,
    testTimeout: 60_000,
    hookTimeout: 120_000,
  },
});
