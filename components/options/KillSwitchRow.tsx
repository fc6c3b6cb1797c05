import { useId } from 'react';
import type { KillMode } from '../../lib/schemas/policy';

/** What each position of a switch does, in words. */
export const MODE_WORDS: Record<KillMode | 'off', string> = {
  off: 'routed by the policy as usual',
  review: 'sent to review instead of executing on their own',
  block: 'blocked',
};

const OPTIONS: { value: KillMode | 'off'; label: string }[] = [
  { value: 'off', label: 'Off' },
  { value: 'review', label: 'Send to review' },
  { value: 'block', label: 'Block' },
];

interface Props {
  label: string;
  mode: KillMode | null;
  disabled: boolean;
  /** Asks to move the switch; it moves only once the change is confirmed and saved. */
  onFlip(mode: KillMode | null): void;
}

export function KillSwitchRow({ label, mode, disabled, onFlip }: Props) {
  const id = useId();
  return (
    <tr className={mode ? 'switch-on' : undefined}>
      <th scope="row">
        <label htmlFor={id}>{label}</label>
      </th>
      <td>
        <select
          id={id}
          value={mode ?? 'off'}
          disabled={disabled}
          onChange={(e) => onFlip(e.target.value === 'off' ? null : (e.target.value as KillMode))}
        >
          {OPTIONS.map((o) => (
            <option key={o.value} value={o.value}>
              {o.label}
            </option>
          ))}
        </select>
      </td>
    </tr>
  );
}
