import { useState } from 'react';
import type { BackgroundQuery } from '../../../lib/hooks/use-background-query';
import { useNow } from '../../../lib/hooks/use-now';
import type { StoredPolicy } from '../../../lib/messages';
import { RelativeTime } from '../../ui/RelativeTime';
import { ErrorLine } from '../../ui/Said';
import { PolicyForm, type ThresholdFill } from './PolicyForm';

interface Props {
  stored: BackgroundQuery<StoredPolicy>;
  isAdmin: boolean;
  /** A user's name from their id, where the page knows it. */
  nameOf(id: string): string;
  /** A threshold to fill into the form (from the metrics), unsaved. */
  fill?: ThresholdFill | null;
}

/** The routing policy: read by everyone, changed by admins; which version is in force and who set it. */
export function PolicySection({ stored, isAdmin, nameOf, fill = null }: Props) {
  const { data, error, loading } = stored;
  const now = useNow();
  const [savedVersion, setSavedVersion] = useState<number | null>(null);
  // Kept here, across the form's fresh starts: a threshold filled in once is not filled in again after a save, and
  // one handed on before the policy has loaded waits for the form.
  const [takenFill, setTakenFill] = useState<number | null>(null);
  // The form starts afresh from the policy when it is first read, saved, or read again on the admin's request, and at
  // no other change: a kill switch flipped here may bring another admin's new thresholds with it, and must not throw
  // away unsaved edits (their save is then refused, as begun from an older policy, and the admin reloads).
  const [round, setRound] = useState(0);
  const [reloading, setReloading] = useState(false);
  if (reloading && !loading) {
    setReloading(false);
    if (!error) setRound((r) => r + 1); // read again: edits go only once there is something to start from instead
  }
  const onSaved = (next: StoredPolicy) => {
    stored.set(next);
    setSavedVersion(next.version);
    setRound((r) => r + 1);
  };
  const onReload = () => {
    setReloading(true);
    stored.reload();
  };
  return (
    <section className="section" aria-labelledby="policy-title">
      <h2 id="policy-title">Policy</h2>
      {!isAdmin ? <p className="note">Only admins can change the policy. You can read it here.</p> : null}
      {loading && !data ? (
        <p role="status" aria-busy="true">
          Loading the policy…
        </p>
      ) : null}
      <ErrorLine text={error} />
      {data ? (
        <>
          <p className="muted">
            {data.version === 0 ? (
              'Version 0: the default policy, never changed.'
            ) : (
              <>
                Version {data.version}
                {data.updatedBy ? `, changed by ${nameOf(data.updatedBy)}` : ''}
                {data.updatedAt ? (
                  <>
                    {' '}
                    <RelativeTime at={Date.parse(data.updatedAt)} now={now} />
                  </>
                ) : null}
                . Changes take effect on the next proposal.
              </>
            )}
          </p>
          {savedVersion === data.version ? (
            <p className="saved" role="status">
              Saved as version {data.version}.
            </p>
          ) : null}
          <PolicyForm
            key={round}
            stored={data}
            readOnly={!isAdmin}
            onSaved={onSaved}
            onReload={onReload}
            fill={fill && fill.id !== takenFill ? fill : null}
            onFillTaken={setTakenFill}
          />
        </>
      ) : null}
    </section>
  );
}
