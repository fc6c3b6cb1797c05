import { useState } from 'react';
import type { CachedSuggestion } from '../../../lib/hooks/types';
import type { FieldValue } from '../../../lib/schemas/suggestion';
import { formatMoney } from '../../../lib/text/format';
import { DraftView } from '../DraftView';
import { needsReason } from '../risk';
import { useSubmitDecision } from '../use-card-command';
import { NoteField } from '../../ui/NoteField';
import { fromInputText, parseAmount, toInputText } from './field-values';
import { POLICY_REASON } from './copy';
import { FormShell } from './FormShell';
import { ValueInputs } from './ValueInputs';

/**
 * Edit the proposed values, the draft or the amount in place; what is saved is what executes. A second approver
 * starts from what the first approved; the edit is still sent against the proposal, as the server reads it.
 */
export function ModifyForm({ s, onClose }: { s: CachedSuggestion; onClose(): void }) {
  const submit = useSubmitDecision();
  const { draft, amount } = s.changeSet;
  const start = s.firstApproval?.changeSet ?? s.changeSet;
  const { changes } = start;
  const proposedTo = new Map(s.changeSet.changes.map((c) => [c.field, c.to]));
  const [values, setValues] = useState(() => Object.fromEntries(changes.map((c) => [c.field, toInputText(c.to)])));
  const [subject, setSubject] = useState(start.draft?.subject ?? draft?.subject ?? '');
  const [body, setBody] = useState(start.draft?.body ?? draft?.body ?? '');
  const startAmount = start.amount ?? amount;
  const [amountText, setAmountText] = useState(startAmount === undefined ? '' : String(startAmount));
  const [note, setNote] = useState('');
  const [error, setError] = useState<string | null>(null);
  const explicit = needsReason(s);
  const draftEdited = draft !== undefined && (body !== draft.body || subject !== (draft.subject ?? ''));

  const onSubmit = () => {
    const edits: { field: string; to: FieldValue }[] = [];
    let changed = false;
    for (const c of changes) {
      const to = fromInputText(c.to, values[c.field] ?? '');
      if (to instanceof Error) return setError(`${c.label ?? c.field}: ${to.message}`);
      if (to !== c.to) changed = true;
      if (to !== proposedTo.get(c.field)) edits.push({ field: c.field, to });
    }
    const draftChanged = body !== (start.draft?.body ?? '') || subject !== (start.draft?.subject ?? '');
    const draftEdit = draft?.subject !== undefined || subject ? { subject, body } : { body };
    let newAmount: number | undefined;
    if (amount !== undefined) {
      const parsed = parseAmount(amountText);
      if (parsed instanceof Error) return setError(parsed.message);
      if (parsed > amount)
        return setError(`An edit cannot raise the amount above ${formatMoney(amount, s.impact.currency)}`);
      if (parsed !== amount) newAmount = parsed;
      if (parsed !== startAmount) changed = true;
    }
    if (!changed && !(start.draft !== undefined && draftChanged)) {
      return setError('Nothing was changed: edit a value, or approve as proposed.');
    }
    if (explicit && !note.trim()) return setError(POLICY_REASON.missing);
    setError(null);
    void submit(s, {
      kind: 'modify',
      changes: edits,
      ...(draftEdited ? { draft: draftEdit } : {}),
      ...(newAmount !== undefined ? { amount: newAmount } : {}),
      ...(note.trim() ? { note: note.trim() } : {}),
    });
  };

  return (
    <FormShell label="Modify" submitLabel="Save and approve" error={error} onSubmit={onSubmit} onCancel={onClose}>
      <ValueInputs changes={changes} values={values} onChange={(field, v) => setValues({ ...values, [field]: v })} />
      {draft ? (
        <>
          <NoteField
            label="Subject"
            value={subject}
            onChange={setSubject}
            maxLength={500}
            autoFocus={!changes.length}
          />
          <div className="field">
            <label>
              Body <span className="hint">(Ctrl+Enter saves)</span>
              <textarea value={body} rows={8} maxLength={50_000} onChange={(e) => setBody(e.target.value)} />
            </label>
          </div>
          {draftEdited ? (
            <div className="preview" aria-label="Your edits">
              <p className="muted">Your edits:</p>
              <DraftView draft={draft} edited={{ subject, body }} />
            </div>
          ) : null}
        </>
      ) : null}
      {amount !== undefined ? (
        <NoteField label="Amount (may only go down)" value={amountText} onChange={setAmountText} maxLength={20} />
      ) : null}
      {explicit ? <NoteField label={POLICY_REASON.label} value={note} onChange={setNote} required /> : null}
    </FormShell>
  );
}
