import { openOptionsPage } from '../../lib/hooks/runtime';
import { countPending } from '../../lib/hooks/count-pending';
import { useAlerts } from '../../lib/hooks/use-alerts';
import { useConnection } from '../../lib/hooks/use-connection';
import { useSignedInUser } from '../../lib/hooks/use-signed-in-user';
import { ConnectionBanner } from '../panel/ConnectionBanner';
import { SignedOut } from '../panel/PanelStates';
import { AlertList } from './AlertList';

const CONNECTION: Record<string, string> = {
  online: 'Online',
  offline: 'Offline',
  unreachable: 'Server unreachable',
};

/** The toolbar popup: open risk alerts and items escalated to the manager tier, from the cache, highest risk first. */
export function AlertsPopup() {
  const connection = useConnection();
  const items = useAlerts();
  const user = useSignedInUser();
  const signedOut = connection.state === 'signed_out' || connection.state === 'unauthorized' || user === null;
  const open = countPending(items);

  let body;
  if (connection.state === 'loading' || user === undefined || (!signedOut && items === undefined)) {
    body = (
      <p className="state" role="status" aria-busy="true">
        Loading alerts…
      </p>
    );
  } else if (signedOut || !user) {
    body = <SignedOut refused={connection.state === 'unauthorized'} onOpenOptions={() => void openOptionsPage()} />;
  } else if (!items || items.length === 0) {
    body = (
      <div className="state" role="status">
        <p className="state-title">No open risk alerts</p>
        <p className="muted">Alerts and items escalated to managers show up here.</p>
      </div>
    );
  } else {
    body = <AlertList items={items} user={user} />;
  }

  return (
    <main className="popup">
      <header className="popup-header">
        <h1>Risk alerts</h1>
        {signedOut || items === undefined ? null : <span className="pending-count">{open} open</span>}
        {CONNECTION[connection.state] ? (
          <span className={`connection connection-${connection.state}`}>
            <span className="dot" aria-hidden="true" />
            {CONNECTION[connection.state]}
          </span>
        ) : null}
        <button type="button" className="btn btn-small" onClick={() => void openOptionsPage()}>
          Options
        </button>
      </header>
      {signedOut ? null : <ConnectionBanner connection={connection} />}
      {body}
    </main>
  );
}
