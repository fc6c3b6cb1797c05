import { useEffect, useRef } from 'react';
import type { Policy } from '../schemas/policy';
import type { ConnectionView } from './use-connection';
import { useBackgroundQuery } from './use-background-query';

const SIGNED_OUT: ConnectionView['state'][] = ['loading', 'signed_out', 'unauthorized'];
const CUT_OFF: ConnectionView['state'][] = ['offline', 'unreachable'];

/**
 * The policy in force, read from the server through the background once signed in, and again when the connection
 * comes back; the last answer stays while offline. Null until a first answer (loading, offline, refused).
 */
export function usePolicy(connection: ConnectionView['state']): Policy | null {
  const { data, reload } = useBackgroundQuery({ type: 'policy.get' }, !SIGNED_OUT.includes(connection));
  const before = useRef(connection);
  useEffect(() => {
    if (connection === 'online' && CUT_OFF.includes(before.current)) reload();
    before.current = connection;
  }, [connection, reload]);
  return data?.policy ?? null;
}
