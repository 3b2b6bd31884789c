import { randomUUID } from 'node:crypto';
import { Ora2KafkaError, ValidationError } from '../model/errors';
import type { Role } from '../model/access';
import { getDb } from '../store/db';
import { hashPassword, verifyPassword } from './passwords';
import { deleteUserSessions } from './sessions';

/**
 * Console users (the admin page's list, add, change role, reset password, disable) and a user's own
 * password change. User names are kept in lower case, so "Alice" and "alice" are one account. The
 * console always keeps at least one enabled admin.
 */
export interface UserView {
  id: string;
  username: string;
  role: Role;
  disabled: boolean;
  mustChangePassword: boolean;
  createdAt: Date;
  lastSignInAt: Date | null;
  activeSessions: number;
}

export const normalizeUsername = (name: string) => name.trim().toLowerCase();

class UserNotFoundError extends Ora2KafkaError {
  constructor(id: string) {
    super('NOT_FOUND', `User ${id} was not found.`, { hint: 'Refresh the user list.' });
  }
}

export async function countUsers(): Promise<number> {
  return (await getDb()).user.count();
}

export async function createUser(input: { username: string; role: Role; password: string; mustChangePassword: boolean }): Promise<UserView> {
  const db = await getDb();
  const username = normalizeUsername(input.username);
  if (await db.user.findUnique({ where: { username } })) {
    throw new ValidationError('username', `A user named "${username}" already exists.`, 'Choose another user name, or reset that user\'s password instead.');
  }
  const row = await db.user.create({
    data: { id: `u-${randomUUID().slice(0, 13)}`, username, role: input.role, passwordHash: await hashPassword(input.password), mustChangePassword: input.mustChangePassword },
  });
  return { ...view(row), activeSessions: 0 };
}

export async function listUsers(now = new Date()): Promise<UserView[]> {
  const db = await getDb();
  const rows = await db.user.findMany({ orderBy: { username: 'asc' }, include: { sessions: { where: { expiresAt: { gt: now } }, select: { id: true } } } });
  return rows.map((r) => ({ ...view(r), activeSessions: r.sessions.length }));
}

export async function setUserRole(userId: string, role: Role): Promise<UserView> {
  const user = await existing(userId);
  if (user.role === 'admin' && role !== 'admin') await assertAnotherAdmin(userId, `${user.username} is the last enabled admin and must stay one.`);
  const db = await getDb();
  const row = await db.user.update({ where: { id: userId }, data: { role } });
  return { ...view(row), activeSessions: 0 };
}

/** An admin sets a new password; every session of the user ends. */
export async function resetUserPassword(userId: string, password: string, mustChangePassword: boolean): Promise<void> {
  await existing(userId);
  const db = await getDb();
  await db.user.update({ where: { id: userId }, data: { passwordHash: await hashPassword(password), mustChangePassword, passwordChangedAt: new Date() } });
  await deleteUserSessions(userId);
}

export async function setUserDisabled(userId: string, disabled: boolean, byUserId: string | null): Promise<void> {
  const user = await existing(userId);
  if (disabled && userId === byUserId) throw new ValidationError('userId', 'You cannot disable your own account.', 'Ask another admin to do it.');
  if (disabled && user.role === 'admin') await assertAnotherAdmin(userId, `${user.username} is the last enabled admin and cannot be disabled.`);
  const db = await getDb();
  await db.user.update({ where: { id: userId }, data: { disabled } });
  if (disabled) await deleteUserSessions(userId);
}

/** A signed-in user replaces their password (the one-time one, or any): every session of theirs ends. */
export async function changeOwnPassword(userId: string, currentPassword: string, newPassword: string): Promise<void> {
  const user = await existing(userId);
  if (!(await verifyPassword(user.passwordHash, currentPassword))) {
    throw new ValidationError('currentPassword', 'The current password is wrong.', 'Type the password you signed in with.');
  }
  const db = await getDb();
  await db.user.update({ where: { id: userId }, data: { passwordHash: await hashPassword(newPassword), mustChangePassword: false, passwordChangedAt: new Date() } });
  await deleteUserSessions(userId);
}

async function existing(userId: string) {
  const row = await (await getDb()).user.findUnique({ where: { id: userId } });
  if (!row) throw new UserNotFoundError(userId);
  return row;
}

async function assertAnotherAdmin(userId: string, message: string): Promise<void> {
  const others = await (await getDb()).user.count({ where: { role: 'admin', disabled: false, id: { not: userId } } });
  if (others === 0) throw new Ora2KafkaError('CONFLICT', message, { hint: 'Make another user an admin first.' });
}

function view(r: { id: string; username: string; role: string; disabled: boolean; mustChangePassword: boolean; createdAt: Date; lastSignInAt: Date | null }) {
  return { id: r.id, username: r.username, role: r.role as Role, disabled: r.disabled, mustChangePassword: r.mustChangePassword, createdAt: r.createdAt, lastSignInAt: r.lastSignInAt };
}
