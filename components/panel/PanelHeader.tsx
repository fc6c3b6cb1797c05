import type { ConnectionView } from '../../lib/hooks/use-connection';

const CONNECTION_LABELS: Record<ConnectionView['state'], string> = {
  loading: 'Connecting…',
  online: 'Online',
  offline: 'Offline',
  unreachable: 'Server unreachable',
  signed_out: 'Signed out',
  unauthorized: 'Signed out',
};

interface Props {
  title: string;
  /** Open items waiting for this user; null when there is nothing to count (signed out). */
  pending: number | null;
  /** Open items on the record that wait for someone else: the count then says it is this user's. */
  othersOpen: number;
  connection: ConnectionView;
  onCollapse(): void;
}

/** The record in view, how many of its items wait for this user, the connection, and the collapse control. */
export function PanelHeader({ title, pending, othersOpen, connection, onCollapse }: Props) {
  return (
    // Watched by the sight guard: while the header is covered or see-through, the panel takes no key.
    <header className="panel-header" data-sight="">
      <div className="panel-heading">
        <h1 className="record-name">{title}</h1>
        <p className="panel-sub">
          {pending === null ? null : (
            <span className="pending-count">
              {pending} pending{othersOpen > 0 ? ' for you' : ''}
            </span>
          )}
          <span className={`connection connection-${connection.state}`}>
            <span className="dot" aria-hidden="true" />
            {CONNECTION_LABELS[connection.state]}
          </span>
        </p>
      </div>
      <button
        type="button"
        className="btn btn-icon"
        aria-label="Collapse panel"
        aria-expanded="true"
        onClick={onCollapse}
      >
        <span aria-hidden="true">⟩</span>
      </button>
    </header>
  );
}
