import { useCallback } from 'react';
import { awaitsAcknowledgement } from '../bridge/values';
import { usePanelUi } from '../stores/panel-ui';
import type { CachedSuggestion } from './types';
import { useDismissNotice } from './use-dismiss-notice';

/** Whether "Got it" has something to clear on the card: a sync notice, or a stale or failed item. */
const canAcknowledge = (s: CachedSuggestion): boolean =>
  (s.notice !== undefined && !s.local) || awaitsAcknowledgement(s);

/**
 * "Got it": the person has read what the card says. Its notice goes; a stale or failed item is acknowledged in this
 * browser's cache and leaves the panel, and the keyboard goes on to the next card.
 */
export function useAcknowledge(): (s: CachedSuggestion) => void {
  const dismiss = useDismissNotice();
  return useCallback(
    (s) => {
      if (!canAcknowledge(s)) return;
      if (awaitsAcknowledgement(s)) usePanelUi.getState().advanceFrom(s.id);
      dismiss(s.id);
    },
    [dismiss],
  );
}
