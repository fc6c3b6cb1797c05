import { useEffect, useRef } from 'react';
import { useMarkShown } from '../../lib/hooks/use-now';
import {
  selectErrorFor,
  selectFormFor,
  selectIsFocused,
  selectIsSelected,
  usePanelUi,
} from '../../lib/stores/panel-ui';

/**
 * What a keyboard-driven item shares, the panel's card and the popup's row: its form, error and selection in the
 * store, and its focus. The keyboard moves focus through the store; DOM focus follows unless the user is already
 * inside the item, and a click or tab into the item moves the store's focus to it.
 */
export function useListItem(id: string) {
  const ref = useRef<HTMLLIElement>(null);
  const form = usePanelUi(selectFormFor(id));
  const error = usePanelUi(selectErrorFor(id));
  const selected = usePanelUi(selectIsSelected(id));
  const focused = usePanelUi(selectIsFocused(id));
  useMarkShown(id);

  useEffect(() => {
    const el = ref.current;
    if (focused && el && !el.contains(document.activeElement)) el.focus();
  }, [focused]);

  return {
    ref,
    form,
    error,
    selected,
    onFocus: () => {
      if (!focused) usePanelUi.getState().focus(id);
    },
    /** Closes the item's form and gives focus back to the item, so the keys go on working from there. */
    closeForm: () => {
      usePanelUi.getState().closeForm(id);
      ref.current?.focus();
    },
  };
}
