import { useCallback, useEffect, useRef } from 'react';
import { selectCollapsed, usePanelUi } from '../stores/panel-ui';
import { sendToBackground } from './runtime';
import { useBridgeQuery } from './use-bridge-query';

/**
 * Whether the panel is folded to its tab. Remembered in the preferences and told to the content script through the
 * background, which stores it and resizes the frame: once when the remembered state is read, and on every change.
 */
export function usePanelCollapsed(): { ready: boolean; collapsed: boolean; setCollapsed(next: boolean): void } {
  const collapsed = usePanelUi(selectCollapsed);
  const prefs = useBridgeQuery({ kind: 'preferences' });
  const adopted = useRef(false);

  useEffect(() => {
    if (prefs === undefined || adopted.current) return;
    adopted.current = true;
    usePanelUi.getState().setCollapsed(prefs.panelCollapsed);
    void sendToBackground({ type: 'panel.layout', collapsed: prefs.panelCollapsed });
  }, [prefs]);

  const setCollapsed = useCallback((next: boolean) => {
    usePanelUi.getState().setCollapsed(next);
    void sendToBackground({ type: 'panel.layout', collapsed: next });
  }, []);

  return { ready: prefs !== undefined, collapsed, setCollapsed };
}
