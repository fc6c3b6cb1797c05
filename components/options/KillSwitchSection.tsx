import { useState } from 'react';
import { askBackground } from '../../lib/hooks/ask-background';
import type { BackgroundQuery } from '../../lib/hooks/use-background-query';
import type { KillSwitchChange, StoredPolicy, UserWithTokens } from '../../lib/messages';
import { KNOWN_ACTION_TYPES } from '../../lib/schemas/common';
import type { KillMode } from '../../lib/schemas/policy';
import { ConfirmDialog } from '../ui/ConfirmDialog';
import { KillSwitchRow, MODE_WORDS } from './KillSwitchRow';

type Target = { scope: 'global' } | { scope: 'action_type' | 'agent'; target: string; name: string };
interface Flip {
  target: Target;
  mode: KillMode | null;
}

const subject = (t: Target) =>
  t.scope === 'global'
    ? 'every proposal'
    : t.scope === 'action_type'
      ? `${t.name} proposals`
      : `proposals by ${t.name}`;

/**
 * Kill switches: globally, per action type, per agent. A switch sends what would execute on its own to review, or
 * blocks it; each flip asks for confirmation and a reason (kept in the audit trail) and applies to the next proposal.
 */
export function KillSwitchSection({
  stored,
  agents,
  isAdmin,
}: {
  stored: BackgroundQuery<StoredPolicy>;
  agents: UserWithTokens[];
  isAdmin: boolean;
}) {
  const [flip, setFlip] = useState<Flip | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const ks = stored.data?.policy.killSwitches;
  if (!ks) return null;

  const types = [...new Set([...KNOWN_ACTION_TYPES, ...Object.keys(ks.actionTypes)])];
  const agentRows = [
    ...agents.map((a) => ({ id: a.id, name: a.name })),
    ...Object.keys(ks.agents)
      .filter((id) => !agents.some((a) => a.id === id))
      .map((id) => ({ id, name: id })),
  ];

  const confirm = async (reason: string) => {
    if (!flip) return;
    const t = flip.target;
    const change: KillSwitchChange =
      t.scope === 'global'
        ? { scope: 'global', mode: flip.mode, reason }
        : { scope: t.scope, target: t.target, mode: flip.mode, reason };
    setBusy(true);
    const reply = await askBackground({ type: 'killSwitch.set', change });
    setBusy(false);
    if (!reply.ok) return setError(reply.error);
    stored.set(reply.data);
    setFlip(null);
  };
  const ask = (target: Target) => (mode: KillMode | null) => {
    setError(null);
    setFlip({ target, mode });
  };

  return (
    <section className="section" aria-labelledby="kill-title">
      <h2 id="kill-title">Kill switches</h2>
      <p className="hint">
        A switch takes effect on the next proposal: what would execute on its own goes to review, or is blocked.
      </p>
      {!isAdmin ? <p className="note">Only admins can change the policy.</p> : null}
      <table className="table">
        <tbody>
          <KillSwitchRow
            label="Every proposal"
            mode={ks.global}
            disabled={!isAdmin}
            onFlip={ask({ scope: 'global' })}
          />
          {types.map((type) => (
            <KillSwitchRow
              key={type}
              label={`Action type: ${type.replace(/_/g, ' ')}`}
              mode={ks.actionTypes[type] ?? null}
              disabled={!isAdmin}
              onFlip={ask({ scope: 'action_type', target: type, name: type.replace(/_/g, ' ') })}
            />
          ))}
          {agentRows.map((a) => (
            <KillSwitchRow
              key={a.id}
              label={`Agent: ${a.name}`}
              mode={ks.agents[a.id] ?? null}
              disabled={!isAdmin}
              onFlip={ask({ scope: 'agent', target: a.id, name: a.name })}
            />
          ))}
        </tbody>
      </table>
      {flip ? (
        <ConfirmDialog
          title={`${flip.mode ? 'Turn on' : 'Turn off'} the kill switch for ${subject(flip.target)}?`}
          confirmLabel={flip.mode ? 'Turn on' : 'Turn off'}
          tone={flip.mode ? 'danger' : 'primary'}
          reasonLabel="Reason for the change"
          busy={busy}
          error={error}
          onConfirm={(reason) => void confirm(reason)}
          onCancel={() => setFlip(null)}
        >
          <p>From the next proposal: {MODE_WORDS[flip.mode ?? 'off']}.</p>
        </ConfirmDialog>
      ) : null}
    </section>
  );
}
