import { useEffect, useState } from 'react';
import type { Answer, BridgeQuery } from '../bridge/protocol';
import { pageBridge } from './page-bridge';

/**
 * A query on the background's cache, kept live: its answer now and after every change, checked against the
 * protocol's schema. Undefined until the first answer, and again from a change of query until the new one's answer;
 * a null query asks nothing.
 */
export function useBridgeQuery<Q extends BridgeQuery>(query: Q | null): Answer<Q['kind']> | undefined {
  const key = query ? JSON.stringify(query) : null;
  const [answer, setAnswer] = useState<{ key: string; value: Answer<Q['kind']> } | null>(null);

  useEffect(() => {
    if (key === null) return;
    return pageBridge().subscribe(JSON.parse(key) as Q, (value) => setAnswer({ key, value }));
  }, [key]);

  return answer !== null && answer.key === key ? answer.value : undefined;
}
