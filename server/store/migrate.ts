/**
 * Applies Prisma migrations at start-up without Prisma's native schema engine (a download these
 * machines cannot reach). Migrations stay in Prisma's own layout and bookkeeping table, so
 * `prisma migrate deploy` remains interchangeable where the engine is available:
 *
 *   prisma/migrations/20261123220749_init/migration.sql          (SQLite)
 *   prisma/postgres/migrations/20261123220749_init/migration.sql (PostgreSQL)
 *   _prisma_migrations(id, checksum, finished_at, migration_name, logs, rolled_back_at, started_at, applied_steps_count)
 */
import { createHash, randomUUID } from 'node:crypto';
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import type { MetadataDatabase } from './database-url';

export interface Migration {
  name: string;
  sql: string;
  checksum: string;
}

export function migrationsRoot(): string {
  return path.resolve(process.env.ORA2KAFKA_APP_ROOT ?? process.cwd(), 'prisma');
}

export function listMigrations(provider: MetadataDatabase['provider'], root = migrationsRoot()): Migration[] {
  const dir = provider === 'sqlite' ? path.join(root, 'migrations') : path.join(root, 'postgres/migrations');
  if (!existsSync(dir)) throw new Error(`No migrations folder at ${dir}: run the console from the project root or set ORA2KAFKA_APP_ROOT.`);
  return readdirSync(dir, { withFileTypes: true })
    .filter((d) => d.isDirectory() && existsSync(path.join(dir, d.name, 'migration.sql')))
    .map((d) => d.name)
    .sort()
    .map((name) => {
      const sql = readFileSync(path.join(dir, name, 'migration.sql'), 'utf8');
      return { name, sql, checksum: createHash('sha256').update(sql).digest('hex') };
    });
}

const SQLITE_TABLE = `CREATE TABLE IF NOT EXISTS "_prisma_migrations" (
  "id" TEXT PRIMARY KEY NOT NULL, "checksum" TEXT NOT NULL, "finished_at" DATETIME, "migration_name" TEXT NOT NULL,
  "logs" TEXT, "rolled_back_at" DATETIME, "started_at" DATETIME NOT NULL DEFAULT current_timestamp,
  "applied_steps_count" INTEGER UNSIGNED NOT NULL DEFAULT 0)`;

const PG_TABLE = `CREATE TABLE IF NOT EXISTS "_prisma_migrations" (
  "id" VARCHAR(36) PRIMARY KEY NOT NULL, "checksum" VARCHAR(64) NOT NULL, "finished_at" TIMESTAMPTZ, "migration_name" VARCHAR(255) NOT NULL,
  "logs" TEXT, "rolled_back_at" TIMESTAMPTZ, "started_at" TIMESTAMPTZ NOT NULL DEFAULT now(),
  "applied_steps_count" INTEGER NOT NULL DEFAULT 0)`;

/** Applies every migration not yet recorded; returns the names applied. Each runs in its own transaction. */
export async function applyMigrations(db: MetadataDatabase, migrations = listMigrations(db.provider)): Promise<string[]> {
  return db.provider === 'sqlite' ? applySqlite(db.url, migrations) : applyPostgres(db.url, migrations);
}

async function applySqlite(file: string, migrations: Migration[]): Promise<string[]> {
  const { default: Database } = await import('better-sqlite3');
  const sqlite = new Database(file);
  try {
    sqlite.pragma('journal_mode = WAL');
    sqlite.exec(SQLITE_TABLE);
    const done = new Set(
      (sqlite.prepare('SELECT migration_name FROM _prisma_migrations WHERE rolled_back_at IS NULL AND finished_at IS NOT NULL').all() as { migration_name: string }[]).map(
        (r) => r.migration_name,
      ),
    );
    const applied: string[] = [];
    for (const m of migrations) {
      if (done.has(m.name)) continue;
      sqlite.transaction(() => {
        sqlite.exec(m.sql);
        sqlite
          .prepare('INSERT INTO _prisma_migrations (id, checksum, migration_name, started_at, finished_at, applied_steps_count) VALUES (?, ?, ?, ?, ?, 1)')
          .run(randomUUID(), m.checksum, m.name, Date.now(), Date.now());
      })();
      applied.push(m.name);
    }
    return applied;
  } finally {
    sqlite.close();
  }
}

async function applyPostgres(url: string, migrations: Migration[]): Promise<string[]> {
  const { default: pg } = await import('pg');
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  try {
    await client.query(PG_TABLE);
    const { rows } = await client.query<{ migration_name: string }>(
      'SELECT migration_name FROM _prisma_migrations WHERE rolled_back_at IS NULL AND finished_at IS NOT NULL',
    );
    const done = new Set(rows.map((r) => r.migration_name));
    const applied: string[] = [];
    for (const m of migrations) {
      if (done.has(m.name)) continue;
      await client.query('BEGIN');
      try {
        await client.query(m.sql);
        await client.query(
          'INSERT INTO _prisma_migrations (id, checksum, migration_name, started_at, finished_at, applied_steps_count) VALUES ($1, $2, $3, now(), now(), 1)',
          [randomUUID(), m.checksum, m.name],
        );
        await client.query('COMMIT');
      } catch (e) {
        await client.query('ROLLBACK');
        throw e;
      }
      applied.push(m.name);
    }
    return applied;
  } finally {
    await client.end();
  }
}
