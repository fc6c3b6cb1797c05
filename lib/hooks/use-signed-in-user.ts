import type { User } from '../schemas/user';
import { useBridgeQuery } from './use-bridge-query';

/** Who is signed in, as the background's session says (the user only, never the token); null when signed out. */
export function useSignedInUser(): User | null | undefined {
  return useBridgeQuery({ kind: 'signedInUser' });
}
