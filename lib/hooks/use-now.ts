import { useLayoutEffect, useSyncExternalStore } from 'react';
import { usePanelUi } from '../stores/panel-ui';

const PERIOD_MS = 1000;
const listeners = new Set<() => void>();
let timer: ReturnType<typeof setInterval> | null = null;
let current = 0;

function subscribe(listener: () => void): () => void {
  listeners.add(listener);
  if (timer === null) {
    current = Date.now();
    timer = setInterval(() => {
      current = Date.now();
      for (const l of listeners) l();
    }, PERIOD_MS);
  }
  return () => {
    listeners.delete(listener);
    if (listeners.size === 0 && timer !== null) {
      clearInterval(timer);
      timer = null;
    }
  };
}

/** Stable between ticks, as React requires; without a running timer it follows the clock to the second. */
function snapshot(): number {
  if (timer === null) {
    const t = Date.now();
    if (Math.abs(t - current) >= PERIOD_MS) current = t;
  }
  return current;
}

/** The time, updated every second by one timer shared by every countdown on the page. */
export function useNow(): number {
  return useSyncExternalStore(subscribe, snapshot);
}

/**
 * Notes when a card was first shown, for the time the reviewer had it open when deciding. A layout effect, so the mark
 * is made in the commit that puts the card on the page, never after a key pressed on it.
 */
export function useMarkShown(id: string): void {
  useLayoutEffect(() => {
    usePanelUi.getState().markShown(id, Date.now());
  }, [id]);
}
