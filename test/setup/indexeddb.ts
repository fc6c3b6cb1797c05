// An IndexedDB global for the node tests, as the service worker has one. Dexie reads it when it loads: without it,
// `liveQuery` (which the background runs for the pages' subscriptions) stays silent. Databases that pass their own
// fake-indexeddb factory keep it; this only makes the global exist.
import 'fake-indexeddb/auto';
