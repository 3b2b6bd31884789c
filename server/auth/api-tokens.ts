import { randomBytes, randomUUID } from 'node:crypto';
import { Ora2KafkaError } from '../model/errors';
import { isRole, type Role } from '../model/access';
import { getDb } from '../store/db';
import { tokenId } from './sessions';

/**
 * API tokens for scripts and the CLI: `Authorization: Bearer o2k_3q2vTg…` (o2k_ + 32 random bytes,
 * base64url). The token is returned once, at creation; the database keeps its SHA-256 (a token has
 * 256 bits of entropy, so a fast hash is as safe as a slow one and keeps each request cheap), the
 * first characters to tell tokens apart, its role, optional expiry, and when it was last used.
 */
export interface TokenView {
  id: string;
  name: string;
  prefix: string;
  role: Role;
  createdBy: string;
  createdAt: Date;
  expiresAt: Date | null;
  lastUsedAt: Date | null;
  revokedAt: Date | null;
}

export interface TokenPrincipal {
  tokenId: string;
  name: string;
  role: Role;
}

const TOKEN_PREFIX = 'o2k_';
/** lastUsedAt is written at most this often per token (a script may call many times a second). */
const TOUCH_EVERY_MS = 30_000;

export async function createApiToken(input: { name: string; role: Role; expiresInDays?: number }, createdBy: string, now = new Date()): Promise<{ token: string; view: TokenView }> {
  const token = `${TOKEN_PREFIX}${randomBytes(32).toString('base64url')}`;
  const db = await getDb();
  const row = await db.apiToken.create({
    data: {
      id: `t-${randomUUID().slice(0, 13)}`,
      name: input.name,
      tokenHash: tokenId(token),
      prefix: token.slice(0, TOKEN_PREFIX.length + 6),
      role: input.role,
      createdBy,
      createdAt: now,
      expiresAt: input.expiresInDays ? new Date(now.getTime() + input.expiresInDays * 86_400_000) : null,
    },
  });
  return { token, view: view(row) };
}

export async function listApiTokens(): Promise<TokenView[]> {
  const rows = await (await getDb()).apiToken.findMany({ orderBy: { createdAt: 'desc' } });
  return rows.map(view);
}

export async function revokeApiToken(id: string, now = new Date()): Promise<TokenView> {
  const db = await getDb();
  const row = await db.apiToken.findUnique({ where: { id } });
  if (!row) throw new Ora2KafkaError('NOT_FOUND', `API token ${id} was not found.`, { hint: 'Refresh the token list.' });
  if (row.revokedAt) return view(row);
  return view(await db.apiToken.update({ where: { id }, data: { revokedAt: now } }));
}

/** The token's identity, or a sentence saying why it does not work (unknown, revoked, expired). */
export async function resolveApiToken(token: string, now = new Date()): Promise<TokenPrincipal | { problem: string }> {
  if (!token.startsWith(TOKEN_PREFIX) || token.length > 200) return { problem: 'The bearer token is not an Ora2Kafka API token.' };
  const db = await getDb();
  const row = await db.apiToken.findUnique({ where: { tokenHash: tokenId(token) } });
  if (!row || !isRole(row.role)) return { problem: 'The API token is not known to this console.' };
  if (row.revokedAt) return { problem: `The API token "${row.name}" was revoked.` };
  if (row.expiresAt && row.expiresAt <= now) return { problem: `The API token "${row.name}" expired on ${row.expiresAt.toISOString()}.` };
  if (!row.lastUsedAt || now.getTime() - row.lastUsedAt.getTime() >= TOUCH_EVERY_MS) await db.apiToken.update({ where: { id: row.id }, data: { lastUsedAt: now } });
  return { tokenId: row.id, name: row.name, role: row.role };
}

function view(r: { id: string; name: string; prefix: string; role: string; createdBy: string; createdAt: Date; expiresAt: Date | null; lastUsedAt: Date | null; revokedAt: Date | null }): TokenView {
  return { id: r.id, name: r.name, prefix: r.prefix, role: r.role as Role, createdBy: r.createdBy, createdAt: r.createdAt, expiresAt: r.expiresAt, lastUsedAt: r.lastUsedAt, revokedAt: r.revokedAt };
}
