import { useId } from 'react';
import { alertLine } from '../../lib/alerts/rules';
import type { CachedSuggestion } from '../../lib/hooks/types';
import { decisionRights, type Decider } from '../../lib/policy/may-decide';
import { usePanelUi } from '../../lib/stores/panel-ui';
import { selectIsDismissing, usePopupUi } from '../../lib/stores/popup-ui';
import { formatMoney, recordLabel } from '../../lib/text/format';
import { CardBadges } from '../card/CardBadges';
import { CardStatus } from '../card/CardStatus';
import { cardStateOf } from '../card/card-state';
import { Countdown } from '../card/Countdown';
import { DecisionForm } from '../card/forms/DecisionForm';
import { NoticeLine } from '../card/NoticeLine';
import { Reasons } from '../card/Reasons';
import { amountOf } from '../card/risk';
import { useListItem } from '../card/use-list-item';
import { RelativeTime } from '../ui/RelativeTime';
import { DismissForm } from './DismissForm';
import { popupAllows } from './popup-command';
import { PriorityBadge } from './PriorityBadge';
import { RowActions } from './RowActions';

interface Props {
  s: CachedSuggestion;
  now: number;
  /** The row the keyboard acts on (the first one until the user moves). */
  current: boolean;
  user: Decider;
}

/** One alert: the record, the alert in a line, amount, age and time left; the reasons on demand; the actions. */
export function AlertRow({ s, now, current, user }: Props) {
  const titleId = useId();
  const state = cardStateOf(s, now);
  const item = useListItem(s.id);
  const { ref, form, error, selected } = item;
  const dismissing = usePopupUi(selectIsDismissing(s.id));

  const name = recordLabel(s.record);
  const amount = amountOf(s);
  const open = state.kind === 'pending';
  const closeForm = () => {
    usePopupUi.getState().closeDismiss();
    item.closeForm();
  };

  return (
    <li
      ref={ref}
      data-id={s.id}
      tabIndex={-1}
      className={`alert-row card-${state.kind}${current ? ' is-current' : ''}${selected ? ' is-selected' : ''}`}
      aria-current={current ? 'true' : undefined}
      aria-labelledby={titleId}
      onFocus={item.onFocus}
    >
      <div className="row-head">
        {popupAllows(s, 'dismiss', now, user) ? (
          <input
            type="checkbox"
            className="select"
            checked={selected}
            aria-label={`Select ${name}`}
            aria-keyshortcuts="x"
            onChange={() => usePanelUi.getState().toggleSelected(s.id)}
          />
        ) : null}
        <h2 id={titleId} className="row-title">
          {name}
        </h2>
        {amount !== undefined && amount > 0 ? (
          <span className="row-amount">{formatMoney(amount, s.impact.currency)}</span>
        ) : null}
      </div>
      <p className="row-line">{alertLine(s)}</p>
      <p className="row-meta muted">
        <PriorityBadge s={s} /> <RelativeTime at={Date.parse(s.createdAt)} now={now} />
      </p>
      {open && s.expiresAt ? <Countdown expiresAt={s.expiresAt} then={s.timeoutAction} /> : null}
      <CardStatus state={state} now={now} />
      {open && !decisionRights(user, s).refuse ? <p className="status">Waits for the {s.tier} tier.</p> : null}
      <details className="row-reasons">
        <summary>Reasons ({s.reasons.length})</summary>
        {s.reasons.length > 0 ? <Reasons reasons={s.reasons} /> : <p className="muted">The agent gave no reasons.</p>}
        <CardBadges s={s} />
      </details>
      {open && dismissing ? <DismissForm s={s} onClose={closeForm} /> : null}
      {open && form && !dismissing ? <DecisionForm s={s} kind={form} onClose={closeForm} /> : null}
      {!form && !dismissing ? <RowActions s={s} now={now} name={name} user={user} /> : null}
      {error ? (
        <p className="card-error" role="alert">
          {error}
        </p>
      ) : null}
      <NoticeLine s={s} now={now} />
    </li>
  );
}
