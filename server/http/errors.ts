import type { TRPC_ERROR_CODE_KEY } from '@trpc/server';
import type { ErrorCode } from '../../lib/schemas/errors';
import { AppError } from '../services/errors';

/** tRPC has no 410 or 422 of its own meaning; clients read `data.appCode` for the exact code. */
export const TRPC_CODE: Record<ErrorCode, TRPC_ERROR_CODE_KEY> = {
  BAD_INPUT: 'BAD_REQUEST',
  UNAUTHORIZED: 'UNAUTHORIZED',
  FORBIDDEN: 'FORBIDDEN',
  NOT_FOUND: 'NOT_FOUND',
  CONFLICT: 'CONFLICT',
  GONE: 'PRECONDITION_FAILED',
  IDEMPOTENCY_MISMATCH: 'UNPROCESSABLE_CONTENT',
  RATE_LIMITED: 'TOO_MANY_REQUESTS',
  INTERNAL: 'INTERNAL_SERVER_ERROR',
};

export interface ErrorBody {
  error: { code: ErrorCode; message: string } & Record<string, unknown>;
}

/** The HTTP answer for any error: AppErrors as they say, Fastify's own 4xx kept as 4xx, the rest a bare 500. */
export function toHttpError(e: unknown): { status: number; body: ErrorBody; unexpected: boolean } {
  if (e instanceof AppError) {
    return { status: e.status, body: { error: { code: e.code, message: e.message, ...e.details } }, unexpected: false };
  }
  const status = (e as { statusCode?: number }).statusCode;
  if (typeof status === 'number' && status >= 400 && status < 500) {
    const code: ErrorCode = status === 401 ? 'UNAUTHORIZED' : status === 429 ? 'RATE_LIMITED' : 'BAD_INPUT';
    return { status, body: { error: { code, message: (e as Error).message } }, unexpected: false };
  }
  return { status: 500, body: { error: { code: 'INTERNAL', message: 'internal error' } }, unexpected: true };
}
