import { TIERS } from '../../../lib/schemas/common';
import { EXECUTORS } from '../../../lib/schemas/policy';
import { Field, SelectField } from '../../ui/Field';
import { TIMED_LANES, type ActionDraft } from './policy-draft';
import { TimeoutFields } from './TimeoutFields';
import type { FieldErrors } from './validate-policy';

const TIER_OPTIONS = TIERS.map((t) => ({ value: t, label: `${t} tier` }));
const EXECUTOR_OPTIONS: { value: ActionDraft['executor']; label: string }[] = [
  { value: 'agent', label: 'The agent (it polls for the decision)' },
  { value: 'webhook', label: "A signed webhook to the server's WEBHOOK_URL" },
  { value: 'demo', label: 'The demo CRM connector' },
];

interface Props {
  draft: ActionDraft;
  onChange(next: ActionDraft): void;
  errors: FieldErrors;
  /** Where these fields sit in the policy, for their errors: `defaults` or `actionTypes.refund`. */
  path: string;
}

/** Thresholds, risk rules, timeouts and executor of one action type (or of the defaults). */
export function ActionPolicyFields({ draft, onChange, errors, path }: Props) {
  const set = (patch: Partial<ActionDraft>) => onChange({ ...draft, ...patch });
  return (
    <>
      <fieldset className="group">
        <legend>Confidence thresholds</legend>
        <p className="hint">At or above auto: executes on its own. At or above review: queued. Below: triage.</p>
        <div className="row">
          <Field
            label="Auto at or above"
            data-threshold="auto"
            value={draft.auto}
            inputMode="decimal"
            error={errors[`${path}.thresholds.auto`]}
            onChange={(auto) => set({ auto })}
          />
          <Field
            label="Review at or above"
            value={draft.review}
            inputMode="decimal"
            error={errors[`${path}.thresholds.review`]}
            onChange={(review) => set({ review })}
          />
        </div>
      </fieldset>
      <fieldset className="group">
        <legend>Risk rules</legend>
        <p className="hint">
          A risk raises the item to the explicit lane (one by one, with a reason) at the tier set here.
        </p>
        <div className="row">
          <Field
            label="Amount limit"
            value={draft.amountLimit}
            inputMode="decimal"
            error={errors[`${path}.risk.amountLimit`]}
            onChange={(amountLimit) => set({ amountLimit })}
          />
          <SelectField
            label="Over the limit: tier"
            value={draft.amountTier}
            options={TIER_OPTIONS}
            onChange={(amountTier) => set({ amountTier })}
          />
        </div>
        <div className="row">
          <SelectField
            label="Customer-facing: tier"
            value={draft.customerFacingTier}
            options={TIER_OPTIONS}
            onChange={(customerFacingTier) => set({ customerFacingTier })}
          />
          <SelectField
            label="Irreversible: tier"
            value={draft.irreversibleTier}
            options={TIER_OPTIONS}
            onChange={(irreversibleTier) => set({ irreversibleTier })}
          />
        </div>
      </fieldset>
      <fieldset className="group">
        <legend>Timeouts</legend>
        {TIMED_LANES.map((lane) => (
          <TimeoutFields
            key={lane}
            lane={lane}
            value={draft.timeouts[lane]}
            error={errors[`${path}.timeouts.${lane}.seconds`]}
            onChange={(t) => set({ timeouts: { ...draft.timeouts, [lane]: t } })}
          />
        ))}
      </fieldset>
      <SelectField
        label="Executor"
        value={draft.executor}
        options={EXECUTOR_OPTIONS.filter((o) => (EXECUTORS as readonly string[]).includes(o.value))}
        onChange={(executor) => set({ executor })}
      />
    </>
  );
}
