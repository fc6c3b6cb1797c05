// Test setup for the component and hook tests: an IndexedDB in memory for the test background's database, and a
// clean DOM after each test.
import 'fake-indexeddb/auto';
import { cleanup } from '@testing-library/react';
import { afterEach } from 'vitest';

afterEach(() => {
  cleanup();
});
