import { useCallback } from 'react';
import { dismissNotice } from '../db/notices';
import { useDb } from './db-context';

/** The reviewer has read what the sync found out (a conflict, a refusal): the notice goes. */
export function useDismissNotice(): (suggestionId: string) => void {
  const db = useDb();
  return useCallback((suggestionId) => void dismissNotice(db, suggestionId), [db]);
}
