import { useState } from 'react';
import type { CachedSuggestion } from '../../lib/hooks/types';
import { usePopupUi } from '../../lib/stores/popup-ui';
import { FormShell } from '../card/forms/FormShell';
import { NoteField } from '../ui/NoteField';
import { useSubmitDecision } from '../card/use-card-command';

/** Dismiss a risk alert as a false positive; the reason is optional, so `d` then Enter is enough. */
export function DismissForm({ s, onClose }: { s: CachedSuggestion; onClose(): void }) {
  const submit = useSubmitDecision();
  const [reason, setReason] = useState('');
  const onSubmit = async () => {
    const note = reason.trim();
    if (await submit(s, { kind: 'dismiss', ...(note ? { note } : {}) })) usePopupUi.getState().closeDismiss();
  };
  return (
    <FormShell label="Dismiss" submitLabel="Dismiss" error={null} onSubmit={() => void onSubmit()} onCancel={onClose}>
      <NoteField label="Why is it a false positive? (optional)" value={reason} onChange={setReason} autoFocus />
    </FormShell>
  );
}
