import { useEffect, useRef, useState } from 'react';
import { askBackground } from '../../../lib/hooks/ask-background';
import type { StoredPolicy } from '../../../lib/messages';
import { KNOWN_ACTION_TYPES, TIERS } from '../../../lib/schemas/common';
import { rulesOf } from '../../../lib/schemas/policy';
import { Form } from '../../ui/Form';
import { ErrorLine } from '../../ui/Said';
import { ActionPolicyFields } from './ActionPolicyFields';
import { actionDraft, policyDraft, withAuto, type ActionDraft, type PolicyDraft } from './policy-draft';
import { validatePolicy, type FieldErrors } from './validate-policy';
import { SectionPicker } from './SectionPicker';

/** An auto threshold to put in the form for an action type (a recommendation from the metrics); a new id, a new fill. */
export interface ThresholdFill {
  id: number;
  actionType: string;
  auto: number;
}

interface Props {
  stored: StoredPolicy;
  readOnly: boolean;
  onSaved(next: StoredPolicy): void;
  /** Reads the policy again from the server: after another admin changed it, the form starts from theirs. */
  onReload(): void;
  /** Filled in unsaved, for the admin to review and save: each new one once, told back through `onFillTaken`. */
  fill?: ThresholdFill | null;
  onFillTaken?(id: number): void;
}

const DEFAULTS = 'defaults';
const pathOf = (section: string) => (section === DEFAULTS ? DEFAULTS : `actionTypes.${section}`);

/** The first section (defaults or an action type) with an error, to show it after a failed check. */
function firstSectionWithError(errors: FieldErrors): string | null {
  const key = Object.keys(errors)[0];
  if (!key) return null;
  const [head, type] = key.split('.');
  return head === 'actionTypes' && type ? type : DEFAULTS;
}

/** The editable policy: per action type (or the defaults), two-approver tiers; checked with the schema, then saved. */
export function PolicyForm({ stored, readOnly, onSaved, onReload, fill = null, onFillTaken }: Props) {
  const [draft, setDraft] = useState<PolicyDraft>(() => policyDraft(stored.policy));
  // What this form began from, kept as it was: the server refuses a save if another admin has changed it since.
  const [basedOn] = useState(() => rulesOf(stored.policy));
  const [section, setSection] = useState<string>(DEFAULTS);
  const [errors, setErrors] = useState<FieldErrors>({});
  const [problem, setProblem] = useState<string | null>(null);
  const [saving, setSaving] = useState(false);
  const [stale, setStale] = useState(false);
  const [seenFill, setSeenFill] = useState<number | null>(null);
  const [filled, setFilled] = useState<ThresholdFill | null>(null);
  const fieldsRef = useRef<HTMLFieldSetElement>(null);

  if (fill && fill.id !== seenFill && !readOnly) {
    setSeenFill(fill.id);
    setFilled(fill);
    setSection(fill.actionType);
    setDraft((d) => withAuto(d, fill.actionType, fill.auto, stored.policy.defaults));
  }
  useEffect(() => {
    if (filled) onFillTaken?.(filled.id);
    const input = filled && fieldsRef.current?.querySelector<HTMLInputElement>('input[data-threshold="auto"]');
    if (!input) return;
    input.scrollIntoView?.({ block: 'center' });
    input.focus();
  }, [filled, onFillTaken]);

  const types = [...new Set([...KNOWN_ACTION_TYPES, ...Object.keys(draft.overrides)])];
  const own = section === DEFAULTS ? draft.defaults : draft.overrides[section];
  const setSectionDraft = (next: ActionDraft) =>
    setDraft((d) =>
      section === DEFAULTS ? { ...d, defaults: next } : { ...d, overrides: { ...d.overrides, [section]: next } },
    );
  const setOwn = (on: boolean) =>
    setDraft((d) => {
      const { [section]: _dropped, ...rest } = d.overrides;
      return { ...d, overrides: on ? { ...rest, [section]: actionDraft(stored.policy.defaults) } : rest };
    });

  const save = async () => {
    const checked = validatePolicy(draft);
    if (!checked.ok) {
      setErrors(checked.errors);
      setSection(firstSectionWithError(checked.errors) ?? section);
      const n = Object.keys(checked.errors).length;
      setProblem(`Fix ${n === 1 ? 'the field' : `${n} fields`} marked below before saving.`);
      return;
    }
    setErrors({});
    setSaving(true);
    const reply = await askBackground({ type: 'policy.update', policy: checked.value, basedOn });
    setSaving(false);
    if (!reply.ok && reply.code === 'CONFLICT') {
      setStale(true);
      return setProblem(
        'Another admin changed the policy since you opened it, so this was not saved. Reload it to see their ' +
          'version, then make your change again.',
      );
    }
    if (!reply.ok) return setProblem(reply.error);
    onSaved(reply.data); // a new version: the form starts again from what the server stored
  };

  return (
    <Form className="policy-form" aria-label="Policy" onSubmit={() => void save()}>
      <SectionPicker
        value={section}
        types={types}
        overridden={Object.keys(draft.overrides)}
        errors={errors}
        onChange={setSection}
      />
      {filled ? (
        <p className="saved" role="status">
          Filled in from the metrics: auto at or above {filled.auto} for {filled.actionType.replace(/_/g, ' ')}. Review
          it, then save the policy.
          {Number(draft.overrides[filled.actionType]?.review) > filled.auto
            ? ' Its review threshold is above that: lower it too, or the policy will not save.'
            : ''}
        </p>
      ) : null}
      <fieldset className="plain" disabled={readOnly} ref={fieldsRef}>
        {section !== DEFAULTS ? (
          <label className="check">
            <input type="checkbox" checked={own !== undefined} onChange={(e) => setOwn(e.target.checked)} />
            Give {section.replace(/_/g, ' ')} settings of its own
          </label>
        ) : null}
        {own ? (
          <ActionPolicyFields draft={own} onChange={setSectionDraft} errors={errors} path={pathOf(section)} />
        ) : (
          <p className="muted">It follows the defaults.</p>
        )}
        <fieldset className="group">
          <legend>Two approvers</legend>
          {TIERS.map((tier) => (
            <label key={tier} className="check">
              <input
                type="checkbox"
                checked={draft.twoApprovers[tier]}
                onChange={(e) =>
                  setDraft((d) => ({ ...d, twoApprovers: { ...d.twoApprovers, [tier]: e.target.checked } }))
                }
              />
              Approvals at the {tier} tier need two different people
            </label>
          ))}
        </fieldset>
      </fieldset>
      <ErrorLine text={problem} />
      {stale ? (
        <button type="button" className="btn" onClick={onReload}>
          Reload the policy
        </button>
      ) : null}
      {readOnly ? null : (
        <button type="submit" className="btn btn-primary" aria-disabled={saving}>
          Save policy
        </button>
      )}
    </Form>
  );
}
