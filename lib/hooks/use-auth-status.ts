import { useCallback, useEffect, useState } from 'react';
import type { AuthStatus, Reply } from '../messages';
import { askBackground } from './ask-background';
import { useConnection } from './use-connection';

export interface AuthStatusView {
  status: AuthStatus | undefined;
  error: string | null;
  /** Asks again now (after a sign-in or a test) and resolves to the new status. */
  refresh(): Promise<AuthStatus | undefined>;
}

type View = Pick<AuthStatusView, 'status' | 'error'>;
const viewOf =
  (reply: Reply<AuthStatus>) =>
  (v: View): View =>
    reply.ok ? { status: reply.data, error: null } : { ...v, error: reply.error };

/**
 * Who is signed in, as the background says (never the token), asked again whenever the connection state in the
 * cache changes: a sign-in, a sign-out, a refused token.
 */
export function useAuthStatus(): AuthStatusView {
  const connection = useConnection();
  const [view, setView] = useState<View>({ status: undefined, error: null });

  useEffect(() => {
    let current = true;
    void askBackground({ type: 'auth.status' }).then((reply) => {
      if (current) setView(viewOf(reply));
    });
    return () => {
      current = false;
    };
  }, [connection.state]);

  const refresh = useCallback(async () => {
    const reply = await askBackground({ type: 'auth.status' });
    setView(viewOf(reply));
    return reply.ok ? reply.data : undefined;
  }, []);

  return { ...view, refresh };
}
