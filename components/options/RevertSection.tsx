import { useState } from 'react';
import { askBackground } from '../../lib/hooks/ask-background';
import type { AgentName } from '../../lib/messages';
import type { BulkRevertPreview, BulkRevertResult } from '../../lib/schemas/bulk-revert';
import { KNOWN_ACTION_TYPES } from '../../lib/schemas/common';
import { ConfirmDialog } from '../ui/ConfirmDialog';
import { Field, SelectField } from '../ui/Field';
import { Form } from '../ui/Form';
import { ErrorLine } from '../ui/Said';

const ANY = '';
const HOUR = 3_600_000;
/** A datetime-local input's value for a time, in the browser's zone. */
const local = (ms: number) => {
  const d = new Date(ms - new Date(ms).getTimezoneOffset() * 60_000);
  return d.toISOString().slice(0, 16);
};

/**
 * Reverts every execution of an action type, an agent, or both, within a time window: the executions are listed
 * first, and nothing changes until the reviewer confirms. Each is reverted as a single revert would be; those that
 * cannot be (the record changed since, an irreversible action) are listed with the reason.
 */
export function RevertSection({ agents }: { agents: AgentName[] }) {
  const [type, setType] = useState(ANY);
  const [agentId, setAgentId] = useState(ANY);
  const [from, setFrom] = useState(() => local(Date.now() - 24 * HOUR));
  const [to, setTo] = useState(() => local(Date.now() + 60_000));
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const [preview, setPreview] = useState<BulkRevertPreview | null>(null);
  const [confirming, setConfirming] = useState(false);
  const [result, setResult] = useState<BulkRevertResult | null>(null);

  const query = () => {
    if (type === ANY && agentId === ANY) return 'Choose an action type, an agent, or both.';
    const [f, t] = [Date.parse(from), Date.parse(to)];
    if (Number.isNaN(f) || Number.isNaN(t)) return 'Give the start and end of the window.';
    if (f >= t) return 'The window ends before it starts.';
    return {
      ...(type === ANY ? {} : { type }),
      ...(agentId === ANY ? {} : { agentId }),
      from: new Date(f).toISOString(),
      to: new Date(t).toISOString(),
    };
  };

  const find = async () => {
    const q = query();
    setResult(null);
    if (typeof q === 'string') return setError(q);
    setError(null);
    setBusy(true);
    const reply = await askBackground({ type: 'revert.preview', query: q });
    setBusy(false);
    if (!reply.ok) return setError(reply.error);
    setPreview(reply.data);
  };

  const revert = async () => {
    const q = query();
    if (typeof q === 'string') return setError(q);
    setBusy(true);
    const reply = await askBackground({ type: 'revert.many', query: q });
    setBusy(false);
    if (!reply.ok) return setError(reply.error);
    setConfirming(false);
    setPreview(null);
    setResult(reply.data);
  };

  const nameOf = (id: string) => agents.find((a) => a.id === id)?.name ?? id;
  const count = preview?.items.length ?? 0;

  return (
    <section className="section" aria-labelledby="revert-title">
      <h2 id="revert-title">Revert executions</h2>
      <p className="hint">
        Undo what an agent or an action type executed in a time window. Executions are listed first; nothing changes
        until you confirm.
      </p>
      <Form onSubmit={() => void find()} aria-label="Find executions to revert">
        <div className="row">
          <SelectField
            label="Action type"
            value={type}
            options={[{ value: ANY, label: 'Any' }, ...KNOWN_ACTION_TYPES.map((t) => ({ value: t, label: t }))]}
            onChange={(v) => {
              setType(v);
              setPreview(null);
            }}
          />
          <SelectField
            label="Agent"
            value={agentId}
            options={[{ value: ANY, label: 'Any' }, ...agents.map((a) => ({ value: a.id, label: a.name }))]}
            onChange={(v) => {
              setAgentId(v);
              setPreview(null);
            }}
          />
          <Field label="Executed from" type="datetime-local" value={from} onChange={setFrom} />
          <Field label="until" type="datetime-local" value={to} onChange={setTo} />
        </div>
        <button type="submit" className="btn" aria-disabled={busy}>
          Find executions
        </button>
      </Form>
      <ErrorLine text={confirming ? null : error} />
      {preview ? (
        count === 0 ? (
          <p className="note">No executions match.</p>
        ) : (
          <>
            <table className="table" aria-label="Executions to revert">
              <thead>
                <tr>
                  <th>Record</th>
                  <th>Action</th>
                  <th>Agent</th>
                  <th>Executed</th>
                </tr>
              </thead>
              <tbody>
                {preview.items.map((i) => (
                  <tr key={i.id}>
                    <td>{i.record.name ?? `${i.record.objectType} ${i.record.id}`}</td>
                    <td>{i.type}</td>
                    <td>{nameOf(i.proposedBy)}</td>
                    <td>{new Date(i.executedAt).toLocaleString()}</td>
                  </tr>
                ))}
              </tbody>
            </table>
            {preview.more ? <p className="note">More match: revert these, then find again.</p> : null}
            <button type="button" className="btn danger" onClick={() => setConfirming(true)}>
              Revert {count === 1 ? 'this execution' : `these ${count} executions`}
            </button>
          </>
        )
      ) : null}
      {result ? (
        <div role="status">
          <p className="saved">
            Reverted {result.reverted.length}
            {result.refused.length > 0 ? `; ${result.refused.length} could not be reverted:` : '.'}
          </p>
          {result.refused.length > 0 ? (
            <ul>
              {result.refused.map((r) => (
                <li key={r.id}>{r.reason}</li>
              ))}
            </ul>
          ) : null}
          {result.more ? <p className="note">More match: find them again to revert the rest.</p> : null}
        </div>
      ) : null}
      {confirming ? (
        <ConfirmDialog
          title={`Revert ${count === 1 ? 'this execution' : `${count} executions`}?`}
          confirmLabel="Revert"
          tone="danger"
          busy={busy}
          error={error}
          onConfirm={() => void revert()}
          onCancel={() => setConfirming(false)}
        >
          <p>Each record gets back the values it had before; each revert is kept in the audit trail.</p>
        </ConfirmDialog>
      ) : null}
    </section>
  );
}
