/**
 * tRPC bootstrap in three parts (create-t3-app's layout): 1. context, 2. initialisation with the
 * error formatter, 3. router and the one procedure builder. Routers stay thin: validate, call a
 * service, and let the middlewares below do the rest — authorize every call from the access table
 * (server/auth/procedure-access.ts), audit every mutation, and turn domain errors into responses.
 */
import { initTRPC, TRPCError } from '@trpc/server';
import superjson from 'superjson';
import { ZodError } from 'zod';
import { isOra2KafkaError } from '../model/errors';
import { ConfigValidationError, issuePath } from '../model/wizard-sections';
import { accessDetails } from '../auth/access-errors';
import { principalLabel, resolveRequestAuth, type Principal, type RequestAuth } from '../auth/principal';
import { clientAddress } from '../auth/request-meta';
import { auditMutation } from './audit-middleware';
import { authorizeCall } from './authorize';

// 1. CONTEXT
export interface TRPCContext {
  headers: Headers;
  /** Response headers of this HTTP request (Set-Cookie at sign-in and sign-out). */
  resHeaders: Headers;
  auth: RequestAuth;
  clientAddress: string | null;
}

export async function createTRPCContext(opts: { headers: Headers; resHeaders?: Headers }): Promise<TRPCContext> {
  return { headers: opts.headers, resHeaders: opts.resHeaders ?? new Headers(), auth: await resolveRequestAuth(opts.headers), clientAddress: clientAddress(opts.headers) };
}

// 2. INITIALISATION
const t = initTRPC.context<TRPCContext>().create({
  transformer: superjson,
  errorFormatter({ shape, error }) {
    const cause = error.cause;
    return {
      ...shape,
      data: {
        ...shape.data,
        zodError: cause instanceof ZodError ? cause.flatten() : null,
        /** Every problem with its full dotted path ("objects.schemas.0.tables.1.filter"), for forms. */
        issues: cause instanceof ZodError ? cause.issues.map((i) => ({ path: issuePath(i.path), message: i.message })) : cause instanceof ConfigValidationError ? cause.issues : null,
        appError: isOra2KafkaError(cause) ? { code: cause.code, hint: cause.hint ?? null, field: cause.field ?? null, retriable: cause.retriable, ...accessDetails(cause) } : null,
      },
    };
  },
});

/** Domain error codes that are the caller's to fix, not the server's; everything else is a 500. */
const API_CODES: Record<string, TRPCError['code']> = {
  VALIDATION: 'BAD_REQUEST',
  NOT_FOUND: 'NOT_FOUND',
  CONFLICT: 'CONFLICT',
  TASK_NOT_RUNNING: 'CONFLICT',
  TASK_ALREADY_RUNNING: 'CONFLICT',
  ENGINE_NOT_RUNNING: 'CONFLICT',
  UNAUTHENTICATED: 'UNAUTHORIZED',
  SIGN_IN_FAILED: 'UNAUTHORIZED',
  FORBIDDEN: 'FORBIDDEN',
  PASSWORD_CHANGE_REQUIRED: 'FORBIDDEN',
  CROSS_ORIGIN: 'FORBIDDEN',
  RATE_LIMITED: 'TOO_MANY_REQUESTS',
  // The destination cluster answered (or did not) — the caller's settings to fix, not this server's fault.
  KAFKA_UNREACHABLE: 'BAD_GATEWAY',
  KAFKA_AUTH_FAILED: 'BAD_GATEWAY',
  KAFKA_PROTOCOL_MISMATCH: 'BAD_GATEWAY',
  KAFKA_NOT_AUTHORIZED: 'BAD_GATEWAY',
  KAFKA_TOPIC_EXISTS: 'CONFLICT',
  KAFKA_TOPIC_REJECTED: 'BAD_REQUEST',
};

/** Domain errors → tRPC codes; anything else stays an internal error without leaking details. */
const mapErrors = t.middleware(async ({ next }) => {
  const result = await next();
  if (!result.ok && isOra2KafkaError(result.error.cause)) {
    const cause = result.error.cause;
    const code = API_CODES[cause.code] ?? 'INTERNAL_SERVER_ERROR';
    throw new TRPCError({ code, message: cause.message, cause });
  }
  return result;
});

const audit = t.middleware(async ({ ctx, path, type, getRawInput, next }) => {
  if (type !== 'mutation') return next();
  const result = await next();
  await auditMutation({ ctx, path, rawInput: await getRawInput().catch(() => undefined), result });
  return result;
});

const authorize = t.middleware(async ({ ctx, path, type, next }) => {
  const principal = authorizeCall({ auth: ctx.auth, headers: ctx.headers, path, type });
  return next({ ctx: { principal } });
});

// 3. ROUTER & PROCEDURES
export const createTRPCRouter = t.router;
export const createCallerFactory = t.createCallerFactory;
/** The only procedure builder: who may call each procedure is PROCEDURE_ACCESS's row for its path. */
export const procedure = t.procedure.use(mapErrors).use(audit).use(authorize);

/** The caller of a procedure that is not public (the authorize middleware guarantees one). */
export function caller(ctx: { principal: Principal | null }): Principal {
  if (!ctx.principal) throw new TRPCError({ code: 'UNAUTHORIZED', message: 'You are not signed in.' });
  return ctx.principal;
}

/** How task logs name the caller: "alice", "token nightly-ci". */
export function callerLabel(ctx: { principal: Principal | null }): string {
  return principalLabel(caller(ctx));
}
