import { useId } from 'react';

interface Props {
  label: string;
  value: string;
  onChange(value: string): void;
  required?: boolean;
  autoFocus?: boolean;
  maxLength?: number;
}

/** A one-line text field with its label: reasons, notes, conditions. */
export function NoteField({ label, value, onChange, required = false, autoFocus = false, maxLength = 2000 }: Props) {
  const id = useId();
  return (
    <div className="field">
      <label htmlFor={id}>
        {label}
        {required ? <span className="required"> (required)</span> : null}
      </label>
      <input
        id={id}
        type="text"
        value={value}
        maxLength={maxLength}
        aria-required={required}
        autoFocus={autoFocus}
        autoComplete="off"
        onChange={(e) => onChange(e.target.value)}
      />
    </div>
  );
}
