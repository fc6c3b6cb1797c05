import { initTRPC, TRPCError } from '@trpc/server';
import type { ErrorCode } from '../../lib/schemas/errors';
import { TRPC_CODE } from '../http/errors';
import type { Deps } from '../services/deps';
import { AppError } from '../services/errors';
import { fieldErrors } from '../services/parse';
import { authenticate, type Actor } from '../services/users';
import { ZodError } from 'zod';

export interface Context {
  deps: Deps;
  token: string | undefined;
}

/** The app's code for each tRPC code it maps to; tRPC codes it never uses fall back to BAD_INPUT. */
const APP_CODE = Object.fromEntries(
  Object.entries(TRPC_CODE).map(([app, trpc]) => [trpc, app as ErrorCode]),
) as Partial<Record<string, ErrorCode>>;

const t = initTRPC.context<Context>().create({
  sse: { ping: { enabled: true, intervalMs: 15_000 }, client: { reconnectAfterInactivityMs: 40_000 } },
  errorFormatter({ shape, error }) {
    const cause = error.cause;
    const app = cause instanceof AppError ? cause : null;
    const zod = cause instanceof ZodError ? cause : null;
    // tRPC's own refusals (an unknown procedure, a malformed request) keep the code they came with.
    const appCode: ErrorCode = app?.code ?? (zod ? 'BAD_INPUT' : (APP_CODE[error.code] ?? 'BAD_INPUT'));
    // A zod error's own message is its issues as JSON; the fields say the same, readably, as REST's answers do.
    const message = zod ? 'the input is not valid' : appCode === 'INTERNAL' && !app ? 'internal error' : shape.message;
    return {
      ...shape,
      message,
      data: {
        code: shape.data.code,
        httpStatus: shape.data.httpStatus,
        appCode,
        details: app?.details ?? (zod ? { fields: fieldErrors(zod) } : null),
      },
    };
  },
});

/** Turns service errors into tRPC errors that keep the AppError as their cause. */
const appErrors = t.middleware(async ({ next }) => {
  const result = await next();
  if (!result.ok && result.error.cause instanceof AppError) {
    const cause = result.error.cause;
    throw new TRPCError({ code: TRPC_CODE[cause.code], message: cause.message, cause });
  }
  return result;
});

export const router = t.router;
export const publicProcedure = t.procedure.use(appErrors);

const authed = publicProcedure.use(async ({ ctx, next }) => {
  const actor: Actor = await authenticate(ctx.deps, ctx.token);
  return next({ ctx: { ...ctx, actor } });
});

const roleGate = (roles: Actor['role'][], what: string) =>
  authed.use(({ ctx, next }) => {
    if (!roles.includes(ctx.actor.role)) throw new AppError('FORBIDDEN', `${what} only`);
    return next();
  });

/** Any signed-in user. */
export const userProcedure = authed;
export const agentProcedure = roleGate(['agent', 'admin'], 'agents and admins');
export const reviewerProcedure = roleGate(['rep', 'manager', 'admin'], 'reviewers');
export const adminProcedure = roleGate(['admin'], 'admins');
