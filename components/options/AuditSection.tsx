import { useState } from 'react';
import { askBackground } from '../../lib/hooks/ask-background';
import { SaidLine, type Said } from '../ui/Said';

/** Checks the audit trail's hash chain on the server, on request. */
export function AuditSection() {
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
    </section>
  );
}
