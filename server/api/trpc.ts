/**
 * tRPC bootstrap in three parts (create-t3-app's layout): 1. context, 2. initialisation with the
 * error formatter, 3. router and procedure builders. Routers stay thin: validate, call a store or
 * the engine, and let the one error middleware below turn domain errors into responses.
 */
import { initTRPC, TRPCError } from '@trpc/server';
import superjson from 'superjson';
import { ZodError } from 'zod';
import { isOra2KafkaError } from '../model/errors';
import { ConfigValidationError, issuePath } from '../model/wizard-sections';

// 1. CONTEXT
export async function createTRPCContext(opts: { headers: Headers }) {
  return { headers: opts.headers };
}
export type TRPCContext = Awaited<ReturnType<typeof createTRPCContext>>;

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
        appError: isOra2KafkaError(cause) ? { code: cause.code, hint: cause.hint ?? null, field: cause.field ?? null, retriable: cause.retriable } : null,
      },
    };
  },
});

/** Domain error codes that are the caller's to fix, not the server's; everything else is a 500. */
const API_CODES: Record<string, 'BAD_REQUEST' | 'NOT_FOUND' | 'CONFLICT'> = {
  VALIDATION: 'BAD_REQUEST',
  NOT_FOUND: 'NOT_FOUND',
  CONFLICT: 'CONFLICT',
  TASK_NOT_RUNNING: 'CONFLICT',
  TASK_ALREADY_RUNNING: 'CONFLICT',
  ENGINE_NOT_RUNNING: 'CONFLICT',
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

// 3. ROUTER & PROCEDURES
export const createTRPCRouter = t.router;
export const createCallerFactory = t.createCallerFactory;
export const publicProcedure = t.procedure.use(mapErrors);
