import { useEffect, useState } from 'react';
import { recordInView, type RecordInView } from '../messages';
import { onRuntimeMessage, sendToBackground } from './runtime';

export type RecordInViewState =
  | { status: 'loading' }
  | { status: 'none' }
  | { status: 'ready'; record: RecordInView }
  | { status: 'error'; error: string };

const sameRecord = (a: RecordInViewState, b: RecordInViewState) =>
  a.status === 'ready' && b.status === 'ready'
    ? a.record.crm === b.record.crm && a.record.objectType === b.record.objectType && a.record.id === b.record.id
    : a.status === b.status && a.status !== 'error';

const isTabRecord = (m: unknown) =>
  typeof m === 'object' && m !== null && (m as { type?: unknown }).type === 'tab.record';

/**
 * The record shown by the tab this panel sits in, as the background knows it. Asked once on load, and again whenever
 * a content script reports a record change (SPA navigation): the background answers for this panel's own tab.
 */
export function useRecordInView(): RecordInViewState {
  const [state, setState] = useState<RecordInViewState>({ status: 'loading' });

  useEffect(() => {
    let latest = 0;
    const ask = async () => {
      const asked = ++latest;
      const reply = await sendToBackground({ type: 'panel.record' });
      if (asked !== latest) return;
      let next: RecordInViewState;
      if (!reply.ok) next = { status: 'error', error: reply.error };
      else {
        const parsed = recordInView.nullable().safeParse(reply.data);
        if (!parsed.success) next = { status: 'error', error: 'the background sent an unreadable record' };
        else next = parsed.data ? { status: 'ready', record: parsed.data } : { status: 'none' };
      }
      setState((prev) => (sameRecord(prev, next) ? prev : next));
    };
    void ask();
    const stop = onRuntimeMessage((message) => {
      if (isTabRecord(message)) void ask();
    });
    return () => {
      latest = -1;
      stop();
    };
  }, []);

  return state;
}
