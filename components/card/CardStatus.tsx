import { RelativeTime } from '../ui/RelativeTime';
import type { CardState } from './card-state';

const STALE_TEXT = 'The record changed since this was proposed, so it was not applied. A person needs to look again.';

/** The line that says where a card stands when it is no longer simply waiting for a decision. */
export function CardStatus({ state, now }: { state: CardState; now: number }) {
  switch (state.kind) {
    case 'pending':
    case 'awaiting_condition':
      return null;
    case 'waiting':
      return (
        <p className="status status-waiting" role="status">
          {state.label}
        </p>
      );
    case 'timed_out':
      return (
        <p className="status status-timed-out">
          Timed out{state.then ? ` — then: ${state.then}` : ''}. It can no longer be decided here.
        </p>
      );
    case 'decided':
    case 'executed':
      return (
        <p className={`status status-${state.kind}`}>
          {state.label}
          {state.at !== null ? (
            <>
              {' '}
              <RelativeTime at={state.at} now={now} />
            </>
          ) : null}
        </p>
      );
    case 'stale':
      return <p className="status status-stale">Stale: {STALE_TEXT}</p>;
    case 'failed':
      return <p className="status status-failed">Execution failed: the change was approved but not applied.</p>;
  }
}
