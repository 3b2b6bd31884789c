import { PrismaClient } from '../generated/prisma-sqlite/client';
import { metadataDatabase } from './database-url';
import { applyMigrations } from './migrate';

/**
 * The console's metadata client: one per process, created on first use after migrations are
 * applied. Both generated clients share the same API (same schema, different provider), so the
 * PostgreSQL one is typed as the SQLite one.
 */
export type Db = InstanceType<typeof PrismaClient>;

const globalForDb = globalThis as unknown as { ora2kafkaDb?: Promise<Db> };

export function getDb(): Promise<Db> {
  globalForDb.ora2kafkaDb ??= openDb().catch((e: unknown) => {
    globalForDb.ora2kafkaDb = undefined;
    throw e;
  });
  return globalForDb.ora2kafkaDb;
}

async function openDb(): Promise<Db> {
  const target = metadataDatabase();
  await applyMigrations(target);
  if (target.provider === 'sqlite') {
    const { PrismaBetterSqlite3 } = await import('@prisma/adapter-better-sqlite3');
    return new PrismaClient({ adapter: new PrismaBetterSqlite3({ url: `file:${target.url}` }) });
  }
  const { PrismaPg } = await import('@prisma/adapter-pg');
  const { PrismaClient: PgClient } = await import('../generated/prisma-postgres/client');
  return new PgClient({ adapter: new PrismaPg({ connectionString: target.url }) }) as unknown as Db;
}
