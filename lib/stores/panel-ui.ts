import { create } from 'zustand';

/** The forms a card can open; `approve` is the approval that needs a reason (explicit lane). */
export type FormKind = 'approve' | 'modify' | 'partial' | 'conditional' | 'reject' | 'escalate';

interface PanelUiData {
  /** The card the keyboard acts on; null until the user moves, then the first card counts as focused. */
  focusedId: string | null;
  /** Card ids in display order, so focus can move without the list at hand. */
  order: string[];
  selected: string[];
  forms: Record<string, FormKind>;
  /** The last decision error per card, shown inline on it. */
  errors: Record<string, string>;
  /** When each card was first shown (ms), for the decision's `openedMs`. */
  shownAt: Record<string, number>;
  collapsed: boolean;
  helpOpen: boolean;
}

interface PanelUiActions {
  setOrder(ids: string[]): void;
  focus(id: string | null): void;
  /** Moves focus by `delta` cards from the focused one; with none focused yet, the first card counts as focused. */
  moveFocus(delta: number): void;
  /** After a decision on `id`: focus the card after it, so the next one is a keystroke away. */
  advanceFrom(id: string): void;
  toggleSelected(id: string): void;
  select(ids: string[]): void;
  deselect(ids: string[]): void;
  clearSelection(): void;
  openForm(id: string, kind: FormKind): void;
  closeForm(id: string): void;
  setError(id: string, message: string | null): void;
  markShown(id: string, at: number): void;
  setCollapsed(collapsed: boolean): void;
  setHelpOpen(open: boolean): void;
}

export type PanelUi = PanelUiData & PanelUiActions;

const initial: PanelUiData = {
  focusedId: null,
  order: [],
  selected: [],
  forms: {},
  errors: {},
  shownAt: {},
  collapsed: false,
  helpOpen: false,
};

const without = <T>(record: Record<string, T>, key: string): Record<string, T> => {
  if (!(key in record)) return record;
  const { [key]: _removed, ...rest } = record;
  return rest;
};

/** UI state of the review panel only: which card is focused, selected, open. Data comes from the background. */
export const usePanelUi = create<PanelUi>()((set) => ({
  ...initial,
  setOrder: (order) => set({ order }),
  focus: (focusedId) => set({ focusedId }),
  moveFocus: (delta) =>
    set((s) => {
      if (s.order.length === 0) return {};
      const at = s.focusedId === null ? 0 : Math.max(0, s.order.indexOf(s.focusedId));
      const next = Math.min(s.order.length - 1, Math.max(0, at + delta));
      return { focusedId: s.order[next] ?? null };
    }),
  advanceFrom: (id) =>
    set((s) => {
      const at = s.order.indexOf(id);
      return at === -1 ? {} : { focusedId: s.order[Math.min(at + 1, s.order.length - 1)] ?? null };
    }),
  toggleSelected: (id) =>
    set((s) => ({ selected: s.selected.includes(id) ? s.selected.filter((x) => x !== id) : [...s.selected, id] })),
  select: (ids) => set((s) => ({ selected: [...new Set([...s.selected, ...ids])] })),
  deselect: (ids) => set((s) => ({ selected: s.selected.filter((x) => !ids.includes(x)) })),
  clearSelection: () => set({ selected: [] }),
  openForm: (id, kind) => set((s) => ({ forms: { ...s.forms, [id]: kind }, focusedId: id })),
  closeForm: (id) => set((s) => ({ forms: without(s.forms, id) })),
  setError: (id, message) =>
    set((s) => ({ errors: message === null ? without(s.errors, id) : { ...s.errors, [id]: message } })),
  markShown: (id, at) => set((s) => (id in s.shownAt ? {} : { shownAt: { ...s.shownAt, [id]: at } })),
  setCollapsed: (collapsed) => set({ collapsed }),
  setHelpOpen: (helpOpen) => set({ helpOpen }),
}));

/** Back to the state of a freshly opened panel (tests, and a switch to another record). */
export function resetPanelUi(): void {
  usePanelUi.setState(initial);
}

// Selectors: components subscribe to the slice they render, nothing more.
export const selectFocusedId = (s: PanelUi) => s.focusedId;
export const selectSelected = (s: PanelUi) => s.selected;
export const selectHelpOpen = (s: PanelUi) => s.helpOpen;
export const selectCollapsed = (s: PanelUi) => s.collapsed;
export const selectIsSelected = (id: string) => (s: PanelUi) => s.selected.includes(id);
export const selectFormFor = (id: string) => (s: PanelUi) => s.forms[id] ?? null;
export const selectErrorFor = (id: string) => (s: PanelUi) => s.errors[id] ?? null;
export const selectIsFocused = (id: string) => (s: PanelUi) => s.focusedId === id;
