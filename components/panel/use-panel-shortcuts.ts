import { useMemo, type RefObject } from 'react';
import { flushSync } from 'react-dom';
import type { CachedSuggestion } from '../../lib/hooks/types';
import type { Decider } from '../../lib/policy/may-decide';
import { useAcknowledge } from '../../lib/hooks/use-acknowledge';
import { useShortcuts, type ShortcutMap } from '../../lib/keyboard/shortcuts';
import { usePolicyInForce } from '../card/policy-context';
import { isBatchable, isLowRisk } from '../card/risk';
import { listKeys } from './list-keys';
import { useCardCommand, type CardCommand } from '../card/use-card-command';

/** The panel's keys: move between cards, decide on the current one, select, batch, help; only what `user` may. */
export function usePanelShortcuts(
  items: CachedSuggestion[],
  currentId: string | null,
  batchButton: RefObject<HTMLButtonElement | null>,
  user: Decider,
): void {
  const run = useCardCommand(user);
  const policy = usePolicyInForce();
  const acknowledge = useAcknowledge();
  const { id, role } = user;
  const map = useMemo<ShortcutMap>(() => {
    const { ui, current, command, moves } = listKeys<CardCommand>(items, currentId, run);
    return {
      ...moves,
      a: command('approve'),
      r: command('reject'),
      m: command('modify'),
      p: command('partial'),
      c: command('conditional'),
      e: command('escalate'),
      d: command('dismiss'),
      g: () => {
        const s = current();
        if (s) acknowledge(s);
      },
      x: () => {
        const s = current();
        if (s && isBatchable(s, Date.now(), { id, role })) ui().toggleSelected(s.id);
      },
      'Shift+A': () => {
        const ids = items.filter((s) => isLowRisk(s, Date.now(), { id, role }, policy)).map((s) => s.id);
        if (ids.length === 0) return;
        // Rendered at once, so the batch button is there, with its count, when focus lands on it.
        flushSync(() => ui().select(ids));
        batchButton.current?.focus();
      },
      '?': () => ui().setHelpOpen(!ui().helpOpen),
      Escape: () => {
        const s = current();
        if (ui().helpOpen) ui().setHelpOpen(false);
        else if (s && ui().forms[s.id]) ui().closeForm(s.id);
        else ui().clearSelection();
      },
    };
  }, [items, currentId, run, batchButton, id, role, policy, acknowledge]);
  useShortcuts(map);
}
