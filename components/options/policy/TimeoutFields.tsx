import { TIMEOUT_ACTIONS } from '../../../lib/schemas/common';
import { Field, SelectField } from '../../ui/Field';
import type { TimedLane, TimeoutDraft, Unit } from './policy-draft';

const LANE_NAMES: Record<TimedLane, string> = { review: 'Review', explicit: 'Explicit', triage: 'Triage' };
const UNITS: { value: Unit; label: string }[] = [
  { value: 'minutes', label: 'minutes' },
  { value: 'hours', label: 'hours' },
  { value: 'days', label: 'days' },
];
const ACTIONS = TIMEOUT_ACTIONS.map((a) => ({ value: a, label: a }));

interface Props {
  lane: TimedLane;
  value: TimeoutDraft;
  onChange(next: TimeoutDraft): void;
  error: string | undefined;
}

/** How long an item of one lane waits for a person, and what the server does then. */
export function TimeoutFields({ lane, value, onChange, error }: Props) {
  const name = LANE_NAMES[lane];
  return (
    <div className="timeout-row" role="group" aria-label={`${name} lane timeout`}>
      <Field
        label={`${name} lane: time out after`}
        value={value.amount}
        inputMode="decimal"
        error={error}
        onChange={(amount) => onChange({ ...value, amount })}
      />
      <SelectField
        label={`${name} lane: unit`}
        value={value.unit}
        options={UNITS}
        onChange={(unit) => onChange({ ...value, unit })}
      />
      <SelectField
        label={`${name} lane: then`}
        value={value.action}
        options={ACTIONS}
        onChange={(action) => onChange({ ...value, action })}
      />
    </div>
  );
}
