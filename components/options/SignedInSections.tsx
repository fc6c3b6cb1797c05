import { useState } from 'react';
import { useBackgroundQuery } from '../../lib/hooks/use-background-query';
import type { User } from '../../lib/schemas/user';
import { AuditSection } from './AuditSection';
import { KillSwitchSection } from './KillSwitchSection';
import { MetricsSection } from './metrics/MetricsSection';
import type { ThresholdFill } from './policy/PolicyForm';
import { PolicySection } from './policy/PolicySection';
import { RevertSection } from './RevertSection';
import { UsersSection } from './users/UsersSection';

/**
 * What needs the server: the policy and kill switches (read by everyone, changed by admins; the server refuses
 * anyone else whatever this page shows), users, tokens and metrics for admins, bulk reverts for managers and admins,
 * and the audit trail. Mounted per signed-in user; the user list is read once, for every section that names people. A
 * threshold the metrics recommend is filled into the policy editor, unsaved, for the admin to review.
 */
export function SignedInSections({ user }: { user: User }) {
  const isAdmin = user.role === 'admin';
  const policy = useBackgroundQuery({ type: 'policy.get' });
  const revertsInBulk = isAdmin || user.role === 'manager';
  const users = useBackgroundQuery({ type: 'users.list' }, isAdmin);
  // Managers do not read the user list, only the agents' names: whose work they may revert. Admins have them in it.
  const agentNames = useBackgroundQuery({ type: 'agents.list' }, user.role === 'manager');
  const list = users.data ?? [];
  const agents = isAdmin ? list.filter((u) => u.role === 'agent') : (agentNames.data ?? []);
  const nameOf = (id: string) => (id === user.id ? 'you' : (list.find((u) => u.id === id)?.name ?? id));
  const [fill, setFill] = useState<ThresholdFill | null>(null);
  const fillThreshold = (actionType: string, auto: number) =>
    setFill((f) => ({ id: (f?.id ?? 0) + 1, actionType, auto }));
  return (
    <>
      <PolicySection stored={policy} isAdmin={isAdmin} nameOf={nameOf} fill={fill} />
      <KillSwitchSection stored={policy} agents={list.filter((u) => u.role === 'agent')} isAdmin={isAdmin} />
      {isAdmin ? <UsersSection users={users} /> : null}
      {isAdmin ? <MetricsSection onUseThreshold={fillThreshold} /> : null}
      {revertsInBulk ? <RevertSection agents={agents} /> : null}
      <AuditSection user={user} nameOf={(id) => list.find((u) => u.id === id)?.name ?? id} />
    </>
  );
}
