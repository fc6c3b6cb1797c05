import { render, type RenderResult } from '@testing-library/react';
import type { ReactElement } from 'react';
import { fakeBrowser } from 'wxt/testing/fake-browser';
import { CountersignDb, META, type ConnectionState, type OutboxEntry } from '../../db/schema';
import type { Message, RecordInView } from '../../messages';
import { resetPanelUi } from '../../stores/panel-ui';
import { DbProvider } from '../db-context';
import type { CachedSuggestion } from '../types';

let dbCounter = 0;

/** A database of its own for each test. */
export function freshDb(): CountersignDb {
  dbCounter += 1;
  return new CountersignDb(`countersign-test-${dbCounter}-${Math.random().toString(36).slice(2)}`);
}

export interface FakeBackground {
  /** Every message the panel sent, in order. */
  sent: Message[];
  /** Changes the record the background reports for the panel's tab. */
  setRecord(record: RecordInView | null): void;
}

/** Resets the fake browser and answers the panel's messages as the background would. */
export function fakeBackground(record: RecordInView | null = { crm: 'hubspot', objectType: 'deal', id: '456' }) {
  fakeBrowser.reset();
  resetPanelUi();
  let current = record;
  const bg: FakeBackground = { sent: [], setRecord: (r) => (current = r) };
  fakeBrowser.runtime.onMessage.addListener(
    (message: unknown, _sender: unknown, sendResponse: (r: unknown) => void) => {
      const m = message as Message;
      if (m.type === 'tab.record') return undefined;
      bg.sent.push(m);
      sendResponse({ ok: true, data: m.type === 'panel.record' ? current : null });
      return true;
    },
  );
  return bg;
}

export async function seed(db: CountersignDb, ...items: CachedSuggestion[]): Promise<void> {
  await db.suggestions.bulkPut(items);
}

export async function setConnectionState(db: CountersignDb, state: ConnectionState['state']): Promise<void> {
  await db.meta.put({ key: META.connection, value: { state, lastSyncAt: null, error: null } });
}

export async function outbox(db: CountersignDb): Promise<OutboxEntry[]> {
  return db.outbox.orderBy('seq').toArray();
}

export function renderWithDb(db: CountersignDb, ui: ReactElement): RenderResult {
  return render(<DbProvider db={db}>{ui}</DbProvider>);
}
