import { useState } from 'react';
import type { CachedSuggestion } from '../../../lib/hooks/types';
import type { DecisionDraft } from '../../../lib/hooks/use-decide';
import { needsReason } from '../risk';
import { approvalDraft, useSubmitDecision } from '../use-card-command';
import { NoteField } from '../../ui/NoteField';
import { POLICY_REASON } from './copy';
import { FormShell } from './FormShell';

export type ReasonKind = 'approve' | 'reject' | 'escalate' | 'conditional';

const COPY: Record<ReasonKind, { title: string; field: string; submit: string; missing: string; max: number }> = {
  approve: {
    title: 'Approve with a reason',
    field: POLICY_REASON.label,
    submit: 'Approve',
    missing: POLICY_REASON.missing,
    max: 2000,
  },
  reject: {
    title: 'Reject',
    field: 'Reason for rejecting',
    submit: 'Reject',
    missing: 'A reason is required to reject.',
    max: 2000,
  },
  escalate: {
    title: 'Escalate',
    field: 'Note for the next tier',
    submit: 'Escalate',
    missing: 'A note is required to escalate.',
    max: 2000,
  },
  conditional: {
    title: 'Approve on a condition',
    field: 'Condition, e.g. “the customer confirms the address”',
    submit: 'Approve on condition',
    missing: 'State the condition the approval waits for.',
    max: 1000,
  },
};

/** Decisions that need a sentence from the reviewer: a reason, a note or a condition. */
export function ReasonForm({ s, kind, onClose }: { s: CachedSuggestion; kind: ReasonKind; onClose(): void }) {
  const submit = useSubmitDecision();
  const [text, setText] = useState('');
  const [note, setNote] = useState('');
  const [error, setError] = useState<string | null>(null);
  const copy = COPY[kind];
  const askNote = kind === 'conditional' && needsReason(s);

  const onSubmit = () => {
    const value = text.trim();
    if (!value) return setError(copy.missing);
    if (askNote && !note.trim()) return setError(COPY.approve.missing);
    const payload: DecisionDraft =
      kind === 'conditional'
        ? { kind, condition: value, ...(note.trim() ? { note: note.trim() } : {}) }
        : kind === 'approve'
          ? approvalDraft(s, value)
          : { kind, note: value };
    setError(null);
    void submit(s, payload);
  };

  return (
    <FormShell label={copy.title} submitLabel={copy.submit} error={error} onSubmit={onSubmit} onCancel={onClose}>
      <NoteField label={copy.field} value={text} onChange={setText} required autoFocus maxLength={copy.max} />
      {askNote ? <NoteField label={COPY.approve.field} value={note} onChange={setNote} required /> : null}
    </FormShell>
  );
}
