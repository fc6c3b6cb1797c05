import { useId } from 'react';
import type { CachedSuggestion } from '../../lib/hooks/types';
import { useNow } from '../../lib/hooks/use-now';
import type { Decider } from '../../lib/policy/may-decide';
import { usePanelUi } from '../../lib/stores/panel-ui';
import { describeAction } from '../../lib/text/describe-action';
import { AcknowledgeBar } from './AcknowledgeBar';
import { CardBody } from './CardBody';
import { CardStatus } from './CardStatus';
import { cardStateOf } from './card-state';
import { ConditionActions } from './ConditionActions';
import { DecisionBar } from './DecisionBar';
import { DecisionForm } from './forms/DecisionForm';
import { NoticeLine } from './NoticeLine';
import { isBatchable } from './risk';
import { useListItem } from './use-list-item';
import { WhoDecides } from './WhoDecides';

interface Props {
  s: CachedSuggestion;
  /** The card the keyboard acts on (the first one until the user moves). */
  current: boolean;
  /** The signed-in user: the card offers only the decisions they may take. */
  user: Decider;
}

/** One suggestion: what it would do and why, where it stands, and the decisions still open on it. */
export function SuggestionCard({ s, current, user }: Props) {
  const now = useNow();
  const state = cardStateOf(s, now);
  const titleId = useId();
  const { ref, form, error, selected, onFocus, closeForm } = useListItem(s.id);
  const summary = describeAction(s);
  const open = state.kind === 'pending';
  const compact = state.kind === 'decided' || state.kind === 'executed' || state.kind === 'failed';

  return (
    <li
      ref={ref}
      data-id={s.id}
      tabIndex={-1}
      className={`card card-${state.kind}${current ? ' is-current' : ''}${selected ? ' is-selected' : ''}`}
      aria-current={current ? 'true' : undefined}
      aria-labelledby={titleId}
      onFocus={onFocus}
    >
      <div className="card-head">
        {open && isBatchable(s, now, user) ? (
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
      {open || state.kind === 'awaiting_condition' ? <WhoDecides s={s} user={user} /> : null}
      {compact ? null : <CardBody s={s} now={now} showCountdown={open || state.kind === 'awaiting_condition'} />}
      {state.kind === 'awaiting_condition' ? <ConditionActions s={s} condition={state.condition} user={user} /> : null}
      {open && form ? <DecisionForm s={s} kind={form} onClose={closeForm} /> : null}
      {open && !form ? <DecisionBar s={s} user={user} /> : null}
      <AcknowledgeBar s={s} />
      {error ? (
        <p className="card-error" role="alert">
          {error}
        </p>
      ) : null}
      <NoticeLine s={s} now={now} />
    </li>
  );
}
