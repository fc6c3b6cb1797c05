import type { Policy } from '../schemas/policy';
import { useBridgeQuery } from './use-bridge-query';

/**
 * The policy in force, as the background last read it from the server (on every sync, and when an admin changes it
 * here): kept live, so an open panel follows a change, and still there offline. Null until a first answer.
 */
export function usePolicy(): Policy | null {
  return useBridgeQuery({ kind: 'policy' }) ?? null;
}
