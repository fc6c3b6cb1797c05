import { useState } from 'react';
import { askBackground } from '../../lib/hooks/ask-background';
import type { User } from '../../lib/schemas/user';
import { SaidLine, type Said } from '../ui/Said';
import { AuditTrail } from './audit/AuditTrail';

/**
 * Checks the audit trail's hash chain on the server, on request; for admins, also reads and exports the trail. The
 * server refuses the trail to anyone else whatever this page shows. `nameOf` names the actors from the user list the
 * page has already read.
 */
export function AuditSection({ user, nameOf }: { user: User; nameOf: (id: string) => string }) {
  const isAdmin = user.role === 'admin';
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
