// Test setup for the panel's component and hook tests: an IndexedDB in memory, and a clean DOM after each test.
import 'fake-indexeddb/auto';
import { cleanup } from '@testing-library/react';
import { afterEach } from 'vitest';

afterEach(() => {
  cleanup();
});
