import { useId } from 'react';
import type { FieldErrors } from './validate-policy';

interface Props {
  value: string;
  types: string[];
  overridden: string[];
  errors: FieldErrors;
  onChange(section: string): void;
}

const hasErrors = (errors: FieldErrors, prefix: string) => Object.keys(errors).some((k) => k.startsWith(prefix));

/** Which settings the form shows: the defaults, or one action type's; marks those with their own or with errors. */
export function SectionPicker({ value, types, overridden, errors, onChange }: Props) {
  const id = useId();
  const label = (type: string) => {
    const marks = [
      overridden.includes(type) ? 'own settings' : 'follows the defaults',
      hasErrors(errors, `actionTypes.${type}.`) ? 'has errors' : '',
    ].filter(Boolean);
    return `${type.replace(/_/g, ' ')} (${marks.join(', ')})`;
  };
  return (
    <div className="field section-picker">
      <label htmlFor={id}>Settings for</label>
      <select id={id} value={value} onChange={(e) => onChange(e.target.value)}>
        <option value="defaults">Defaults{hasErrors(errors, 'defaults.') ? ' (has errors)' : ''}</option>
        {types.map((type) => (
          <option key={type} value={type}>
            {label(type)}
          </option>
        ))}
      </select>
    </div>
  );
}
