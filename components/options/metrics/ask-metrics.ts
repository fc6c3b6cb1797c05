import { askBackground } from '../../../lib/hooks/ask-background';
import type { Reply } from '../../../lib/messages';
import type { MetricsQuery, MetricsReport } from '../../../lib/schemas/metrics';

export type LoadMetrics = (query: MetricsQuery) => Promise<Reply<MetricsReport>>;

/** Asks the background for the server's `metrics.get`, with the user's token. */
export const askMetrics: LoadMetrics = (query) => askBackground({ type: 'metrics.get', query });
