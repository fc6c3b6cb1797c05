import { sendToBackground } from '../../../lib/hooks/runtime';
import type { Message, Reply } from '../../../lib/messages';
import type { MetricsQuery, MetricsReport } from '../../../lib/schemas/metrics';

export type LoadMetrics = (query: MetricsQuery) => Promise<Reply<MetricsReport>>;

/**
 * Asks the background for the server's `metrics.get` with the user's token. The message is not yet one the
 * background accepts (`lib/messages.ts` and `lib/background/server-calls.ts` need a `metrics.get` entry that calls
 * `api.metrics.get.query(query)`); until then it answers that the message is not valid, which the section shows.
 */
export const askMetrics: LoadMetrics = (query) =>
  sendToBackground<MetricsReport>({ type: 'metrics.get', query } as unknown as Message);
