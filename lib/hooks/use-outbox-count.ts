import { useBridgeQuery } from './use-bridge-query';

/** Decisions taken here that have not reached the server yet; undefined until the first read. */
export function useOutboxCount(): number | undefined {
  return useBridgeQuery({ kind: 'outboxCount' });
}
