import { useEffect, useId, useRef } from 'react';
import type { CachedSuggestion } from '../../lib/hooks/types';
import { useMarkShown, useNow } from '../../lib/hooks/use-now';
import {
  selectErrorFor,
  selectFormFor,
  selectIsFocused,
  selectIsSelected,
  usePanelUi,
} from '../../lib/stores/panel-ui';
import { describeAction } from '../../lib/text/describe-action';
import { CardBody } from './CardBody';
import { CardStatus } from './CardStatus';
import { cardStateOf } from './card-state';
import { ConditionActions } from './ConditionActions';
import { DecisionBar } from './DecisionBar';
import { DecisionForm } from './forms/DecisionForm';
import { NoticeLine } from './NoticeLine';
import { isBatchable } from './risk';

interface Props {
  s: CachedSuggestion;
  /** The card the keyboard acts on (the first one until the user moves). */
  current: boolean;
}

/** One suggestion: what it would do and why, where it stands, and the decisions still open on it. */
export function SuggestionCard({ s, current }: Props) {
  const now = useNow();
  const state = cardStateOf(s, now);
  const titleId = useId();
  const ref = useRef<HTMLLIElement>(null);
  const form = usePanelUi(selectFormFor(s.id));
  const error = usePanelUi(selectErrorFor(s.id));
  const selected = usePanelUi(selectIsSelected(s.id));
  const focusedInStore = usePanelUi(selectIsFocused(s.id));
  useMarkShown(s.id);

  // Keyboard moves focus through the store; follow it with DOM focus unless the user is already inside this card.
  useEffect(() => {
    const el = ref.current;
    if (focusedInStore && el && !el.contains(document.activeElement)) el.focus();
  }, [focusedInStore]);

  const closeForm = () => {
    usePanelUi.getState().closeForm(s.id);
    ref.current?.focus();
  };
  const summary = describeAction(s);
  const open = state.kind === 'pending';
  const compact = state.kind === 'decided' || state.kind === 'executed' || state.kind === 'failed';
  // What the sync learnt (a conflict, a refusal) stays until read; a new decision here replaces it.
  const showNotice = !!s.notice && !s.local;

  return (
    <li
      ref={ref}
      data-id={s.id}
      tabIndex={-1}
      className={`card card-${state.kind}${current ? ' is-current' : ''}${selected ? ' is-selected' : ''}`}
      aria-current={current ? 'true' : undefined}
      aria-labelledby={titleId}
      onFocus={() => {
        if (!focusedInStore) usePanelUi.getState().focus(s.id);
      }}
    >
      <div className="card-head">
        {open && isBatchable(s, now) ? (
          <input
            type="checkbox"
            className="select"
            checked={selected}
            aria-label={`Select for batch approval: ${summary}`}
            aria-keyshortcuts="x"
            onChange={() => usePanelUi.getState().toggleSelected(s.id)}
          />
        ) : null}
        <h2 id={titleId} className="card-title">
          {summary}
        </h2>
      </div>
      <CardStatus state={state} now={now} />
      {compact ? null : <CardBody s={s} now={now} showCountdown={open || state.kind === 'awaiting_condition'} />}
      {state.kind === 'awaiting_condition' ? <ConditionActions s={s} condition={state.condition} /> : null}
      {open && form ? <DecisionForm s={s} kind={form} onClose={closeForm} /> : null}
      {open && !form ? <DecisionBar s={s} /> : null}
      {error ? (
        <p className="card-error" role="alert">
          {error}
        </p>
      ) : null}
      {showNotice ? <NoticeLine s={s} now={now} /> : null}
    </li>
  );
}
