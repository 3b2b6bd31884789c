import { createHash, randomBytes } from 'node:crypto';
import { isRole, type Role } from '../model/access';
import { getDb } from '../store/db';
import { authConfig } from './auth-config';

/**
 * Browser sessions in the metadata database. The cookie carries 32 random bytes (base64url); the
 * table keys the session by the token's SHA-256, so a copy of the database cannot be replayed as a
 * cookie. A session ends when unused for the idle time, at its absolute expiry, at sign-out, or when
 * its user's password changes or the user is disabled (every session of that user is deleted).
 */
export interface SessionUser {
  sessionId: string;
  userId: string;
  username: string;
  role: Role;
  mustChangePassword: boolean;
  expiresAt: Date;
}

/** lastSeenAt is written at most this often: dashboards poll every few seconds. */
const TOUCH_EVERY_MS = 60_000;

export function tokenId(token: string): string {
  return createHash('sha256').update(token).digest('hex');
}

export async function createSession(userId: string, clientAddress: string | null, now = new Date()): Promise<{ token: string; expiresAt: Date }> {
  const token = randomBytes(32).toString('base64url');
  const expiresAt = new Date(now.getTime() + authConfig().sessionMaxMs);
  const db = await getDb();
  // Sessions nobody presents again would stay forever: drop the ones past their absolute expiry.
  await db.session.deleteMany({ where: { expiresAt: { lte: now } } });
  await db.session.create({ data: { id: tokenId(token), userId, createdAt: now, lastSeenAt: now, expiresAt, clientAddress } });
  return { token, expiresAt };
}

/** The signed-in user behind a cookie token, or null when the session is unknown, expired, or its user disabled. */
export async function resolveSession(token: string, now = new Date()): Promise<SessionUser | null> {
  if (!token || token.length > 200) return null;
  const db = await getDb();
  const id = tokenId(token);
  const s = await db.session.findUnique({ where: { id }, include: { user: true } });
  if (!s) return null;
  const idleEnd = s.lastSeenAt.getTime() + authConfig().sessionIdleMs;
  if (s.user.disabled || now >= s.expiresAt || now.getTime() >= idleEnd) {
    await db.session.deleteMany({ where: { id } });
    return null;
  }
  if (now.getTime() - s.lastSeenAt.getTime() >= TOUCH_EVERY_MS) await db.session.updateMany({ where: { id }, data: { lastSeenAt: now } });
  if (!isRole(s.user.role)) return null;
  return { sessionId: id, userId: s.userId, username: s.user.username, role: s.user.role, mustChangePassword: s.user.mustChangePassword, expiresAt: s.expiresAt };
}

export async function deleteSession(token: string): Promise<void> {
  const db = await getDb();
  await db.session.deleteMany({ where: { id: tokenId(token) } });
}

/** Signs the user out everywhere (password changed or reset, user disabled). */
export async function deleteUserSessions(userId: string): Promise<number> {
  const db = await getDb();
  const { count } = await db.session.deleteMany({ where: { userId } });
  return count;
}
