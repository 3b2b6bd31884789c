import { getDb } from '../store/db';
import { isRole, type Role } from '../model/access';
import { RateLimitedError, SignInFailedError } from './access-errors';
import { authConfig } from './auth-config';
import { verifyNothing, verifyPassword } from './passwords';
import { createSession } from './sessions';
import { SlidingWindow } from './sliding-window';
import { normalizeUsername } from './users';

/**
 * Sign-in with user name and password. Failed attempts are counted per user name and per client
 * address over a sliding window; once either is full, every attempt — right password or not — is
 * refused with the time left until the oldest failure drops out. A success clears the user name's
 * count (not the address's: one good account must not unlock guessing at others).
 */
interface Limiters {
  byUser: SlidingWindow;
  byAddress: SlidingWindow;
}

const LIMITERS = Symbol.for('ora2kafka.auth.sign-in-limiters');

function limiters(): Limiters {
  const g = globalThis as { [LIMITERS]?: Limiters };
  if (!g[LIMITERS]) {
    const c = authConfig();
    g[LIMITERS] = {
      byUser: new SlidingWindow({ max: c.signInMaxFailuresPerUser, windowMs: c.signInWindowMs }),
      byAddress: new SlidingWindow({ max: c.signInMaxFailuresPerAddress, windowMs: c.signInWindowMs }),
    };
  }
  return g[LIMITERS];
}

export interface SignedIn {
  token: string;
  expiresAt: Date;
  user: { id: string; username: string; role: Role; mustChangePassword: boolean };
}

export async function signIn(input: { username: string; password: string }, clientAddress: string | null, now = Date.now()): Promise<SignedIn> {
  const username = normalizeUsername(input.username);
  const { byUser, byAddress } = limiters();
  const userKey = `user:${username}`;
  const addressKey = `address:${clientAddress ?? 'unknown'}`;
  const userWait = byUser.retryAfterMs(userKey, now);
  if (userWait > 0) throw new RateLimitedError(`Too many failed sign-ins for "${username}".`, userWait);
  const addressWait = byAddress.retryAfterMs(addressKey, now);
  if (addressWait > 0) throw new RateLimitedError(`Too many failed sign-ins from your address${clientAddress ? ` (${clientAddress})` : ''}.`, addressWait);

  const db = await getDb();
  const user = await db.user.findUnique({ where: { username } });
  const ok = user ? await verifyPassword(user.passwordHash, input.password) : await verifyNothing(input.password);
  if (!user || !ok || user.disabled || !isRole(user.role)) {
    byUser.record(userKey, now);
    byAddress.record(addressKey, now);
    // A disabled account answers like a wrong password: no hint which names exist.
    throw new SignInFailedError();
  }
  byUser.clear(userKey);
  const session = await createSession(user.id, clientAddress, new Date(now));
  await db.user.update({ where: { id: user.id }, data: { lastSignInAt: new Date(now) } });
  return { ...session, user: { id: user.id, username: user.username, role: user.role, mustChangePassword: user.mustChangePassword } };
}

