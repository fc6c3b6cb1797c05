import { useState } from 'react';
import { hostPatternOf } from '../../lib/crm/host-pattern';
import { isNamedCrmHost } from '../../lib/crm/registry';
import { useCrmHosts } from '../../lib/hooks/permissions';
import { Field } from '../ui/Field';
import { Form } from '../ui/Form';
import { ErrorLine, SaidLine, type Said } from '../ui/Said';

/** The host of a pattern, as people write it: `https://crm.contoso.local`. */
const hostOf = (pattern: string) => pattern.slice(0, -2);

/**
 * Other CRM hosts, such as an on-premise Dynamics: the panel runs on each one the user adds here, once the browser
 * grants Countersign access to it (the browser asks). Removing a host stops the panel there and gives the access back.
 */
export function HostsSection({ serverUrl }: { serverUrl: string | null }) {
  const { hosts, error, add, remove } = useCrmHosts();
  const [address, setAddress] = useState('');
  const [said, setSaid] = useState<Said | null>(null);

  /** The pattern to add for what the user typed, or why there is none. */
  const parse = (text: string): { pattern: string } | { refused: string } => {
    const pattern = hostPatternOf(text);
    if (!pattern) return { refused: 'Enter the CRM address, e.g. https://crm.contoso.local' };
    if (isNamedCrmHost(pattern)) return { refused: `Countersign already runs on ${hostOf(pattern)}.` };
    if (serverUrl && hostPatternOf(serverUrl) === pattern)
      return { refused: 'That is your Countersign server, not a CRM.' };
    return { pattern };
  };
  const submit = async () => {
    const parsed = parse(address);
    if ('refused' in parsed) return setSaid({ kind: 'error', text: parsed.refused });
    // First await of the click: the browser only asks the user during the gesture.
    const done = await add(parsed.pattern);
    if (!done.ok) return setSaid({ kind: 'error', text: done.error });
    setSaid({ kind: 'ok', text: `The panel now runs on ${hostOf(parsed.pattern)}.` });
    setAddress('');
  };
  const grantAgain = async (pattern: string) => {
    const done = await add(pattern);
    setSaid(
      done.ok ? { kind: 'ok', text: `Access granted to ${hostOf(pattern)}.` } : { kind: 'error', text: done.error },
    );
  };
  const drop = async (pattern: string) => {
    const done = await remove(pattern);
    setSaid(done.ok ? null : { kind: 'error', text: done.error });
  };

  return (
    <section className="section" aria-labelledby="hosts-title">
      <h2 id="hosts-title">Other CRM hosts</h2>
      <p className="hint">
        The panel runs on the CRMs Countersign knows. Add a host of your own, such as an on-premise Dynamics server.
      </p>
      <Form className="row" aria-label="Add a CRM host" onSubmit={() => void submit()}>
        <Field
          label="CRM address"
          value={address}
          onChange={setAddress}
          type="url"
          placeholder="https://crm.contoso.local"
        />
        <button type="submit" className="btn">
          Add host
        </button>
      </Form>
      <SaidLine said={said} />
      <ErrorLine text={error && `The extension is not answering: ${error}`} />
      {hosts && hosts.length > 0 ? (
        <ul className="hosts" aria-label="Added hosts">
          {hosts.map(({ pattern, granted }) => (
            <li key={pattern}>
              <code>{pattern}</code>
              {granted ? null : (
                <>
                  <span className="muted"> (access not granted: the panel does not run here)</span>
                  <button
                    type="button"
                    className="btn btn-small"
                    aria-label={`Grant access to ${pattern}`}
                    onClick={() => void grantAgain(pattern)}
                  >
                    Grant access
                  </button>
                </>
              )}
              <button
                type="button"
                className="btn btn-small"
                aria-label={`Remove ${pattern}`}
                onClick={() => void drop(pattern)}
              >
                Remove
              </button>
            </li>
          ))}
        </ul>
      ) : hosts ? (
        <p className="muted">No other hosts yet.</p>
      ) : null}
    </section>
  );
}
