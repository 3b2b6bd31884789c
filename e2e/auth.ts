import { request as requestFactory, type APIRequestContext } from '@playwright/test';
import { E2E_BASE_URL, storageStateOf, type E2EUser } from './env';

/**
 * Signing in for the browser tests. Every test runs signed in: playwright.config.ts gives each
 * test the operator's stored session unless it asks for another (`test.use({ storageState })`), and
 * API calls send the console's Origin, as its own pages do.
 */
export const ORIGIN = { origin: E2E_BASE_URL };

type TrpcBody<T> = { result?: { data: { json: T } }; error?: { json: { message: string; data?: { httpStatus?: number } } } };

/** One tRPC mutation; returns the HTTP status and the answer, without throwing. */
export async function call<T>(request: APIRequestContext, procedure: string, input: unknown, headers: Record<string, string> = ORIGIN): Promise<{ status: number; data: T | null; message: string | null }> {
  const res = await request.post(`/api/trpc/${procedure}`, { data: { json: input }, headers });
  const body = (await res.json()) as TrpcBody<T>;
  return { status: res.status(), data: body.result?.data.json ?? null, message: body.error?.json.message ?? null };
}

/** Signs a request context in (the session cookie stays in the context). */
export async function signInRequest(request: APIRequestContext, user: Pick<E2EUser, 'username' | 'password'>): Promise<void> {
  const r = await call(request, 'auth.signIn', { username: user.username, password: user.password });
  if (r.status !== 200) throw new Error(`sign-in as ${user.username}: ${r.status} ${r.message}`);
}

/** Creates a user as the signed-in admin `admin` (no forced password change). */
export async function createUser(admin: APIRequestContext, user: E2EUser): Promise<void> {
  const r = await call(admin, 'user.create', { username: user.username, role: user.role, password: user.password, mustChangePassword: false });
  if (r.status !== 200) throw new Error(`create user ${user.username}: ${r.status} ${r.message}`);
}

/** Signs `user` in through its own request context and saves the session for browser tests. */
export async function saveSignedInState(user: E2EUser): Promise<void> {
  const ctx = await requestFactory.newContext({ baseURL: E2E_BASE_URL });
  try {
    await signInRequest(ctx, user);
    await ctx.storageState({ path: storageStateOf(user) });
  } finally {
    await ctx.dispose();
  }
}
