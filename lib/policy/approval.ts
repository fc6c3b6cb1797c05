import type { DecisionInput } from '../schemas/decision';
import type { ChangeSet, Draft } from '../schemas/suggestion';

type Approval = Extract<DecisionInput, { kind: 'approve' | 'modify' | 'partial' }>;

const sameDraft = (a: Draft | undefined, b: Draft | undefined) =>
  a?.body === b?.body && a?.subject === b?.subject && a?.to === b?.to;

/**
 * The decision that approves `approved` exactly, given the proposal. The server builds an approval's change set from
 * the proposal and the decision (server/services/change-sets.ts), so a second approver, asked to approve what the
 * first approved, sends the edit or the subset that rebuilds it: a plain approve would approve the proposal, and the
 * server refuses a change set other than the first approver's. Null `approved` is the proposal as it stands.
 */
export function approvalOf(proposed: ChangeSet, approved: ChangeSet | null): Approval {
  if (approved === null) return { kind: 'approve' };
  const before = new Map(proposed.changes.map((c) => [c.field, c.to]));
  const edits = approved.changes.filter((c) => before.get(c.field) !== c.to).map((c) => ({ field: c.field, to: c.to }));
  const amount = approved.amount !== proposed.amount ? approved.amount : undefined;
  if (edits.length > 0 || !sameDraft(proposed.draft, approved.draft)) {
    const draft = approved.draft;
    return {
      kind: 'modify',
      changes: edits,
      ...(draft && !sameDraft(proposed.draft, draft)
        ? { draft: draft.subject === undefined ? { body: draft.body } : { subject: draft.subject, body: draft.body } }
        : {}),
      ...(amount === undefined ? {} : { amount }),
    };
  }
  const dropped = approved.changes.length < proposed.changes.length;
  if (!dropped && amount === undefined) return { kind: 'approve' };
  return {
    kind: 'partial',
    ...(dropped ? { changes: approved.changes.map((c) => ({ field: c.field })) } : {}),
    ...(amount === undefined ? {} : { amount }),
  };
}
