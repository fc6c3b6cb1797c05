import type { ErrorCode } from '../schemas/errors';

/** Who won a 409, as the server names it in `details.winner`. */
export interface Winner {
  decisionId: string;
  kind: string;
  by: string;
  byName: string | null;
  at: string;
}

/** What a failed call means for the client: retry later, sign in again, or accept the server's answer. */
export type ApiFailure =
  | { kind: 'transient'; connection: 'offline' | 'unreachable'; message: string }
  | { kind: 'unauthorized'; message: string }
  | { kind: 'conflict'; message: string; winner: Winner | null }
  | { kind: 'gone'; message: string }
  | { kind: 'refused'; code: ErrorCode; message: string };

interface ErrorShape {
  message?: unknown;
  data?: { appCode?: ErrorCode; httpStatus?: number; details?: Record<string, unknown> | null } | null;
  meta?: { response?: { status?: number } };
}

const online = () => (globalThis as { navigator?: { onLine?: boolean } }).navigator?.onLine === true;

/**
 * Reads a tRPC client error. Only an answer from a Countersign server (one carrying `data.appCode`) can make the
 * client drop a queued decision: anything else (no answer, a proxy's error page, 5xx, 429) is worth retrying.
 */
export function classifyFailure(err: unknown): ApiFailure {
  const e = (typeof err === 'object' && err !== null ? err : {}) as ErrorShape;
  const message = typeof e.message === 'string' && e.message ? e.message : String(err);
  const code = e.data?.appCode;
  const status = e.data?.httpStatus ?? e.meta?.response?.status;
  if (code === 'UNAUTHORIZED' || status === 401) return { kind: 'unauthorized', message };
  switch (code) {
    case 'CONFLICT':
      return { kind: 'conflict', message, winner: (e.data?.details?.winner as Winner | null | undefined) ?? null };
    case 'GONE':
      return { kind: 'gone', message };
    case 'FORBIDDEN':
    case 'NOT_FOUND':
    case 'BAD_INPUT':
    case 'IDEMPOTENCY_MISMATCH':
      return { kind: 'refused', code, message };
  }
  // No HTTP answer at all: the device is offline, unless it says it is online and the server is the problem.
  const answered = status !== undefined;
  return { kind: 'transient', connection: answered || online() ? 'unreachable' : 'offline', message };
}
