import type { Policy } from '../schemas/policy';
import type { ConnectionView } from './use-connection';
import { useBackgroundQuery } from './use-background-query';

/**
 * The policy in force, read from the server through the background while online: again each time the connection
 * comes back, and not at all while it is down (the call could only fail), when the last answer stays. Null until a
 * first answer (loading, offline, refused).
 */
export function usePolicy(connection: ConnectionView['state']): Policy | null {
  const { data } = useBackgroundQuery({ type: 'policy.get' }, connection === 'online');
  return data?.policy ?? null;
}
