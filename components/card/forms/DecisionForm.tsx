import type { CachedSuggestion } from '../../../lib/hooks/types';
import type { FormKind } from '../../../lib/stores/panel-ui';
import { ModifyForm } from './ModifyForm';
import { PartialForm } from './PartialForm';
import { ReasonForm } from './ReasonForm';

/** The form a card has open. */
export function DecisionForm({ s, kind, onClose }: { s: CachedSuggestion; kind: FormKind; onClose(): void }) {
  if (kind === 'modify') return <ModifyForm s={s} onClose={onClose} />;
  if (kind === 'partial') return <PartialForm s={s} onClose={onClose} />;
  return <ReasonForm s={s} kind={kind} onClose={onClose} />;
}
