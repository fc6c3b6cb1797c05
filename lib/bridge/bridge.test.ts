import { liveQuery } from 'dexie';
import { IDBFactory, IDBKeyRange } from 'fake-indexeddb';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { fakeBrowser } from 'wxt/testing/fake-browser';
import type { BackgroundBrowser, MessageSender } from '../background/browser-api';
import { LiveWatchers } from '../background/live-watchers';
import { acceptDataPorts } from '../background/page-data';
import { setConnection } from '../db/connection';
import { CountersignDb, META } from '../db/schema';
import type { Suggestion } from '../schemas/suggestion';
import { suggestion as baseSuggestion } from '../background/testing/harness';
import { BridgeClient } from './client';
import { DATA_PORT, type BackgroundMessage } from './protocol';
import { memoryPorts, type MemoryPort } from './testing/memory-ports';

let dbCount = 0;
const freshDb = () => new CountersignDb(`bridge-test-${++dbCount}`, { indexedDB: new IDBFactory(), IDBKeyRange });

const EXT = `chrome-extension://${fakeBrowser.runtime.id}`;
const panel: MessageSender = {
  id: fakeBrowser.runtime.id,
  url: `${EXT}/review-panel.html`,
  tab: { id: 7 } as never,
  frameId: 3,
};
const contentScript: MessageSender = {
  id: fakeBrowser.runtime.id,
  url: 'https://app.hubspot.com/contacts/2405741/record/0-3/456',
  tab: { id: 7 } as never,
  frameId: 0,
};

const DEAL = { crm: 'hubspot', objectType: 'deal', id: '456' };
const suggestion = (id: string, over: Partial<Suggestion> = {}): Suggestion =>
  baseSuggestion(id, {
    record: { ...DEAL, name: 'Acme' },
    changeSet: { changes: [{ field: 'dealstage', label: 'Stage', from: 'Negotiation', to: 'Closed Lost' }] },
    reasons: ['No activity in 45 days'],
    ...over,
  });

describe('the data bridge between pages and the background', () => {
  let db: CountersignDb;
  let watchers: LiveWatchers;
  let accept: (port: MemoryPort) => void;
  /** The background ends of every port opened, for the tests that play a service worker going away. */
  let backgroundEnds: MemoryPort[];

  /** Opens a port to the background's real handler as `sender`; returns the page's end. */
  const connect = (sender: MessageSender = panel, name = DATA_PORT) => {
    const { page, background } = memoryPorts(name, sender);
    backgroundEnds.push(background);
    accept(background);
    return page;
  };

  /** A raw page end that records what the background sends on it. */
  const rawPage = (sender: MessageSender = panel) => {
    const port = connect(sender);
    const received: BackgroundMessage[] = [];
    port.onMessage.addListener((m) => received.push(m as BackgroundMessage));
    const dataFor = (id: number) => received.flatMap((m) => (m.id === id && m.type === 'data' ? [m.value] : []));
    return { port, received, dataFor };
  };

  beforeEach(() => {
    fakeBrowser.reset();
    db = freshDb();
    watchers = new LiveWatchers(() => {});
    accept = acceptDataPorts({ browser: fakeBrowser as unknown as BackgroundBrowser, db, watchers });
    backgroundEnds = [];
  });
  afterEach(() => vi.restoreAllMocks());

  it('answers a subscription at once, and again after every change to what it read', async () => {
    await db.suggestions.bulkPut([suggestion('s1')]);
    const client = new BridgeClient(() => connect());
    const seen: string[][] = [];
    client.subscribe({ kind: 'recordSuggestions', record: { ...DEAL, objectType: 'DEAL' } }, (rows) =>
      seen.push(rows.map((s) => s.id)),
    );
    await vi.waitFor(() => expect(seen).toEqual([['s1']]));

    await db.suggestions.put(suggestion('s2', { expiresAt: '2026-11-01T10:00:00.000Z' }));
    await vi.waitFor(() => expect(seen.at(-1)).toEqual(['s2', 's1']));
    await db.suggestions.put(suggestion('elsewhere', { record: { ...DEAL, id: '789' } }));
    // The answer to a later change of the deal is read after the other record's item was written.
    await db.suggestions.put(suggestion('s3'));
    await vi.waitFor(() => expect(seen.at(-1)).toEqual(['s2', 's1', 's3']));
  });

  it('stops a query when the page unsubscribes', async () => {
    const { port, dataFor } = rawPage();
    port.postMessage({ type: 'subscribe', id: 1, query: { kind: 'connection' } });
    port.postMessage({ type: 'subscribe', id: 2, query: { kind: 'connection' } });
    await vi.waitFor(() => expect(dataFor(1)).toHaveLength(1));
    await vi.waitFor(() => expect(dataFor(2)).toHaveLength(1));

    port.postMessage({ type: 'unsubscribe', id: 1 });
    // The background reads a port's messages in order: once a later subscription is answered, the first has ended.
    port.postMessage({ type: 'subscribe', id: 3, query: { kind: 'connection' } });
    await vi.waitFor(() => expect(dataFor(3)).toHaveLength(1));
    await setConnection(db, { state: 'offline' });
    // The others read the same row, and Dexie reruns live queries in the order they started: once the last one
    // started has the change, the first would have had it too.
    await vi.waitFor(() => expect(dataFor(3)).toHaveLength(2));
    expect(dataFor(1)).toHaveLength(1);
    expect(dataFor(2).at(-1)).toMatchObject({ state: 'offline' });
  });

  it('stops every query of a page whose port disconnects, and its live watch', async () => {
    const { port, dataFor } = rawPage();
    port.postMessage({ type: 'subscribe', id: 1, query: { kind: 'connection' } });
    await vi.waitFor(() => expect(dataFor(1)).toHaveLength(1));
    expect(watchers.count).toBe(1);
    const reads = vi.spyOn(db.meta, 'get');
    await db.meta.put({ key: META.connection, value: { state: 'offline', lastSyncAt: null, error: null } });
    await vi.waitFor(() => expect(dataFor(1)).toHaveLength(2));
    expect(reads).toHaveBeenCalled();

    reads.mockClear();
    port.disconnect(); // the frame went away without unsubscribing
    await vi.waitFor(() => expect(watchers.count).toBe(0));
    // A live query of the test's own (reading without `get`): Dexie reruns live queries in the order they started,
    // so once it has the change, the page's query would have read it too.
    const states: string[] = [];
    const probe = liveQuery(() => db.meta.where('key').equals(META.connection).first()).subscribe((row) =>
      states.push((row?.value as { state: string }).state),
    );
    await vi.waitFor(() => expect(states).toEqual(['offline']));
    await db.meta.put({ key: META.connection, value: { state: 'online', lastSyncAt: 1, error: null } });
    await vi.waitFor(() => expect(states).toEqual(['offline', 'online']));
    probe.unsubscribe();
    expect(reads).not.toHaveBeenCalled();
  });

  it('refuses a port from a content script, another extension or under another name', async () => {
    const refused: [MessageSender, string][] = [
      [contentScript, DATA_PORT],
      [{ ...panel, id: 'another-extension' }, DATA_PORT],
      [{ ...panel, url: 'https://evil.test/review-panel.html' }, DATA_PORT],
      [panel, 'countersign.live'],
    ];
    for (const [sender, name] of refused) {
      const port = connect(sender, name);
      const disconnected = vi.fn();
      port.onDisconnect.addListener(disconnected);
      await vi.waitFor(() => expect(disconnected).toHaveBeenCalled());
      expect(port.connected).toBe(false);
    }
    expect(watchers.count).toBe(0);
  });

  it('ignores messages that do not follow the protocol and keeps serving the port', async () => {
    const { port, received, dataFor } = rawPage();
    for (const bad of [
      null,
      'subscribe',
      { type: 'subscribe', id: 1 },
      { type: 'subscribe', id: -1, query: { kind: 'connection' } },
      { type: 'subscribe', id: 1, query: { kind: 'session' } },
      { type: 'subscribe', id: 1, query: { kind: 'queuedDecision', outboxSeq: 'all' } },
      { type: 'subscribe', id: 1, query: { kind: 'connection', extra: true } },
      { type: 'drop', id: 1 },
    ]) {
      port.postMessage(bad);
    }
    // The background reads a port's messages in order: an answer to a later one comes after any to those.
    port.postMessage({ type: 'subscribe', id: 2, query: { kind: 'outboxCount' } });
    await vi.waitFor(() => expect(dataFor(2)).toEqual([0]));
    expect(received).toEqual([{ type: 'data', id: 2, value: 0 }]);
    expect(port.connected).toBe(true);
  });

  it('drops an answer that fails its schema, with a warning, and shows nothing of it', async () => {
    const warn = vi.spyOn(console, 'warn').mockImplementation(() => {});
    await db.meta.put({ key: META.connection, value: { state: 'dancing', lastSyncAt: null, error: null } });
    const client = new BridgeClient(() => connect());
    const states: string[] = [];
    client.subscribe({ kind: 'connection' }, (c) => states.push(c.state));
    await vi.waitFor(() =>
      expect(warn).toHaveBeenCalledWith(expect.stringMatching(/dropped an unreadable connection/)),
    );
    expect(states).toEqual([]);

    await setConnection(db, { state: 'online' });
    await vi.waitFor(() => expect(states).toEqual(['online']));
  });

  it('leaves out the unreadable items of a list and keeps the rest', async () => {
    const warn = vi.spyOn(console, 'warn').mockImplementation(() => {});
    await db.suggestions.bulkPut([
      suggestion('good'),
      { ...suggestion('bad'), confidence: 'very' as never },
      { ...suggestion('worse'), priority: 'apocalyptic' as never },
    ]);
    const client = new BridgeClient(() => connect());
    const seen: string[][] = [];
    client.subscribe({ kind: 'recordSuggestions', record: DEAL }, (rows) => seen.push(rows.map((s) => s.id)));
    await vi.waitFor(() => expect(seen).toEqual([['good']]));
    expect(warn).toHaveBeenCalledWith(expect.stringMatching(/left out unreadable recordSuggestions/));
  });

  it('ignores unreadable messages from the background', async () => {
    const warn = vi.spyOn(console, 'warn').mockImplementation(() => {});
    let port: MemoryPort | undefined;
    const client = new BridgeClient(() => (port = connect()));
    const values: unknown[] = [];
    client.subscribe({ kind: 'outboxCount' }, (v) => values.push(v));
    await vi.waitFor(() => expect(values).toEqual([0]));
    const background = backgroundEnds[0]!;
    background.postMessage({ type: 'data', id: 'one', value: 5 });
    background.postMessage({ type: 'data', id: 999, value: 5 }); // a subscription the page never made
    background.postMessage({ type: 'data', id: 1, value: -3 });
    // The page reads the port's messages in order: once a good one after them is in, the bad ones were read.
    background.postMessage({ type: 'data', id: 1, value: 4 });
    await vi.waitFor(() => expect(values).toEqual([0, 4]));
    expect(warn).toHaveBeenCalledTimes(2);
    expect(port!.connected).toBe(true);
  });

  it('connects again when the service worker drops the port, subscribes again and stays live', async () => {
    const opened = vi.fn();
    const client = new BridgeClient(() => {
      opened();
      return connect();
    });
    const states: string[] = [];
    const stop = client.subscribe({ kind: 'connection' }, (c) => states.push(c.state));
    await vi.waitFor(() => expect(states).toEqual(['signed_out']));

    // The worker stops, taking its ports with it; the next connection wakes a new one.
    watchers = new LiveWatchers(() => {});
    accept = acceptDataPorts({ browser: fakeBrowser as unknown as BackgroundBrowser, db, watchers });
    backgroundEnds[0]!.disconnect();
    await vi.waitFor(() => expect(opened).toHaveBeenCalledTimes(2));
    await vi.waitFor(() => expect(states).toEqual(['signed_out', 'signed_out']));
    expect(watchers.count).toBe(1);
    await setConnection(db, { state: 'online' });
    await vi.waitFor(() => expect(states.at(-1)).toBe('online'));

    stop();
    await vi.waitFor(() => expect(watchers.count).toBe(0));
    expect(backgroundEnds[1]!.connected).toBe(false);
  });
});
