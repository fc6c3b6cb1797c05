import type { DecisionInput } from '../../lib/schemas/decision';
import type { ChangeSet } from '../../lib/schemas/suggestion';
import { AppError } from './errors';

const bad = (field: string, message: string) => new AppError('BAD_INPUT', message, { fields: { [field]: [message] } });

type Approving = Extract<DecisionInput, { kind: 'approve' | 'modify' | 'partial' | 'conditional' }>;

/**
 * The change set an approval will execute: the proposal as it stands, the reviewer's edited values, or the subset
 * (or lower amount) they kept. An edit may not add fields or raise the amount: that would be a new proposal,
 * routed afresh, not an approval of this one.
 */
export function finalChangeSet(proposed: ChangeSet, d: Approving): ChangeSet {
  switch (d.kind) {
    case 'approve':
    case 'conditional':
      return proposed;
    case 'modify': {
      const edits = new Map((d.changes ?? []).map((c) => [c.field, c.to]));
      for (const field of edits.keys()) {
        if (!proposed.changes.some((c) => c.field === field)) throw bad('changes', `no proposed change to "${field}"`);
      }
      if (d.draft && !proposed.draft) throw bad('draft', 'this suggestion has no draft to edit');
      if (d.amount !== undefined) {
        if (proposed.amount === undefined) throw bad('amount', 'this suggestion moves no amount');
        if (d.amount > proposed.amount) throw bad('amount', 'an edit cannot raise the amount');
      }
      if (edits.size === 0 && !d.draft && d.amount === undefined) throw bad('changes', 'a modification needs an edit');
      return {
        changes: proposed.changes.map((c) => (edits.has(c.field) ? { ...c, to: edits.get(c.field)! } : c)),
        ...(proposed.draft ? { draft: d.draft ? { ...proposed.draft, ...d.draft } : proposed.draft } : {}),
        ...(proposed.amount === undefined ? {} : { amount: d.amount ?? proposed.amount }),
      };
    }
    case 'partial': {
      const keep = d.changes ? new Set(d.changes.map((c) => c.field)) : null;
      if (keep) {
        for (const field of keep) {
          if (!proposed.changes.some((c) => c.field === field))
            throw bad('changes', `no proposed change to "${field}"`);
        }
        if (keep.size === 0) throw bad('changes', 'keep at least one change, or reject instead');
      }
      if (d.amount !== undefined) {
        if (proposed.amount === undefined) throw bad('amount', 'this suggestion moves no amount');
        if (d.amount >= proposed.amount) throw bad('amount', 'a partial approval lowers the amount');
      }
      if (!keep && d.amount === undefined) throw bad('changes', 'name the changes to keep or a lower amount');
      return {
        changes: keep ? proposed.changes.filter((c) => keep.has(c.field)) : proposed.changes,
        ...(proposed.draft ? { draft: proposed.draft } : {}),
        ...(proposed.amount === undefined ? {} : { amount: d.amount ?? proposed.amount }),
      };
    }
  }
}
