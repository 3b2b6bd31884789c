// `npm run db:new-migration -- <name>`: writes the SQL that takes the schema from its state at the
// last migration to prisma/schema.prisma, for both providers, in Prisma's standard folder layout.
// The schema as of the last migration is kept beside the migrations (schema.snapshot.prisma).
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { diffSql } from './schema-engine.mjs';
import { PROVIDERS, root, schemaFor } from './providers.mjs';

const name = (process.argv[2] ?? '').replace(/[^a-z0-9_]/gi, '_');
if (!name) {
  console.error('usage: npm run db:new-migration -- <name>');
  process.exit(2);
}
const stamp = new Date().toISOString().replace(/\D/g, '').slice(0, 14);
const current = readFileSync(path.join(root, 'prisma/schema.prisma'), 'utf8');
const snapshotPath = path.join(root, 'prisma/schema.snapshot.prisma');
const previous = existsSync(snapshotPath) ? readFileSync(snapshotPath, 'utf8') : null;
let wrote = false;
for (const [provider, cfg] of Object.entries(PROVIDERS)) {
  const sql = await diffSql(previous === null ? null : schemaFor(provider, previous), schemaFor(provider, current));
  if (!sql.trim() || /^-- This is an empty migration/.test(sql.trim())) continue;
  const dir = path.join(cfg.migrationsDir, `${stamp}_${name}`);
  mkdirSync(dir, { recursive: true });
  writeFileSync(path.join(dir, 'migration.sql'), sql);
  writeFileSync(path.join(cfg.migrationsDir, 'migration_lock.toml'), `# Written by scripts/prisma/new-migration.mjs\nprovider = "${provider}"\n`);
  console.log('wrote', path.relative(root, dir));
  wrote = true;
}
if (wrote) writeFileSync(snapshotPath, current);
else console.log('schema unchanged; no migration written');
