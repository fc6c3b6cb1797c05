import { create } from 'zustand';

/**
 * UI state the popup adds to the list store it shares with the panel (`usePanelUi`: focus, selection, forms,
 * errors): which row has its dismiss form open. Dismissing asks for an optional reason, a form the panel lacks.
 */
interface PopupUi {
  dismissingId: string | null;
  openDismiss(id: string): void;
  closeDismiss(): void;
}

export const usePopupUi = create<PopupUi>()((set) => ({
  dismissingId: null,
  openDismiss: (id) => set({ dismissingId: id }),
  closeDismiss: () => set({ dismissingId: null }),
}));

export const selectIsDismissing = (id: string) => (s: PopupUi) => s.dismissingId === id;

export function resetPopupUi(): void {
  usePopupUi.setState({ dismissingId: null });
}
