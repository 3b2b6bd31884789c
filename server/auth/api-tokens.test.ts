import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';

process.env.ORA2KAFKA_DATA_DIR = mkdtempSync(path.join(tmpdir(), 'o2k-tokens-'));
delete process.env.DATABASE_URL;

const { createApiToken, listApiTokens, resolveApiToken, revokeApiToken } = await import('./api-tokens');
const { resolveRequestAuth } = await import('./principal');
const { ensureFirstAdmin } = await import('./first-admin');
const { signIn } = await import('./sign-in');
const { getDb } = await import('../store/db');

const T0 = new Date('2026-12-01T10:00:00Z');

describe('API tokens', () => {
  it('is shown once, stored as a hash, resolves to its role, records its last use, and stops at revoke or expiry', async () => {
    const { token, view } = await createApiToken({ name: 'nightly-ci', role: 'operator', expiresInDays: 2 }, 'alice', T0);
    expect(token).toMatch(/^o2k_[A-Za-z0-9_-]{43}$/);
    expect(view).toMatchObject({ name: 'nightly-ci', role: 'operator', createdBy: 'alice', lastUsedAt: null, expiresAt: new Date(T0.getTime() + 2 * 86_400_000) });
    expect(view.prefix).toBe(token.slice(0, 10));
    const stored = JSON.stringify(await (await getDb()).apiToken.findMany());
    expect(stored).not.toContain(token);
    expect(JSON.stringify(await listApiTokens())).not.toContain(token);

    const used = new Date(T0.getTime() + 60_000);
    expect(await resolveApiToken(token, used)).toEqual({ tokenId: view.id, name: 'nightly-ci', role: 'operator' });
    expect((await listApiTokens()).find((t) => t.id === view.id)?.lastUsedAt).toEqual(used);

    const auth = await resolveRequestAuth(new Headers({ authorization: `Bearer ${token}` }), used);
    expect(auth).toMatchObject({ bearer: true, principal: { kind: 'token', name: 'nightly-ci', role: 'operator' } });

    expect(await resolveApiToken(token, new Date(T0.getTime() + 3 * 86_400_000))).toEqual({ problem: expect.stringMatching(/^The API token "nightly-ci" expired on 2026-12-03T10:00:00.000Z\.$/) });
    await revokeApiToken(view.id);
    expect(await resolveApiToken(token, used)).toEqual({ problem: 'The API token "nightly-ci" was revoked.' });
    expect(await resolveApiToken('o2k_not-a-real-token', used)).toEqual({ problem: 'The API token is not known to this console.' });
  });

  it('judges a request with a bearer header by the token alone, never by its cookie', async () => {
    await ensureFirstAdmin({ ORA2KAFKA_ADMIN_PASSWORD: 'first admin password' }, () => undefined);
    const s = await signIn({ username: 'admin', password: 'first admin password' }, '127.0.0.1');
    const withCookie = await resolveRequestAuth(new Headers({ cookie: `o2k_session=${s.token}` }));
    expect(withCookie.principal).toMatchObject({ kind: 'user', name: 'admin', role: 'admin' });
    const both = await resolveRequestAuth(new Headers({ cookie: `o2k_session=${s.token}`, authorization: 'Bearer o2k_revoked-or-made-up' }));
    expect(both).toMatchObject({ principal: null, bearer: true, problem: 'The API token is not known to this console.' });
    const basic = await resolveRequestAuth(new Headers({ cookie: `o2k_session=${s.token}`, authorization: 'Basic YWRtaW46eA==' }));
    expect(basic).toMatchObject({ principal: null, problem: 'The Authorization header must be "Bearer <token>".' });
  });
});

describe('first admin', () => {
  it('creates admin once from ORA2KAFKA_ADMIN_PASSWORD, and ignores it once users exist', async () => {
    const lines: string[] = [];
    expect(await ensureFirstAdmin({ ORA2KAFKA_ADMIN_PASSWORD: 'another password here' }, (l) => lines.push(l))).toBe('exists');
    expect(lines).toEqual([]);
  });

  it('without the variable, prints a one-time password once and requires changing it', async () => {
    const db = await getDb();
    await db.session.deleteMany();
    await db.user.deleteMany();
    const lines: string[] = [];
    expect(await ensureFirstAdmin({}, (l) => lines.push(l))).toBe('created-one-time');
    const printed = /^ {4}(\S{20})$/m.exec(lines.join('\n'))?.[1];
    expect(printed).toBeDefined();
    const s = await signIn({ username: 'admin', password: printed! }, '127.0.0.2');
    expect(s.user).toMatchObject({ username: 'admin', role: 'admin', mustChangePassword: true });
    expect(await ensureFirstAdmin({}, (l) => lines.push(l))).toBe('exists');
    expect(lines).toHaveLength(1);
  });

  it('refuses a too-short ORA2KAFKA_ADMIN_PASSWORD with the rule', async () => {
    const db = await getDb();
    await db.session.deleteMany();
    await db.user.deleteMany();
    await expect(ensureFirstAdmin({ ORA2KAFKA_ADMIN_PASSWORD: 'short' })).rejects.toThrow('ORA2KAFKA_ADMIN_PASSWORD: A password has at least 10 characters.');
  });
});
