import type { z } from 'zod';
import { policyEdit, type PolicyEdit } from '../../../lib/messages';
import { candidatePolicy, type PolicyDraft } from './policy-draft';

/** Field errors keyed by the field's path in the policy: `defaults.thresholds.review`, `actionTypes.refund.…`. */
export type FieldErrors = Record<string, string>;

/** The schema's complaint in the words of the form, next to the field it concerns. */
function messageFor(issue: z.core.$ZodIssue): string {
  const path = issue.path.join('.');
  if (path.endsWith('thresholds.review') && issue.code === 'custom') {
    return 'The review threshold cannot be above the auto threshold';
  }
  if (path.includes('.thresholds.')) return 'Enter a number from 0 to 1';
  if (path.endsWith('.seconds')) {
    if (issue.code === 'too_small') return 'Timeouts must be positive';
    if (issue.code === 'too_big') return 'Timeouts can be at most 30 days';
    return 'Enter a number';
  }
  if (path.endsWith('risk.amountLimit')) {
    return issue.code === 'too_small' ? 'The amount limit cannot be negative' : 'Enter an amount';
  }
  return issue.message;
}

/**
 * Checks the draft with the policy schema the server uses (`policy` from lib/schemas/policy, without the kill
 * switches): the parsed policy to save, or a message per field.
 */
export function validatePolicy(
  draft: PolicyDraft,
): { ok: true; value: PolicyEdit } | { ok: false; errors: FieldErrors } {
  const parsed = policyEdit.safeParse(candidatePolicy(draft));
  if (parsed.success) return { ok: true, value: parsed.data };
  const errors: FieldErrors = {};
  for (const issue of parsed.error.issues) {
    const key = issue.path.join('.');
    errors[key] ??= messageFor(issue);
  }
  return { ok: false, errors };
}
