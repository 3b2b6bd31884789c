import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ApiClient } from '../support/api-client';
import { startApiServer, type ApiServer } from '../support/api-server';

/**
 * Every procedure of the router over real HTTP: signed out each one answers 401 with a JSON error,
 * and a viewer gets 403 — naming the role needed — for every change. Plus what guards the API
 * besides roles: same-origin changes, bearer tokens, rate limits, the audit trail.
 */
process.env.ORA2KAFKA_DATA_DIR = mkdtempSync(path.join(tmpdir(), 'o2k-api-access-'));
delete process.env.DATABASE_URL;
process.env.ORA2KAFKA_CONNECTIVITY_PER_MINUTE = '2';

const { appRouter } = await import('../../server/api/root');
const { ensureFirstAdmin } = await import('../../server/auth/first-admin');

const ADMIN_PASSWORD = 'api-access-admin-pw';
const procedures = Object.entries(appRouter._def.procedures as unknown as Record<string, { _def: { type: 'query' | 'mutation' } }>)
  .map(([p, proc]) => ({ path: p, type: proc._def.type }))
  .sort((a, b) => a.path.localeCompare(b.path));
/** The only changes a viewer may make: to their own session and password. */
const OWN_ACCOUNT = new Set(['auth.signIn', 'auth.signOut', 'auth.changePassword']);

let server: ApiServer;
let admin: ApiClient;

async function userClient(username: string, role: 'viewer' | 'operator' | 'admin', password = `${username}-password`): Promise<ApiClient> {
  await admin.ok('mutate', 'user.create', { username, role, password, mustChangePassword: false });
  const c = new ApiClient(server.url);
  expect((await c.signIn(username, password)).status).toBe(200);
  return c;
}

beforeAll(async () => {
  await ensureFirstAdmin({ ORA2KAFKA_ADMIN_PASSWORD: ADMIN_PASSWORD }, () => undefined);
  server = await startApiServer();
  admin = new ApiClient(server.url);
  const signedIn = await admin.signIn('admin', ADMIN_PASSWORD);
  expect(signedIn.status).toBe(200);
  const cookie = signedIn.headers.get('set-cookie')!;
  expect(cookie).toMatch(/^o2k_session=[A-Za-z0-9_-]{43}; Path=\/; HttpOnly; SameSite=Lax; Max-Age=\d+$/);
});

afterAll(async () => {
  await server?.close();
});

describe('the API, procedure by procedure', () => {
  it('answers every procedure with 401 and a JSON error when signed out', async () => {
    expect(procedures.length).toBeGreaterThan(30);
    const anonymous = new ApiClient(server.url);
    const wrong: string[] = [];
    for (const p of procedures) {
      // Sign-in is the one public procedure: with wrong credentials it is a 401 too.
      const input = p.path === 'auth.signIn' ? { username: 'admin', password: 'not the password' } : {};
      const a = p.type === 'mutation' ? await anonymous.mutate(p.path, input) : await anonymous.query(p.path, input);
      if (a.status !== 401 || a.error?.code !== 'UNAUTHORIZED' || !a.headers.get('content-type')?.includes('application/json')) wrong.push(`${p.path}: ${a.status} ${a.error?.message}`);
    }
    expect(wrong).toEqual([]);
    const one = await anonymous.query('task.list');
    expect(one.error).toMatchObject({ message: 'You are not signed in.', appCode: 'UNAUTHENTICATED' });
  });

  it('refuses a viewer every change with 403, naming the roles that may make it', async () => {
    const viewer = await userClient('vera', 'viewer');
    const refused: Record<string, string> = {};
    for (const p of procedures.filter((x) => x.type === 'mutation' && !OWN_ACCOUNT.has(x.path))) {
      const a = await viewer.mutate(p.path, { id: 'o2k-x', taskId: 'o2k-x' });
      refused[p.path] = `${a.status} ${a.error?.message}`;
      expect(a.status, p.path).toBe(403);
      expect(a.error?.appCode, p.path).toBe('FORBIDDEN');
      expect(a.error?.message, p.path).toMatch(new RegExp(`^${p.path.replace('.', '\\.')} needs the (operator or admin|admin) role; you are signed in as a viewer\\.$`));
      expect(a.error?.requiredRoles, p.path).toEqual(p.path.startsWith('user.') || p.path.startsWith('token.') ? ['admin'] : ['operator', 'admin']);
    }
    expect(Object.keys(refused).length).toBeGreaterThan(15);
    // Reads stay open to the viewer — except the ones that open connections or administer.
    expect((await viewer.query('task.list')).status).toBe(200);
    expect((await viewer.query('system.info')).status).toBe(200);
    for (const p of ['catalog.schemas', 'user.list', 'token.list', 'audit.list']) expect((await viewer.query(p, { taskId: 'o2k-x' })).status, p).toBe(403);
    // …and each refusal is in the audit log, with the viewer's address.
    const audit = await admin.ok<{ entries: { actorName: string; procedure: string; outcome: string; clientAddress: string }[] }>('query', 'audit.list', { actor: 'vera', outcome: 'denied', limit: 200 });
    expect(new Set(audit.entries.map((e) => e.procedure))).toEqual(new Set(Object.keys(refused)));
    expect(audit.entries.every((e) => e.clientAddress === '127.0.0.1')).toBe(true);
  });

  it('accepts changes made with a cookie only from the console’s own origin; a bearer token needs none', async () => {
    const op = await userClient('otto', 'operator');
    const foreign = new ApiClient(server.url, { origin: 'http://evil.example' });
    foreign.cookie = op.cookie;
    const a = await foreign.mutate('task.saveDraft', { name: 'x', source: { host: 'h', database: 'D', user: 'u', password: 'p' }, destination: { brokers: 'k:9092', topic: 't' } });
    expect(a).toMatchObject({ status: 403, error: { appCode: 'CROSS_ORIGIN', message: "Changes are accepted only from this console's own pages, not from http://evil.example." } });
    const noOrigin = new ApiClient(server.url, { origin: null });
    noOrigin.cookie = op.cookie;
    expect((await noOrigin.mutate('task.delete', { id: 'o2k-x' })).error?.appCode).toBe('CROSS_ORIGIN');

    const { token } = await admin.ok<{ token: string }>('mutate', 'token.create', { name: 'it-script', role: 'operator' });
    const script = new ApiClient(server.url, { token, origin: null });
    const saved = await script.mutate<{ id: string }>('task.saveDraft', { name: 'by-token', source: { host: 'db1', database: 'ORCL', user: 'u', password: 'p' }, destination: { brokers: 'k:9092', topic: 't' } });
    expect(saved.status).toBe(200);
    const audit = await admin.ok<{ entries: { actorKind: string; actorName: string; taskId: string }[] }>('query', 'audit.list', { procedure: 'task.saveDraft', outcome: 'ok' });
    expect(audit.entries[0]).toMatchObject({ actorKind: 'token', actorName: 'it-script', taskId: saved.data.id });
    await admin.ok('mutate', 'token.revoke', { id: (await admin.ok<{ id: string; name: string }[]>('query', 'token.list')).find((t) => t.name === 'it-script')!.id });
    expect(await script.query('task.list')).toMatchObject({ status: 401, error: { message: 'The API token "it-script" was revoked.' } });
  });

  it('rate-limits Test Connectivity per caller with 429, Retry-After and the time left', async () => {
    const op = await userClient('olga', 'operator');
    // The first two calls reach the service (no such task); the third is refused before it.
    for (let i = 0; i < 2; i++) expect((await op.mutate('connectivity.test', { taskId: 'o2k-none' })).status).toBe(404);
    const limited = await op.mutate('connectivity.test', { taskId: 'o2k-none' });
    expect(limited.status).toBe(429);
    expect(limited.error?.message).toMatch(/^Too many connectivity tests \(or topic creations\)\. Try again in (1 min|[1-5]?\d s)\.$/);
    expect(Number(limited.headers.get('retry-after'))).toBeGreaterThan(0);
    // Another operator has their own allowance.
    const other = await userClient('oskar', 'operator');
    expect((await other.mutate('connectivity.test', { taskId: 'o2k-none' })).status).toBe(404);
  });

  it('a one-time password allows nothing but changing it; the change ends every other session', async () => {
    await admin.ok('mutate', 'user.create', { username: 'newbie', role: 'operator', password: 'temporary-pw-1', mustChangePassword: true });
    const first = new ApiClient(server.url);
    const second = new ApiClient(server.url);
    await first.signIn('newbie', 'temporary-pw-1');
    await second.signIn('newbie', 'temporary-pw-1');
    expect(await first.query('task.list')).toMatchObject({ status: 403, error: { appCode: 'PASSWORD_CHANGE_REQUIRED' } });
    expect((await first.query('auth.me')).data).toMatchObject({ name: 'newbie', mustChangePassword: true });
    expect((await first.mutate('auth.changePassword', { currentPassword: 'temporary-pw-1', newPassword: 'my-own-password-1' })).status).toBe(200);
    expect((await first.query('task.list')).status).toBe(200);
    expect(await second.query('task.list')).toMatchObject({ status: 401, error: { message: expect.stringContaining('Your session has ended') } });
    expect((await first.mutate('auth.signOut')).headers.get('set-cookie')).toMatch(/^o2k_session=; Path=\/; HttpOnly; SameSite=Lax; Max-Age=0$/);
    expect(first.cookie).toBeNull();
  });
});
