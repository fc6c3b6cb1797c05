import type { ReactNode } from 'react';
import { Form } from '../../ui/Form';
import { Kbd } from '../../ui/Kbd';
import { ErrorLine } from '../../ui/Said';

interface Props {
  label: string;
  submitLabel: string;
  /** What is missing or wrong in the form, said next to it. */
  error: string | null;
  onSubmit(): void;
  onCancel(): void;
  children: ReactNode;
}

const isToggle = (t: EventTarget) => t instanceof HTMLInputElement && (t.type === 'checkbox' || t.type === 'radio');

/**
 * The frame of every decision form: Enter confirms (Ctrl+Enter from a multi-line field), Escape cancels. Escape is
 * marked handled here so the panel's own Escape shortcut does not run a second time.
 */
export function FormShell({ label, submitLabel, error, onSubmit, onCancel, children }: Props) {
  return (
    <Form
      className="decision-form"
      aria-label={label}
      onSubmit={onSubmit}
      onKeyDown={(e) => {
        if (e.key === 'Escape') {
          e.preventDefault();
          onCancel();
        } else if (e.key === 'Enter' && (e.ctrlKey || e.metaKey || isToggle(e.target))) {
          // Text fields submit on Enter by themselves; a multi-line field needs Ctrl+Enter, a checkbox none.
          e.preventDefault();
          onSubmit();
        }
      }}
    >
      {children}
      <ErrorLine text={error} />
      <div className="form-actions">
        <button type="submit" className="btn btn-primary" aria-keyshortcuts="Enter">
          {submitLabel}
          <Kbd>Enter</Kbd>
        </button>
        <button type="button" className="btn" aria-keyshortcuts="Escape" onClick={onCancel}>
          Cancel
          <Kbd>Esc</Kbd>
        </button>
      </div>
    </Form>
  );
}
