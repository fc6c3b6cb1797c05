import { useState } from 'react';
import { askBackground } from '../../lib/hooks/ask-background';
import { useAuthStatus } from '../../lib/hooks/use-auth-status';
import { useBackgroundQuery } from '../../lib/hooks/use-background-query';
import { SaidLine, type Said } from '../ui/Said';
import { AuditTrail } from './audit/AuditTrail';

/**
 * Checks the audit trail's hash chain on the server, on request; for admins, also reads and exports the trail. The
 * server refuses the trail to anyone else whatever this page shows.
 */
export function AuditSection() {
  const user = useAuthStatus().status?.user ?? null;
  const isAdmin = user?.role === 'admin';
  const users = useBackgroundQuery({ type: 'users.list' }, isAdmin);
  const nameOf = (id: string) => users.data?.find((u) => u.id === id)?.name ?? id;
  const [said, setSaid] = useState<Said | null>(null);
  const [busy, setBusy] = useState(false);
  const verify = async () => {
    setBusy(true);
    const reply = await askBackground({ type: 'audit.verify' });
    setBusy(false);
    if (!reply.ok) return setSaid({ kind: 'error', text: reply.error });
    const r = reply.data;
    setSaid(
      r.ok
        ? { kind: 'ok', text: `The audit trail holds: ${r.events} events, each chained to the one before.` }
        : { kind: 'error', text: `The audit trail is broken at event ${r.firstBad} of ${r.events}: ${r.reason}` },
    );
  };
  return (
    <section className="section" aria-labelledby="audit-title">
      <h2 id="audit-title">Audit trail</h2>
      <button type="button" className="btn" aria-disabled={busy} onClick={() => void verify()}>
        Verify the audit trail
      </button>
      <SaidLine said={said} />
      {isAdmin ? <AuditTrail key={user.id} nameOf={nameOf} /> : null}
    </section>
  );
}
