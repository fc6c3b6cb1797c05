import { useId, useState, type ReactNode } from 'react';
import { Form } from './Form';
import { NoteField } from './NoteField';
import { ErrorLine } from './Said';

interface Props {
  title: string;
  children?: ReactNode;
  confirmLabel: string;
  /** When given, a reason is asked for under this label and is required. */
  reasonLabel?: string;
  /** What went wrong with the last attempt, from the caller. */
  error?: string | null;
  busy?: boolean;
  tone?: 'primary' | 'danger';
  onConfirm(reason: string): void;
  onCancel(): void;
}

/**
 * A small modal question before an action that changes things for everyone: a kill switch, a revoked token. Enter
 * confirms, Escape cancels; with `reasonLabel`, an empty reason is refused.
 */
export function ConfirmDialog(props: Props) {
  const { title, children, confirmLabel, reasonLabel, error, busy = false, tone = 'primary', onCancel } = props;
  const titleId = useId();
  const [reason, setReason] = useState('');
  const [missing, setMissing] = useState(false);
  const shown = missing ? 'Give a reason: it is kept in the audit trail.' : (error ?? null);

  const confirm = () => {
    if (busy) return;
    if (reasonLabel && !reason.trim()) return setMissing(true);
    setMissing(false);
    props.onConfirm(reason.trim());
  };

  return (
    <div className="dialog-backdrop">
      <Form
        className="dialog"
        role="dialog"
        aria-modal="true"
        aria-labelledby={titleId}
        onSubmit={confirm}
        onKeyDown={(e) => {
          if (e.key === 'Escape') {
            e.preventDefault();
            onCancel();
          }
        }}
      >
        <h3 id={titleId}>{title}</h3>
        {children}
        {reasonLabel ? (
          <NoteField label={reasonLabel} value={reason} onChange={setReason} required autoFocus maxLength={1000} />
        ) : null}
        <ErrorLine text={shown} />
        <div className="form-actions">
          <button type="submit" className={`btn btn-${tone}`} aria-disabled={busy} autoFocus={!reasonLabel}>
            {confirmLabel}
          </button>
          <button type="button" className="btn" onClick={onCancel}>
            Cancel
          </button>
        </div>
      </Form>
    </div>
  );
}
