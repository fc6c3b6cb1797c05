import { useEffect } from 'react';
import type { CachedSuggestion } from '../../lib/hooks/types';
import type { Decider } from '../../lib/policy/may-decide';
import { useNow } from '../../lib/hooks/use-now';
import { selectFocusedId, usePanelUi } from '../../lib/stores/panel-ui';
import { AlertRow } from './AlertRow';
import { BulkDismissBar } from './BulkDismissBar';
import { usePopupShortcuts } from './use-popup-shortcuts';

/** The alerts, highest risk first, with the bulk bar and the keyboard. */
export function AlertList({ items, user }: { items: CachedSuggestion[]; user: Decider }) {
  const now = useNow();
  const focusedId = usePanelUi(selectFocusedId);
  const currentId = items.some((s) => s.id === focusedId) ? focusedId : (items[0]?.id ?? null);
  usePopupShortcuts(items, currentId, user);

  useEffect(() => {
    usePanelUi.getState().setOrder(items.map((s) => s.id));
  }, [items]);

  return (
    <>
      <BulkDismissBar items={items} now={now} user={user} />
      <ul className="alerts" role="list" aria-label="Risk alerts">
        {items.map((s) => (
          <AlertRow key={s.id} s={s} now={now} current={s.id === currentId} user={user} />
        ))}
      </ul>
      <p className="shortcut-hint muted">
        <kbd className="kbd">j</kbd>/<kbd className="kbd">k</kbd> move · <kbd className="kbd">d</kbd> dismiss ·{' '}
        <kbd className="kbd">e</kbd> escalate · <kbd className="kbd">o</kbd> open · <kbd className="kbd">x</kbd> select
      </p>
    </>
  );
}
