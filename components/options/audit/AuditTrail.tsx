import { useEffect, useId, useState } from 'react';
import { askBackground } from '../../../lib/hooks/ask-background';
import type { AuditEvent } from '../../../lib/schemas/audit';
import type { AuditPage } from '../../../lib/schemas/audit-query';
import { ErrorLine } from '../../ui/Said';
import { ExportButtons } from './ExportButtons';
import { summarize } from './summary';

/** Events asked for at a time. */
export const AUDIT_PAGE = 50;

/** What to show: all events or one suggestion's, from the start or the page after `afterSeq`; `round` counts asks. */
interface Request {
  filter: string | null;
  afterSeq?: number;
  round: number;
}

/** The events shown so far for `filter`, as of the answer to `round`. */
interface Trail {
  filter: string | null;
  round: number;
  events: AuditEvent[];
  nextSeq: number | null;
  error: string | null;
}

/** An event's time, to the second, in UTC like the export. */
const shownTime = (at: string) => `${at.slice(0, 19).replace('T', ' ')} UTC`;

/**
 * The audit trail for admins, newest first a page at a time; or one suggestion's whole history, oldest first, which
 * reads as the story it is. Every field is rendered as text: payloads hold AI and user text.
 */
export function AuditTrail({ nameOf }: { nameOf: (id: string) => string }) {
  const [request, setRequest] = useState<Request>({ filter: null, round: 0 });
  const [draft, setDraft] = useState('');
  const [trail, setTrail] = useState<Trail | null>(null);
  const inputId = useId();

  useEffect(() => {
    let current = true;
    const { filter, afterSeq, round } = request;
    const query = {
      limit: AUDIT_PAGE,
      order: filter ? ('oldest' as const) : ('newest' as const),
      ...(filter ? { suggestionId: filter } : {}),
      ...(afterSeq === undefined ? {} : { afterSeq }),
    };
    void askBackground({ type: 'audit.list', query }).then((reply) => {
      if (!current) return;
      setTrail((t) => {
        // A later page adds to what is shown; a failed one keeps it, and the way to ask for it again.
        const kept = afterSeq !== undefined && t ? t : null;
        const before = kept?.events ?? [];
        if (!reply.ok) return { filter, round, events: before, nextSeq: kept?.nextSeq ?? null, error: reply.error };
        // A reply without data shows as an empty page rather than taking the whole options page down.
        const page = (reply.data as AuditPage | null) ?? { events: [], nextSeq: null };
        return { filter, round, events: [...before, ...page.events], nextSeq: page.nextSeq, error: null };
      });
    });
    return () => {
      current = false;
    };
  }, [request]);

  const filter = request.filter;
  const show = (id: string | null) => {
    setDraft(id ?? '');
    setRequest((r) => ({ filter: id, round: r.round + 1 }));
  };
  const loading = trail?.round !== request.round;
  const shown = trail?.filter === filter ? trail : null;
  const events = shown?.events ?? [];
  const nextSeq = shown?.nextSeq ?? null;
  const error = loading ? null : (shown?.error ?? null);
  const older = () => {
    if (!loading && nextSeq !== null) setRequest((r) => ({ ...r, afterSeq: nextSeq, round: r.round + 1 }));
  };

  return (
    <div aria-busy={loading}>
      <form
        className="row"
        role="search"
        onSubmit={(e) => {
          e.preventDefault();
          show(draft.trim() || null);
        }}
      >
        <div className="field">
          <label htmlFor={inputId}>Suggestion id</label>
          <input id={inputId} value={draft} maxLength={64} onChange={(e) => setDraft(e.target.value)} />
        </div>
        <button type="submit" className="btn">
          Show its history
        </button>
        {filter ? (
          <button type="button" className="btn" onClick={() => show(null)}>
            Show the whole trail
          </button>
        ) : (
          <button type="button" className="btn" onClick={() => show(null)}>
            Show the newest events
          </button>
        )}
      </form>
      <p className="hint">
        {filter ? `The history of suggestion ${filter}, oldest first.` : 'Every event, newest first.'}
      </p>
      <ExportButtons suggestionId={filter} />
      <ErrorLine text={error && `Could not load the audit trail: ${error}`} />
      {loading && events.length === 0 ? (
        <p role="status" aria-busy="true">
          Loading the audit trail…
        </p>
      ) : null}
      {!loading && !error && events.length === 0 ? (
        <p className="muted">{filter ? `No events for suggestion ${filter}.` : 'The audit trail is empty.'}</p>
      ) : null}
      {events.length > 0 ? (
        <div className="table-scroll">
          <table className="table">
            <caption>{filter ? `History of ${filter}` : 'Audit events'}</caption>
            <thead>
              <tr>
                <th scope="col">#</th>
                <th scope="col">Time</th>
                <th scope="col">Actor</th>
                <th scope="col">Event</th>
                <th scope="col">Suggestion</th>
              </tr>
            </thead>
            <tbody>
              {events.map((e) => (
                <EventRow key={e.seq} event={e} nameOf={nameOf} onShow={show} filtered={filter !== null} />
              ))}
            </tbody>
          </table>
        </div>
      ) : null}
      {nextSeq !== null ? (
        <button type="button" className="btn" aria-disabled={loading} onClick={older}>
          {filter ? 'Later events' : 'Older events'}
        </button>
      ) : null}
    </div>
  );
}

interface RowProps {
  event: AuditEvent;
  nameOf: (id: string) => string;
  onShow: (suggestionId: string) => void;
  filtered: boolean;
}

function EventRow({ event: e, nameOf, onShow, filtered }: RowProps) {
  const sid = 'suggestionId' in e.payload ? e.payload.suggestionId : null;
  return (
    <tr data-kind={e.payload.kind}>
      <td>{e.seq}</td>
      <td>
        <time dateTime={e.at}>{shownTime(e.at)}</time>
      </td>
      <td>{nameOf(e.actor)}</td>
      <td>
        <details>
          <summary>{summarize(e.payload, nameOf)}</summary>
          <pre style={{ whiteSpace: 'pre-wrap', margin: 0 }}>{JSON.stringify(e.payload, null, 2)}</pre>
        </details>
      </td>
      <td>
        {sid && !filtered ? (
          <button type="button" className="plain" aria-label={`Show the history of ${sid}`} onClick={() => onShow(sid)}>
            {sid}
          </button>
        ) : (
          sid
        )}
      </td>
    </tr>
  );
}
