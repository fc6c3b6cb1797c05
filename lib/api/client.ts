import { createTRPCClient, httpBatchLink, httpSubscriptionLink, splitLink } from '@trpc/client';
import { EventSource } from 'eventsource';
import type { AppRouter } from '../../server/trpc/router';

export type ApiClient = ReturnType<typeof createApiClient>;

/**
 * The tRPC client the background uses; it alone holds the token. Subscriptions run over SSE through a fetch-based
 * EventSource, since service workers have none and the browser's cannot send an Authorization header.
 */
export function createApiClient(serverUrl: string, token: string, fetchImpl: typeof fetch = fetch) {
  const url = `${serverUrl.replace(/\/$/, '')}/trpc`;
  const authFetch: typeof fetch = (input, init) =>
    fetchImpl(input, {
      ...init,
      headers: { ...(init?.headers as Record<string, string>), authorization: `Bearer ${token}` },
    });
  return createTRPCClient<AppRouter>({
    links: [
      splitLink({
        condition: (op) => op.type === 'subscription',
        true: httpSubscriptionLink({
          url,
          EventSource,
          eventSourceOptions: () => ({ fetch: (u, init) => authFetch(u as string, init as RequestInit) }),
        }),
        false: httpBatchLink({ url, fetch: authFetch, maxURLLength: 4000 }),
      }),
    ],
  });
}
