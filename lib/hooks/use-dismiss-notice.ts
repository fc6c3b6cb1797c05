import { useCallback } from 'react';
import { sendToBackground } from './runtime';

/** The reviewer has read what the sync found out (a conflict, a refusal): the notice goes. */
export function useDismissNotice(): (suggestionId: string) => void {
  return useCallback((suggestionId) => void sendToBackground({ type: 'notice.dismiss', id: suggestionId }), []);
}
