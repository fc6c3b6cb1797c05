import { useEffect, useRef } from 'react';
import { tinykeys } from 'tinykeys';

/** Key combination → handler, in tinykeys' syntax: "j", "ArrowDown", "Shift+A"; "?" is typed with or without Shift. */
export type ShortcutMap = Record<string, (event: KeyboardEvent) => void>;

const TEXT_INPUTS = new Set(['text', 'search', 'email', 'url', 'tel', 'password', 'number', 'date', 'datetime-local']);

/** True while the user is typing: shortcuts must not eat the letters of a reason or a draft. */
export function isTyping(target: EventTarget | null): boolean {
  if (!(target instanceof Element)) return false;
  if (target instanceof HTMLTextAreaElement || target instanceof HTMLSelectElement) return true;
  if (target instanceof HTMLInputElement) return TEXT_INPUTS.has(target.type);
  return target.closest('[contenteditable=""], [contenteditable="true"]') !== null;
}

/** Printed symbols that need Shift on most layouts: bound with Shift optional. */
const binding = (combo: string) => (combo === '?' ? '[Shift]+?' : combo);

/**
 * Binds keyboard shortcuts on the window while the calling component is mounted. Keys pressed while typing in a text
 * field are left alone (forms handle their own Enter and Escape); checkboxes and buttons do not count as typing. A
 * handled key's default action is prevented, so a shortcut that opens a form does not also type its letter into the
 * field it focuses.
 */
export function useShortcuts(map: ShortcutMap): void {
  const latest = useRef(map);
  useEffect(() => {
    latest.current = map;
  }, [map]);

  const combos = Object.keys(map).join('\n');
  useEffect(() => {
    const bindings = Object.fromEntries(
      combos.split('\n').map((combo) => [
        binding(combo),
        (event: KeyboardEvent) => {
          if (event.defaultPrevented) return;
          event.preventDefault();
          latest.current[combo]?.(event);
        },
      ]),
    );
    return tinykeys(window, bindings, { ignore: (e) => e.isComposing || isTyping(e.target) });
  }, [combos]);
}
