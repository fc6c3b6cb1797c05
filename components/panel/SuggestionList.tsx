import { useEffect, useRef } from 'react';
import type { CachedSuggestion } from '../../lib/hooks/types';
import { useNow } from '../../lib/hooks/use-now';
import type { Decider } from '../../lib/policy/may-decide';
import { selectFocusedId, usePanelUi } from '../../lib/stores/panel-ui';
import { SuggestionCard } from '../card/SuggestionCard';
import { BatchBar } from './BatchBar';
import { ShortcutHelp } from './ShortcutHelp';
import { useFocusOnArrival } from './use-focus-on-arrival';
import { usePanelShortcuts } from './use-panel-shortcuts';

interface Props {
  items: CachedSuggestion[];
  /** Open items waiting for this user. */
  pending: number;
  /** Open items that wait for someone else (another tier, another approver). */
  othersOpen: number;
  /** What the record is called in a sentence: "deal", "contact". */
  noun: string;
  /** The signed-in user: cards, keys and the batch offer only what they may decide. */
  user: Decider;
}

/** The record's cards in review order, the batch bar, and the keyboard. */
export function SuggestionList({ items, pending, othersOpen, noun, user }: Props) {
  const now = useNow();
  const focusedId = usePanelUi(selectFocusedId);
  const currentId = items.some((s) => s.id === focusedId) ? focusedId : (items[0]?.id ?? null);
  const batchButton = useRef<HTMLButtonElement>(null);
  usePanelShortcuts(items, currentId, batchButton, user);
  useFocusOnArrival(currentId);

  useEffect(() => {
    usePanelUi.getState().setOrder(items.map((s) => s.id));
  }, [items]);

  return (
    <div className="list-area">
      {pending === 0 && othersOpen === 0 ? <p className="empty">No pending suggestions for this {noun}</p> : null}
      {pending === 0 && othersOpen > 0 ? <p className="empty">Nothing here waits for you on this {noun}</p> : null}
      <BatchBar items={items} now={now} approveRef={batchButton} user={user} />
      {items.length > 0 ? (
        <ul className="cards" role="list" aria-label="Suggestions">
          {items.map((s) => (
            <SuggestionCard key={s.id} s={s} current={s.id === currentId} user={user} />
          ))}
        </ul>
      ) : null}
      <p className="shortcut-hint muted">
        Press <kbd className="kbd">?</kbd> for keyboard shortcuts
      </p>
      <ShortcutHelp />
    </div>
  );
}
