import type { Role } from '../model/access';
import { resolveApiToken } from './api-tokens';
import { bearerToken, readCookie, SESSION_COOKIE } from './request-meta';
import { resolveSession } from './sessions';

/**
 * Who is calling: a signed-in user (session cookie) or an API token (bearer header). A request
 * with a bearer header is judged by the token alone — a bad token is refused, never passed over
 * for a cookie.
 */
export type Principal =
  | { kind: 'user'; id: string; name: string; role: Role; mustChangePassword: boolean; sessionId: string; expiresAt: Date }
  | { kind: 'token'; id: string; name: string; role: Role; mustChangePassword: false };

export interface RequestAuth {
  principal: Principal | null;
  /** Why there is no principal, for the 401 message (null: simply not signed in). */
  problem: string | null;
  /** The caller authenticated with a bearer token (mutations then need no Origin). */
  bearer: boolean;
  /** The session cookie's value, for sign-out. */
  sessionToken: string | null;
}

export async function resolveRequestAuth(headers: Headers, now = new Date()): Promise<RequestAuth> {
  const bearer = bearerToken(headers);
  if (bearer) {
    const t = await resolveApiToken(bearer, now);
    if ('problem' in t) return { principal: null, problem: t.problem, bearer: true, sessionToken: null };
    return { principal: { kind: 'token', id: t.tokenId, name: t.name, role: t.role, mustChangePassword: false }, problem: null, bearer: true, sessionToken: null };
  }
  if (headers.get('authorization')) return { principal: null, problem: 'The Authorization header must be "Bearer <token>".', bearer: true, sessionToken: null };
  const cookie = readCookie(headers, SESSION_COOKIE);
  if (!cookie) return { principal: null, problem: null, bearer: false, sessionToken: null };
  const s = await resolveSession(cookie, now);
  if (!s) return { principal: null, problem: 'Your session has ended (signed out, expired, or your password changed). Sign in again.', bearer: false, sessionToken: cookie };
  return {
    principal: { kind: 'user', id: s.userId, name: s.username, role: s.role, mustChangePassword: s.mustChangePassword, sessionId: s.sessionId, expiresAt: s.expiresAt },
    problem: null,
    bearer: false,
    sessionToken: cookie,
  };
}

/** How logs and the audit name the caller: "alice", "token nightly-ci". */
export function principalLabel(p: Principal): string {
  return p.kind === 'user' ? p.name : `token ${p.name}`;
}
