import { useState } from 'react';
import type { CachedSuggestion } from '../../../lib/hooks/types';
import { formatMoney, formatValue } from '../../../lib/text/format';
import { needsReason } from '../risk';
import { useSubmitDecision } from '../use-card-command';
import { NoteField } from '../../ui/NoteField';
import { parseAmount } from './field-values';
import { POLICY_REASON } from './copy';
import { FormShell } from './FormShell';

/** Approve part of it: tick the changes to keep, or lower the amount. */
export function PartialForm({ s, onClose }: { s: CachedSuggestion; onClose(): void }) {
  const submit = useSubmitDecision();
  const { changes, amount } = s.changeSet;
  const [keep, setKeep] = useState(() => Object.fromEntries(changes.map((c) => [c.field, true])));
  const [amountText, setAmountText] = useState(amount === undefined ? '' : String(amount));
  const [note, setNote] = useState('');
  const [error, setError] = useState<string | null>(null);
  const explicit = needsReason(s);

  const onSubmit = () => {
    const kept = changes.filter((c) => keep[c.field]).map((c) => ({ field: c.field }));
    if (changes.length > 0 && kept.length === 0) return setError('Keep at least one change, or reject instead.');
    let lower: number | undefined;
    if (amount !== undefined) {
      const parsed = parseAmount(amountText);
      if (parsed instanceof Error) return setError(parsed.message);
      if (parsed > amount)
        return setError(`A partial approval cannot exceed ${formatMoney(amount, s.impact.currency)}`);
      if (parsed < amount) lower = parsed;
    }
    const dropped = kept.length < changes.length;
    if (!dropped && lower === undefined) return setError('Untick a change or lower the amount.');
    if (explicit && !note.trim()) return setError(POLICY_REASON.missing);
    setError(null);
    void submit(s, {
      kind: 'partial',
      ...(dropped ? { changes: kept } : {}),
      ...(lower !== undefined ? { amount: lower } : {}),
      ...(note.trim() ? { note: note.trim() } : {}),
    });
  };

  return (
    <FormShell
      label="Partial approval"
      submitLabel="Approve the rest"
      error={error}
      onSubmit={onSubmit}
      onCancel={onClose}
    >
      {changes.length > 0 ? (
        <fieldset className="keep">
          <legend>Changes to keep</legend>
          {changes.map((c, i) => (
            <label key={c.field} className="check">
              <input
                type="checkbox"
                checked={keep[c.field] ?? false}
                autoFocus={i === 0}
                onChange={(e) => setKeep({ ...keep, [c.field]: e.target.checked })}
              />
              {c.label ?? c.field}: {formatValue(c.from)} → {formatValue(c.to)}
            </label>
          ))}
        </fieldset>
      ) : null}
      {amount !== undefined ? (
        <NoteField
          label="Lower amount"
          value={amountText}
          onChange={setAmountText}
          maxLength={20}
          autoFocus={!changes.length}
        />
      ) : null}
      {explicit ? <NoteField label={POLICY_REASON.label} value={note} onChange={setNote} required /> : null}
    </FormShell>
  );
}
