import type { CachedSuggestion } from '../../lib/hooks/types';
import { decisionRights, type Decider, type NoApproval } from '../../lib/policy/may-decide';
import type { Tier } from '../../lib/schemas/common';

const article = (tier: Tier) => (tier === 'admin' ? 'an' : 'a');

const WHY: Record<NoApproval, (s: CachedSuggestion) => string> = {
  tier: (s) => `Needs ${article(s.tier)} ${s.tier}`,
  not_reviewer: () => 'Only reviewers decide',
  proposer: () => 'You proposed this; another reviewer approves it',
  first_approver: () => 'You approved this; waiting for a second approver',
};

/**
 * On an open card, who it waits for when that is not simply this user: a first approval given and a second needed,
 * or why this user may not approve it (their tier, their own proposal, their own first approval).
 */
export function WhoDecides({ s, user }: { s: CachedSuggestion; user: Decider }) {
  const { why } = decisionRights(user, s);
  const first = s.firstApproval;
  return (
    <>
      {first && why !== 'first_approver' ? (
        <p className="status status-first-approval">Approved by {first.by.name} — a second approver is needed</p>
      ) : null}
      {why ? <p className="status status-not-yours">{WHY[why](s)}</p> : null}
    </>
  );
}
