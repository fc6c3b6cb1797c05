import type { CachedSuggestion } from '../../lib/hooks/types';
import { usePanelUi } from '../../lib/stores/panel-ui';

/**
 * What every keyboard-driven list of items shares, the panel's cards and the popup's rows: j/k and the arrows move
 * the focus, and a command runs on the item in focus.
 */
export function listKeys<C>(
  items: CachedSuggestion[],
  currentId: string | null,
  run: (s: CachedSuggestion, c: C) => unknown,
) {
  const ui = () => usePanelUi.getState();
  const current = () => items.find((s) => s.id === currentId);
  const command = (c: C) => () => {
    const s = current();
    if (s) void run(s, c);
  };
  const next = () => ui().moveFocus(1);
  const previous = () => ui().moveFocus(-1);
  return { ui, current, command, moves: { j: next, ArrowDown: next, k: previous, ArrowUp: previous } };
}
