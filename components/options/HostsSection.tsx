import { useState } from 'react';
import { canRunOnExtraHosts, removeOrigins, requestOrigins, useGrantedOrigins } from '../../lib/hooks/permissions';
import { Field } from '../ui/Field';

/** `https://crm.contoso.local` (or with a path) → its origin's pattern; null for anything else. */
function patternOf(text: string): string | null {
  try {
    const url = new URL(text.trim());
    if ((url.protocol !== 'https:' && url.protocol !== 'http:') || !url.hostname) return null;
    return `${url.origin}/*`;
  } catch {
    return null;
  }
}

/**
 * Other CRM hosts, such as an on-premise Dynamics: Countersign is granted access to each one the user adds here
 * (the browser asks), and the grant can be taken back. The server's own address is granted at sign-in.
 */
export function HostsSection({ serverUrl }: { serverUrl: string | null }) {
  const { origins, reload } = useGrantedOrigins();
  const [address, setAddress] = useState('');
  const [said, setSaid] = useState<{ kind: 'ok' | 'error'; text: string } | null>(null);
  const serverPattern = serverUrl ? patternOf(serverUrl) : null;

  const add = async () => {
    const pattern = patternOf(address);
    if (!pattern) return setSaid({ kind: 'error', text: 'Enter the CRM address, e.g. https://crm.contoso.local' });
    // First await of the click: the browser only asks the user during the gesture.
    const granted = await requestOrigins([pattern]);
    setSaid(
      granted
        ? { kind: 'ok', text: `Access granted to ${pattern.slice(0, -2)}.` }
        : { kind: 'error', text: 'Access was not granted.' },
    );
    if (granted) setAddress('');
    await reload();
  };
  const remove = async (pattern: string) => {
    await removeOrigins([pattern]);
    await reload();
  };

  return (
    <section className="section" aria-labelledby="hosts-title">
      <h2 id="hosts-title">Other CRM hosts</h2>
      <p className="hint">
        The panel runs on the CRMs Countersign knows. Add a host of your own, such as an on-premise Dynamics server.
      </p>
      {canRunOnExtraHosts() ? null : (
        <p className="note">
          This build of the extension cannot start the panel on added hosts yet (it needs the scripting permission);
          access granted here lets it reach them once it can.
        </p>
      )}
      <form
        className="row"
        aria-label="Add a CRM host"
        noValidate
        onSubmit={(e) => {
          e.preventDefault();
          void add();
        }}
      >
        <Field
          label="CRM address"
          value={address}
          onChange={setAddress}
          type="url"
          placeholder="https://crm.contoso.local"
        />
        <button type="submit" className="btn">
          Grant access
        </button>
      </form>
      {said ? (
        <p className={said.kind === 'error' ? 'form-error' : 'saved'} role={said.kind === 'error' ? 'alert' : 'status'}>
          {said.text}
        </p>
      ) : null}
      {origins && origins.length > 0 ? (
        <ul className="hosts" aria-label="Granted hosts">
          {origins.map((o) => (
            <li key={o}>
              <code>{o}</code>
              {o === serverPattern ? (
                <span className="muted"> (your Countersign server)</span>
              ) : (
                <button
                  type="button"
                  className="btn btn-small"
                  aria-label={`Remove ${o}`}
                  onClick={() => void remove(o)}
                >
                  Remove
                </button>
              )}
            </li>
          ))}
        </ul>
      ) : (
        <p className="muted">No other hosts yet.</p>
      )}
    </section>
  );
}
