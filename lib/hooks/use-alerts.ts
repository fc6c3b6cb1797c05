import type { CachedSuggestion } from './types';
import { useBridgeQuery } from './use-bridge-query';

/**
 * The popup's risk-alert list from the cache, highest risk first (see `compareAlerts` in lib/alerts/rules), kept live
 * as the background syncs; undefined while the first read runs. The cache holds what the server lets this user see:
 * a manager's team, a rep's own items.
 */
export function useAlerts(): CachedSuggestion[] | undefined {
  return useBridgeQuery({ kind: 'alerts' });
}
