import type { Suggestion } from '../schemas/suggestion';
import { formatMoney, formatValue, recordLabel } from './format';

type Described = Pick<Suggestion, 'type' | 'record' | 'changeSet' | 'impact'>;

const humanType = (type: string) => type.replace(/_/g, ' ');

/**
 * The action in one plain sentence, e.g. "Move Acme Corp, 40 seats from Negotiation to Closed Lost". Built as plain
 * text: whatever the AI put in names and values stays text when rendered.
 */
export function describeAction(s: Described): string {
  const name = recordLabel(s.record);
  const { changes, draft, amount } = s.changeSet;
  const first = changes[0];
  const more =
    changes.length > 1 ? ` (and ${changes.length - 1} more ${changes.length === 2 ? 'change' : 'changes'})` : '';
  switch (s.type) {
    case 'stage_change':
      if (first) return `Move ${name} from ${formatValue(first.from)} to ${formatValue(first.to)}${more}`;
      return `Change the stage of ${name}`;
    case 'field_update':
      if (changes.length === 1 && first)
        return `Set ${first.label ?? first.field} on ${name} to ${formatValue(first.to)}`;
      return `Update ${changes.length} fields on ${name}`;
    case 'email_draft': {
      const to = draft?.to ? ` to ${draft.to}` : '';
      const subject = draft?.subject ? `: “${draft.subject}”` : '';
      return `Send a drafted email${to} about ${name}${subject}`;
    }
    case 'lead_routing':
      if (first) return `Assign ${name} to ${formatValue(first.to)}${more}`;
      return `Route ${name}`;
    case 'risk_alert':
      return `Flag ${name} as at risk`;
    case 'refund':
      return amount === undefined ? `Refund ${name}` : `Refund ${formatMoney(amount, s.impact.currency)} to ${name}`;
    default: {
      const action = `${capitalize(humanType(s.type))} on ${name}`;
      return first ? `${action}: ${first.label ?? first.field} to ${formatValue(first.to)}${more}` : action;
    }
  }
}

function capitalize(text: string): string {
  return text.charAt(0).toUpperCase() + text.slice(1);
}
