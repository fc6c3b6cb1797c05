import { defineConfig } from 'vitest/config';
import { WxtVitest } from 'wxt/testing/vitest-plugin';

/**
 * Unit and integration tests in two projects: `node` (server, shared lib, the extension's background, cache and data
 * bridge, also against a real server) and `components` (the extension pages' views in happy-dom with the fake
 * extension APIs, served by the real background handlers over an in-memory database, and by a real server).
 * The end-to-end suites run in Chromium with their own config, vitest.e2e.config.ts.
 */
export default defineConfig({
  test: {
    projects: [
      {
        test: {
          name: 'node',
          environment: 'node',
          include: [
            'lib/{schemas,policy,crm,db,sync,background,bridge}/**/*.test.ts',
            'server/**/*.test.ts',
            'test/integration/**/*.test.ts',
            'entrypoints/**/*.test.ts',
          ],
          setupFiles: ['test/setup/indexeddb.ts'],
          testTimeout: 30_000,
          hookTimeout: 60_000,
        },
      },
      {
        plugins: [WxtVitest()],
        test: {
          name: 'components',
          environment: 'happy-dom',
          // The background calls the server as an extension with the server's host permission, to which the
          // same-origin policy does not apply; happy-dom's fetch would otherwise apply the test page's.
          environmentOptions: { happyDOM: { settings: { fetch: { disableSameOriginPolicy: true } } } },
          include: ['components/**/*.test.tsx', 'lib/{hooks,stores,text,keyboard,pointer}/**/*.test.{ts,tsx}'],
          setupFiles: ['lib/hooks/testing/setup.ts'],
          testTimeout: 15_000,
        },
      },
    ],
  },
});
