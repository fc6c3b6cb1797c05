import { defineConfig } from 'vitest/config';
import { WxtVitest } from 'wxt/testing/vitest-plugin';

// The review panel's views, hooks and stores: a DOM (happy-dom), the fake extension APIs, IndexedDB in memory.
export default defineConfig({
  plugins: [WxtVitest()],
  test: {
    environment: 'happy-dom',
    include: ['components/**/*.test.tsx', 'lib/{hooks,stores,text,keyboard}/**/*.test.{ts,tsx}'],
    setupFiles: ['lib/hooks/testing/setup.ts'],
    testTimeout: 15_000,
  },
});
