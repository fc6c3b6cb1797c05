import { useEffect } from 'react';
import { connectLivePort, sendToBackground } from './runtime';

/**
 * Keeps the background's live updates on while the panel is open. A port does it for as long as it stays connected,
 * so a frame removed without warning (SPA navigation, a closed tab) still ends it. Where no port can be opened, the
 * panel says `live.watch` on, and off when the page goes away.
 */
export function useLiveWatch(): void {
  useEffect(() => {
    const disconnect = connectLivePort();
    if (disconnect) return disconnect;
    void sendToBackground({ type: 'live.watch', on: true });
    const off = () => void sendToBackground({ type: 'live.watch', on: false });
    window.addEventListener('pagehide', off);
    return () => {
      window.removeEventListener('pagehide', off);
      off();
    };
  }, []);
}
