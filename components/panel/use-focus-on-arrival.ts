import { useEffect } from 'react';

/**
 * When the keyboard focus arrives in the panel from outside (the focus-panel command focuses its frame) and lands on
 * nothing in particular, it goes on to the current card, so the card's keys work at once. Also on mount, for a panel
 * that was collapsed when the focus came: it opens, then renders its cards.
 */
export function useFocusOnArrival(currentId: string | null): void {
  useEffect(() => {
    if (currentId === null) return;
    const arrive = () => {
      const active = document.activeElement;
      if (active && active !== document.body) return;
      const cards = document.querySelectorAll<HTMLElement>('li[data-id]');
      [...cards].find((li) => li.dataset.id === currentId)?.focus();
    };
    if (document.hasFocus()) arrive();
    window.addEventListener('focus', arrive);
    return () => window.removeEventListener('focus', arrive);
  }, [currentId]);
}
