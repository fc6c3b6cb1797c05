import { useCallback } from 'react';
import type { RecordInView } from '../messages';
import { sendToBackground } from './runtime';

/** Asks the background to show the record (focusing its tab if one is open); resolves to an error message or null. */
export function useOpenRecord(): (record: RecordInView) => Promise<string | null> {
  return useCallback(async (record) => {
    const { crm, objectType, id } = record;
    const reply = await sendToBackground({ type: 'record.open', record: { crm, objectType, id } });
    return reply.ok ? null : reply.error;
  }, []);
}
