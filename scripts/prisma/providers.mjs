// One schema (prisma/schema.prisma, written for SQLite) serves both supported providers: the
// PostgreSQL variant differs only in its provider and output lines.
import { readFileSync } from 'node:fs';
import path from 'node:path';

export const root = path.resolve(import.meta.dirname, '../..');

export const PROVIDERS = {
  sqlite: {
    output: '../server/generated/prisma-sqlite',
    migrationsDir: path.join(root, 'prisma/migrations'),
  },
  postgresql: {
    output: '../server/generated/prisma-postgres',
    migrationsDir: path.join(root, 'prisma/postgres/migrations'),
  },
};

export function schemaFor(provider, text = readFileSync(path.join(root, 'prisma/schema.prisma'), 'utf8')) {
  const p = PROVIDERS[provider];
  return text
    .replace(/provider = "sqlite"/, `provider = "${provider}"`)
    .replace(/output\s*=\s*"[^"]*"/, `output       = "${p.output}"`);
}
