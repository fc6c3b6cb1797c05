import type { CachedSuggestion } from '../../lib/hooks/types';
import { useQueuedDecision } from '../../lib/hooks/use-queued-decision';
import { formatMoney } from '../../lib/text/format';
import { CardBadges } from './CardBadges';
import { CardMeta } from './CardMeta';
import { ChangeDiff } from './ChangeDiff';
import { DraftView } from './DraftView';
import { Reasons } from './Reasons';
import { SourceContext } from './SourceContext';

interface Props {
  s: CachedSuggestion;
  now: number;
  showCountdown: boolean;
}

/**
 * Everything needed to judge the item: the change, the reasons, the badges, the context, who and when. While an edit
 * made here waits to sync, the change shows as edited, so the reviewer sees what they approved. Awaiting a second
 * approver, the change is what the first approved: what the second approves or not.
 */
export function CardBody({ s, now, showCountdown }: Props) {
  const queued = useQueuedDecision(s);
  const first = s.firstApproval?.changeSet;
  const { draft, amount } = s.changeSet;
  const changes = first?.changes ?? s.changeSet.changes;
  const edit = queued?.kind === 'modify' ? queued : undefined;
  const edited = new Map((edit?.changes ?? []).map((c) => [c.field, c.to]));
  const queuedAmount = queued?.kind === 'modify' || queued?.kind === 'partial' ? queued.amount : undefined;
  const newAmount = queuedAmount ?? first?.amount;
  const firstDraft =
    first?.draft && (first.draft.body !== draft?.body || first.draft.subject !== draft?.subject) ? first.draft : null;
  const money = (n: number) => formatMoney(n, s.impact.currency);
  return (
    <div className="card-body">
      <ChangeDiff changes={changes.map((c) => (edited.has(c.field) ? { ...c, to: edited.get(c.field)! } : c))} />
      {draft ? <DraftView draft={draft} edited={edit?.draft ?? firstDraft} /> : null}
      {amount !== undefined ? (
        <p className="amount">
          Amount{' '}
          {newAmount !== undefined && newAmount !== amount ? (
            <>
              <del>{money(amount)}</del>
              <span aria-hidden="true"> → </span>
              <span className="sr-only"> approved as </span>
              <ins>{money(newAmount)}</ins>
            </>
          ) : (
            <strong>{money(amount)}</strong>
          )}
        </p>
      ) : null}
      <Reasons reasons={s.reasons} />
      <CardBadges s={s} />
      <SourceContext context={s.context} routing={s.routingReason} />
      <CardMeta s={s} now={now} showCountdown={showCountdown} />
    </div>
  );
}
