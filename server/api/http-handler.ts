import { fetchRequestHandler } from '@trpc/server/adapters/fetch';
import { appRouter } from './root';
import { createTRPCContext } from './trpc';

/**
 * The API over HTTP (the Next route app/api/trpc/[trpc] and the integration tests' loopback server
 * both call this): tRPC's fetch adapter with our context, a Retry-After header on 429s, and
 * errors logged by message only — inputs may hold passwords and must never reach a log.
 */
export function handleApiRequest(req: Request): Promise<Response> {
  return fetchRequestHandler({
    endpoint: '/api/trpc',
    req,
    router: appRouter,
    createContext: ({ resHeaders }) => createTRPCContext({ headers: req.headers, resHeaders }),
    responseMeta({ errors }) {
      const wait = errors.map((e) => (e.cause as { retryAfterSeconds?: number } | undefined)?.retryAfterSeconds).find((s) => typeof s === 'number');
      return { headers: { 'cache-control': 'no-store', ...(wait ? { 'retry-after': String(wait) } : {}) } };
    },
    onError({ path, error }) {
      if (error.code === 'INTERNAL_SERVER_ERROR') console.error(`tRPC ${path ?? '?'} failed: ${error.message}`);
    },
  });
}
