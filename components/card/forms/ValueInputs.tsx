import { useId } from 'react';
import type { Change } from '../../../lib/schemas/suggestion';
import { formatValue } from '../../../lib/text/format';

interface Props {
  changes: Change[];
  values: Record<string, string>;
  onChange(field: string, value: string): void;
}

/** One input per proposed change, prefilled with the proposed value; the current value is shown for reference. */
export function ValueInputs({ changes, values, onChange }: Props) {
  const base = useId();
  return (
    <>
      {changes.map((c, i) => {
        const id = `${base}-${i}`;
        const label = c.label ?? c.field;
        return (
          <div className="field" key={c.field}>
            <label htmlFor={id}>
              {label} <span className="hint">(now {formatValue(c.from)})</span>
            </label>
            {typeof c.to === 'boolean' ? (
              <select id={id} value={values[c.field]} onChange={(e) => onChange(c.field, e.target.value)}>
                <option value="true">Yes</option>
                <option value="false">No</option>
              </select>
            ) : (
              <input
                id={id}
                type="text"
                inputMode={typeof c.to === 'number' ? 'decimal' : undefined}
                value={values[c.field] ?? ''}
                autoFocus={i === 0}
                autoComplete="off"
                onChange={(e) => onChange(c.field, e.target.value)}
              />
            )}
          </div>
        );
      })}
    </>
  );
}
