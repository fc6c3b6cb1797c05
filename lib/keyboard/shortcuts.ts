import { useEffect, useRef } from 'react';

/** Key combination → handler. Keys as `KeyboardEvent.key` ("j", "ArrowDown", "?"), modifiers joined by "+". */
export type ShortcutMap = Record<string, (event: KeyboardEvent) => void>;

interface Combo {
  key: string;
  shift: boolean;
  ctrl: boolean;
  alt: boolean;
  meta: boolean;
}

function parse(combo: string): Combo {
  const parts = combo.split('+');
  const key = parts.pop() || '+';
  const mods = new Set(parts.map((p) => p.toLowerCase()));
  return {
    key,
    shift: mods.has('shift'),
    ctrl: mods.has('control') || mods.has('ctrl'),
    alt: mods.has('alt'),
    meta: mods.has('meta'),
  };
}

/**
 * Whether `event` presses `combo`. A printed character already carries Shift ("?" and "A" need it), so Shift is
 * checked only for named keys; Control, Alt and Meta must match exactly, so the browser's own shortcuts stay free.
 */
export function matches(combo: string, event: KeyboardEvent): boolean {
  const c = parse(combo);
  if (event.ctrlKey !== c.ctrl || event.altKey !== c.alt || event.metaKey !== c.meta) return false;
  if (c.key.length === 1) {
    const key = c.shift ? c.key.toUpperCase() : c.key;
    return event.key === key;
  }
  return event.key === c.key && event.shiftKey === c.shift;
}

const TEXT_INPUTS = new Set(['text', 'search', 'email', 'url', 'tel', 'password', 'number', 'date', 'datetime-local']);

/** True while the user is typing: shortcuts must not eat the letters of a reason or a draft. */
export function isTyping(target: EventTarget | null): boolean {
  if (!(target instanceof Element)) return false;
  if (target instanceof HTMLTextAreaElement || target instanceof HTMLSelectElement) return true;
  if (target instanceof HTMLInputElement) return TEXT_INPUTS.has(target.type);
  return target.closest('[contenteditable=""], [contenteditable="true"]') !== null;
}

/**
 * Binds keyboard shortcuts on the window while the calling component is mounted. Keys pressed while typing in a text
 * field are left alone (forms handle their own Enter and Escape). A handled key's default action is prevented, so a
 * shortcut that opens a form does not also type its letter into the field it focuses.
 */
export function useShortcuts(map: ShortcutMap, target: Window | HTMLElement | null = window): void {
  const latest = useRef(map);
  useEffect(() => {
    latest.current = map;
  }, [map]);

  useEffect(() => {
    if (!target) return;
    const onKeyDown = (event: Event) => {
      const e = event as KeyboardEvent;
      if (e.defaultPrevented || e.isComposing || isTyping(e.target)) return;
      for (const [combo, handler] of Object.entries(latest.current)) {
        if (matches(combo, e)) {
          e.preventDefault();
          handler(e);
          return;
        }
      }
    };
    target.addEventListener('keydown', onKeyDown);
    return () => target.removeEventListener('keydown', onKeyDown);
  }, [target]);
}
