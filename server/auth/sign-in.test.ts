import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';

process.env.ORA2KAFKA_DATA_DIR = mkdtempSync(path.join(tmpdir(), 'o2k-signin-'));
delete process.env.DATABASE_URL;
process.env.ORA2KAFKA_SIGNIN_MAX_FAILURES = '3';
process.env.ORA2KAFKA_SIGNIN_MAX_FAILURES_PER_ADDRESS = '5';
process.env.ORA2KAFKA_SIGNIN_WINDOW_MINUTES = '10';
process.env.ORA2KAFKA_SESSION_IDLE_MINUTES = '30';
process.env.ORA2KAFKA_SESSION_MAX_HOURS = '2';

const { signIn } = await import('./sign-in');
const { resolveSession, deleteSession } = await import('./sessions');
const { changeOwnPassword, createUser, resetUserPassword, setUserDisabled, setUserRole } = await import('./users');
const { getDb } = await import('../store/db');

const MIN = 60_000;
const T0 = Date.parse('2026-12-01T10:00:00Z');

async function user(name: string, role: 'viewer' | 'operator' | 'admin' = 'operator', password = 'correct horse battery') {
  return createUser({ username: name, role, password, mustChangePassword: false });
}

async function failure(p: Promise<unknown>): Promise<{ code: string; message: string; retryAfterSeconds?: number }> {
  return p.then(
    () => {
      throw new Error('expected a refusal');
    },
    (e: { code: string; message: string; retryAfterSeconds?: number }) => e,
  );
}

describe('sign-in', () => {
  it('signs in with the right password only, stores a hash, and opens a session the cookie token finds', async () => {
    await user('Alice');
    const row = await (await getDb()).user.findUniqueOrThrow({ where: { username: 'alice' } });
    expect(row.passwordHash).toMatch(/^\$argon2id\$v=19\$m=19456,t=2,p=1\$/);
    expect(row.passwordHash).not.toContain('correct horse');

    expect(await failure(signIn({ username: 'alice', password: 'wrong' }, '10.0.0.1', T0))).toMatchObject({ code: 'SIGN_IN_FAILED', message: 'Wrong user name or password.' });
    const s = await signIn({ username: ' ALICE ', password: 'correct horse battery' }, '10.0.0.1', T0);
    expect(s.user).toMatchObject({ username: 'alice', role: 'operator', mustChangePassword: false });
    expect(s.token).toMatch(/^[A-Za-z0-9_-]{43}$/);
    // The table keys sessions by the token's hash: the token itself is not stored.
    expect(await (await getDb()).session.findUnique({ where: { id: s.token } })).toBeNull();
    expect(await resolveSession(s.token, new Date(T0 + MIN))).toMatchObject({ username: 'alice', role: 'operator' });
    await deleteSession(s.token);
    expect(await resolveSession(s.token, new Date(T0 + 2 * MIN))).toBeNull();
  });

  it('refuses every attempt for a user name after too many failures, saying how long to wait, until the window passes', async () => {
    await user('bob');
    for (let i = 0; i < 3; i++) await failure(signIn({ username: 'bob', password: `guess-${i}` }, `10.1.0.${i}`, T0 + i * MIN));
    const locked = await failure(signIn({ username: 'bob', password: 'correct horse battery' }, '10.1.0.9', T0 + 3 * MIN));
    expect(locked.code).toBe('RATE_LIMITED');
    // The first failure (at T0) leaves the 10-minute window at T0 + 10 min: 7 minutes from now.
    expect(locked.message).toBe('Too many failed sign-ins for "bob". Try again in 7 min.');
    expect(locked.retryAfterSeconds).toBe(420);
    // Once the oldest failure drops out of the window, the right password works and clears the count.
    const s = await signIn({ username: 'bob', password: 'correct horse battery' }, '10.1.0.9', T0 + 10 * MIN + 1);
    expect(s.user.username).toBe('bob');
    await failure(signIn({ username: 'bob', password: 'again' }, '10.1.0.9', T0 + 11 * MIN));
    expect((await signIn({ username: 'bob', password: 'correct horse battery' }, '10.1.0.9', T0 + 11 * MIN)).user.username).toBe('bob');
  });

  it('limits failures per client address across user names, unknown names included', async () => {
    await user('carol');
    for (let i = 0; i < 5; i++) {
      const e = await failure(signIn({ username: `nobody-${i}`, password: 'x' }, '10.2.0.1', T0 + i * 1000));
      expect(e.code).toBe('SIGN_IN_FAILED');
    }
    const e = await failure(signIn({ username: 'carol', password: 'correct horse battery' }, '10.2.0.1', T0 + 10_000));
    expect(e).toMatchObject({ code: 'RATE_LIMITED', message: 'Too many failed sign-ins from your address (10.2.0.1). Try again in 9 min 50 s.' });
    // Another address is not affected.
    expect((await signIn({ username: 'carol', password: 'correct horse battery' }, '10.2.0.2', T0 + 10_000)).user.username).toBe('carol');
  });

  it('ends sessions when idle, at their absolute expiry, and for a disabled user', async () => {
    await user('dave');
    const a = await signIn({ username: 'dave', password: 'correct horse battery' }, '10.3.0.1', T0);
    // Active every 20 minutes: the idle limit (30 min) never hits, the absolute one (2 h) does.
    for (let t = 20; t < 120; t += 20) expect(await resolveSession(a.token, new Date(T0 + t * MIN)), `at +${t} min`).not.toBeNull();
    expect(await resolveSession(a.token, new Date(T0 + 120 * MIN))).toBeNull();

    const b = await signIn({ username: 'dave', password: 'correct horse battery' }, '10.3.0.1', T0);
    expect(await resolveSession(b.token, new Date(T0 + 29 * MIN))).not.toBeNull();
    expect(await resolveSession(b.token, new Date(T0 + 60 * MIN))).toBeNull();

    const admin = await user('dave-admin', 'admin');
    const c = await signIn({ username: 'dave', password: 'correct horse battery' }, '10.3.0.1', Date.now());
    await setUserDisabled((await (await getDb()).user.findUniqueOrThrow({ where: { username: 'dave' } })).id, true, admin.id);
    expect(await resolveSession(c.token)).toBeNull();
    expect(await failure(signIn({ username: 'dave', password: 'correct horse battery' }, '10.3.0.2'))).toMatchObject({ code: 'SIGN_IN_FAILED' });
  });

  it('a password change or reset signs the user out of every session', async () => {
    const eve = await user('eve');
    const one = await signIn({ username: 'eve', password: 'correct horse battery' }, '10.4.0.1');
    const two = await signIn({ username: 'eve', password: 'correct horse battery' }, '10.4.0.2');
    expect(await failure(changeOwnPassword(eve.id, 'not it', 'a whole new secret'))).toMatchObject({ code: 'VALIDATION', message: 'The current password is wrong.' });
    expect(await resolveSession(one.token)).not.toBeNull();
    await changeOwnPassword(eve.id, 'correct horse battery', 'a whole new secret');
    expect(await resolveSession(one.token)).toBeNull();
    expect(await resolveSession(two.token)).toBeNull();
    expect(await failure(signIn({ username: 'eve', password: 'correct horse battery' }, '10.4.0.3'))).toMatchObject({ code: 'SIGN_IN_FAILED' });
    const three = await signIn({ username: 'eve', password: 'a whole new secret' }, '10.4.0.3');

    await resetUserPassword(eve.id, 'temporary password 1', true);
    expect(await resolveSession(three.token)).toBeNull();
    const four = await signIn({ username: 'eve', password: 'temporary password 1' }, '10.4.0.3');
    expect(four.user.mustChangePassword).toBe(true);
  });

  it('always keeps an enabled admin, and refuses duplicate names', async () => {
    const db = await getDb();
    await db.user.updateMany({ where: { role: 'admin' }, data: { role: 'viewer' } });
    const only = await user('frank', 'admin');
    expect(await failure(setUserRole(only.id, 'operator'))).toMatchObject({ code: 'CONFLICT', message: 'frank is the last enabled admin and must stay one.' });
    const other = await user('grace', 'admin');
    expect(await failure(setUserDisabled(only.id, true, only.id))).toMatchObject({ code: 'VALIDATION', message: 'You cannot disable your own account.' });
    await setUserDisabled(only.id, true, other.id);
    expect(await failure(setUserRole(other.id, 'viewer'))).toMatchObject({ code: 'CONFLICT' });
    expect(await failure(user('GRACE'))).toMatchObject({ code: 'VALIDATION', message: 'A user named "grace" already exists.' });
  });
});
