import { AccessError, CrossOriginError, ForbiddenError, PasswordChangeRequiredError, RateLimitedError, UnauthenticatedError } from '../auth/access-errors';
import { authConfig } from '../auth/auth-config';
import type { Principal, RequestAuth } from '../auth/principal';
import { accessRule } from '../auth/procedure-access';
import { foreignOrigin } from '../auth/request-meta';
import { SlidingWindow } from '../auth/sliding-window';

/**
 * The decision for one API call, in order:
 *  1. the path has a row in PROCEDURE_ACCESS (no row → refused: the table fails closed);
 *  2. public rows pass (a change still only from this console's own pages); otherwise a caller is
 *     required (401);
 *  3. a change made with a cookie (not a bearer token) comes from this console's own pages (Origin);
 *  4. a user with a one-time password may only change it (403);
 *  5. the caller's role is in the row (403 naming the roles needed);
 *  6. the row's rate limit, per caller (429 with the time left).
 */
export function authorizeCall(opts: { auth: RequestAuth; headers: Headers; path: string; type: string }): Principal | null {
  const { auth, path } = opts;
  const rule = accessRule(path);
  if (!rule) throw new AccessError('FORBIDDEN', `${path} has no access rule, so nobody may call it.`, { hint: 'Add its row to server/auth/procedure-access.ts.' });
  const p = auth.principal;
  if (rule.roles !== 'public' && !p) throw new UnauthenticatedError(auth.problem ?? undefined);
  if (opts.type === 'mutation' && !auth.bearer) {
    const foreign = foreignOrigin(opts.headers);
    if (foreign !== null) throw new CrossOriginError(foreign || null);
  }
  if (rule.roles === 'public' || !p) return p;
  if (p.mustChangePassword && !rule.whilePasswordChange) throw new PasswordChangeRequiredError();
  if (!rule.roles.includes(p.role)) throw new ForbiddenError(path, rule.roles, p.role);
  if (rule.limit) {
    const window = limitWindow(rule.limit);
    const key = `${p.kind}:${p.id}`;
    const wait = window.retryAfterMs(key);
    if (wait > 0) throw new RateLimitedError(rule.limit === 'connectivity' ? 'Too many connectivity tests (or topic creations).' : 'Too many source catalog (or topic list) reads.', wait);
    window.record(key);
  }
  return p;
}

const WINDOWS = Symbol.for('ora2kafka.api.rate-windows');

function limitWindow(name: 'connectivity' | 'catalog'): SlidingWindow {
  const g = globalThis as { [WINDOWS]?: Partial<Record<string, SlidingWindow>> };
  const all = (g[WINDOWS] ??= {});
  return (all[name] ??= new SlidingWindow(authConfig().limits[name]));
}
