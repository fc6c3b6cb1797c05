import { useLiveQuery } from 'dexie-react-hooks';
import { useCallback, useEffect, useRef } from 'react';
import { getPreferences, setPreferences } from '../db/preferences';
import { selectCollapsed, usePanelUi } from '../stores/panel-ui';
import { useDb } from './db-context';
import { sendToBackground } from './runtime';

/**
 * Whether the panel is folded to its tab. Remembered in META.preferences and told to the content script (through the
 * background, which resizes the frame): once when the remembered state is read, and on every change. The background
 * stores the preference too when it relays the layout; writing it here as well keeps it even if that message is lost.
 */
export function usePanelCollapsed(): { ready: boolean; collapsed: boolean; setCollapsed(next: boolean): void } {
  const db = useDb();
  const collapsed = usePanelUi(selectCollapsed);
  const prefs = useLiveQuery(() => getPreferences(db), [db]);
  const adopted = useRef(false);

  useEffect(() => {
    if (prefs === undefined || adopted.current) return;
    adopted.current = true;
    usePanelUi.getState().setCollapsed(prefs.panelCollapsed);
    void sendToBackground({ type: 'panel.layout', collapsed: prefs.panelCollapsed });
  }, [prefs]);

  const setCollapsed = useCallback(
    (next: boolean) => {
      usePanelUi.getState().setCollapsed(next);
      void sendToBackground({ type: 'panel.layout', collapsed: next });
      void setPreferences(db, { panelCollapsed: next });
    },
    [db],
  );

  return { ready: prefs !== undefined, collapsed, setCollapsed };
}
