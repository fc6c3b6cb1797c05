import { RelativeTime } from '../ui/RelativeTime';
import type { CardState } from './card-state';

const STALE_TEXT =
  'The record changed before the approved change could run, so nothing was changed. Look at the record as it is now.';
const FAILED_TEXT = 'The change was approved but not applied.';

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
    // The detail is the executor's text: shown as text, like everything that comes from outside.
    case 'stale':
      return (
        <div className="status status-stale">
          <p>Stale: {STALE_TEXT}</p>
          {state.detail ? <p className="outcome-detail">What the record holds now: {state.detail}</p> : null}
        </div>
      );
    case 'failed':
      return (
        <div className="status status-failed">
          <p>Execution failed: {FAILED_TEXT}</p>
          <p className="outcome-detail">Reason: {state.detail ?? 'the executor gave none.'}</p>
        </div>
      );
  }
}
