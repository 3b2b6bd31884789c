import { defaultShouldDehydrateQuery, MutationCache, QueryCache, QueryClient } from '@tanstack/react-query';
import superjson from 'superjson';

/** `onError` sees every failed query and mutation (the browser uses it to go to sign-in on a 401). */
export function makeQueryClient(opts: { onError?(error: unknown): void } = {}) {
  return new QueryClient({
    queryCache: new QueryCache({ onError: (e) => opts.onError?.(e) }),
    mutationCache: new MutationCache({ onError: (e) => opts.onError?.(e) }),
    defaultOptions: {
      queries: { staleTime: 5_000, retry: (count, e) => count < 1 && !isRefusal(e) },
      dehydrate: {
        serializeData: superjson.serialize,
        shouldDehydrateQuery: (q) => defaultShouldDehydrateQuery(q) || q.state.status === 'pending',
      },
      hydrate: { deserializeData: superjson.deserialize },
    },
  });
}

/** The HTTP status of a tRPC client error, when there is one. */
export function httpStatus(e: unknown): number | null {
  const status = (e as { data?: { httpStatus?: unknown } } | null)?.data?.httpStatus;
  return typeof status === 'number' ? status : null;
}

/** 401/403/429 will not change by asking again at once. */
function isRefusal(e: unknown): boolean {
  const s = httpStatus(e);
  return s === 401 || s === 403 || s === 429;
}
