import { useEffect } from 'react';
import { openOptionsPage } from '../../lib/hooks/runtime';
import { countPending, countWaitingFor } from '../../lib/hooks/count-pending';
import { useConnection } from '../../lib/hooks/use-connection';
import { usePanelCollapsed } from '../../lib/hooks/use-panel-collapsed';
import { usePolicy } from '../../lib/hooks/use-policy';
import { useRecordInView } from '../../lib/hooks/use-record-in-view';
import { useRecordSuggestions } from '../../lib/hooks/use-record-suggestions';
import { useSignedInUser } from '../../lib/hooks/use-signed-in-user';
import { usePanelUi } from '../../lib/stores/panel-ui';
import { objectNoun, recordLabel } from '../../lib/text/format';
import { PolicyInForce } from '../card/policy-context';
import { CollapsedTab } from './CollapsedTab';
import { ConnectionBanner } from './ConnectionBanner';
import { GuardNotice } from './GuardNotice';
import { PanelHeader } from './PanelHeader';
import { BackgroundUnavailable, Loading, NoRecord, SignedOut } from './PanelStates';
import { SuggestionList } from './SuggestionList';

/** The review panel: the record in view, its suggestions, and every state around them. */
export function ReviewPanel() {
  const view = useRecordInView();
  const record = view.status === 'ready' ? view.record : null;
  const items = useRecordSuggestions(record);
  const connection = useConnection();
  const policy = usePolicy();
  const layout = usePanelCollapsed();
  const user = useSignedInUser();
  // Waiting for this user; the open items others decide show on their cards, not in the count.
  const pending = countWaitingFor(items, user);
  const othersOpen = countPending(items) - pending;
  const recordKey = record ? `${record.crm}/${record.objectType}/${record.id}` : '';

  useEffect(() => {
    // Another record: nothing selected or focused on the previous one carries over.
    usePanelUi.getState().clearSelection();
    usePanelUi.getState().focus(null);
  }, [recordKey]);

  if (!layout.ready) return null;
  if (layout.collapsed) return <CollapsedTab pending={pending} onExpand={() => layout.setCollapsed(false)} />;

  const signedOut = connection.state === 'signed_out' || connection.state === 'unauthorized' || user === null;
  const name = items?.[0]?.record.name;
  const title = record ? recordLabel({ ...record, name }) : 'Countersign';

  let body;
  if (signedOut) {
    body = <SignedOut refused={connection.state === 'unauthorized'} onOpenOptions={() => void openOptionsPage()} />;
  } else if (view.status === 'loading') body = <Loading />;
  else if (view.status === 'error') body = <BackgroundUnavailable error={view.error} />;
  else if (!record) body = <NoRecord />;
  else if (items === undefined || !user) body = <Loading />;
  else {
    body = (
      <PolicyInForce.Provider value={policy}>
        <SuggestionList
          items={items}
          pending={pending}
          othersOpen={othersOpen}
          noun={objectNoun(record.objectType)}
          user={user}
        />
      </PolicyInForce.Provider>
    );
  }

  return (
    <main className="panel">
      <PanelHeader
        title={title}
        pending={signedOut ? null : pending}
        othersOpen={othersOpen}
        connection={connection}
        onCollapse={() => layout.setCollapsed(true)}
      />
      {signedOut ? null : <ConnectionBanner connection={connection} />}
      <GuardNotice />
      {body}
    </main>
  );
}
