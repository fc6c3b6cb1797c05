import type { ConnectionView } from '../../lib/hooks/use-connection';

const plural = (n: number) => `${n} ${n === 1 ? 'decision' : 'decisions'}`;

/**
 * Says when decisions are not reaching the server and how many wait. Decisions still work offline: they wait in the
 * outbox and sync when the server answers again.
 */
export function ConnectionBanner({
  connection,
  waiting,
  onRetry,
}: {
  connection: ConnectionView;
  waiting: number;
  onRetry(): void;
}) {
  const queued = waiting > 0 ? `${plural(waiting)} waiting to sync` : 'decisions you take will sync later';
  if (connection.state === 'offline') {
    return (
      <p className="banner banner-offline" role="status">
        <strong>Offline</strong> — {queued}
      </p>
    );
  }
  if (connection.state === 'unreachable') {
    return (
      <div className="banner banner-unreachable" role="status">
        <p>
          <strong>Server unreachable</strong> — {queued}
        </p>
        <button type="button" className="btn btn-small" onClick={onRetry}>
          Retry now
        </button>
      </div>
    );
  }
  if (waiting > 0) {
    return (
      <p className="banner banner-syncing" role="status">
        Syncing {plural(waiting)}…
      </p>
    );
  }
  return null;
}
