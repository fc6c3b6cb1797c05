import { sendToBackground } from '../../lib/hooks/runtime';
import type { ConnectionView } from '../../lib/hooks/use-connection';
import { useOutboxCount } from '../../lib/hooks/use-outbox-count';

const plural = (n: number) => `${n} ${n === 1 ? 'decision' : 'decisions'}`;

/**
 * Says when decisions are not reaching the server and how many wait, and offers a retry when the server is
 * unreachable. Decisions still work offline: they wait in the outbox and sync when the server answers again.
 */
export function ConnectionBanner({ connection }: { connection: ConnectionView }) {
  const waiting = useOutboxCount() ?? 0;
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
        <button type="button" className="btn btn-small" onClick={() => void sendToBackground({ type: 'sync.now' })}>
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
