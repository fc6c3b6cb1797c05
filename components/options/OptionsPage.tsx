import { useAuthStatus } from '../../lib/hooks/use-auth-status';
import { ErrorLine } from '../ui/Said';
import { ConnectionSection } from './ConnectionSection';
import { HostsSection } from './HostsSection';
import { PreferencesSection } from './PreferencesSection';
import { SignedInSections } from './SignedInSections';

/** The options page: connection and preferences for everyone; the policy for everyone to read; admin tools. */
export function OptionsPage() {
  const auth = useAuthStatus();
  const user = auth.status?.user ?? null;
  return (
    <main className="options">
      <header className="options-header">
        <h1>Countersign settings</h1>
        <ErrorLine text={auth.error && `The extension is not answering: ${auth.error}`} />
      </header>
      <ConnectionSection auth={auth} />
      <PreferencesSection />
      {user ? <SignedInSections key={`${auth.status?.serverUrl}|${user.id}`} user={user} /> : null}
      <HostsSection serverUrl={auth.status?.serverUrl ?? null} />
    </main>
  );
}
