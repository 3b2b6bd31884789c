// Prisma's schema engine as WebAssembly (@prisma/schema-engine-wasm), driven directly: the native
// engine binary is a download from outside the npm registry, which these machines cannot reach.
// Used only to *write* migration SQL (scripts/prisma/new-migration.mjs); applying migrations at run
// time is plain SQL (server/store/migrate.ts).
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import * as bg from '@prisma/schema-engine-wasm/schema_engine_bg';
import { PrismaBetterSqlite3 } from '@prisma/adapter-better-sqlite3';
import { bindMigrationAwareSqlAdapterFactory } from '@prisma/driver-adapter-utils';

let started = false;

async function loadWasm() {
  if (started) return;
  const require = createRequire(import.meta.url);
  const wasmPath = require
    .resolve('@prisma/schema-engine-wasm/schema_engine_bg')
    .replace(/schema_engine_bg\.js$/, 'schema_engine_bg.wasm');
  const { instance } = await WebAssembly.instantiate(readFileSync(wasmPath), { './schema_engine_bg.js': bg });
  bg.__wbg_set_wasm(instance.exports);
  instance.exports.__wbindgen_start();
  started = true;
}

/** SQL that turns a database shaped like `fromSchema` (null = empty) into `toSchema`. */
export async function diffSql(fromSchema, toSchema) {
  await loadWasm();
  // Diffing two datamodels never touches a database, but the engine wants an adapter to exist.
  const adapter = bindMigrationAwareSqlAdapterFactory(new PrismaBetterSqlite3({ url: ':memory:' }));
  const engine = await bg.SchemaEngine.new({ datamodels: [['schema.prisma', toSchema]] }, () => {}, adapter);
  const from = fromSchema === null ? { tag: 'empty' } : { tag: 'schemaDatamodel', files: [{ path: 'schema.prisma', content: fromSchema }] };
  const result = await engine.diff({
    from,
    to: { tag: 'schemaDatamodel', files: [{ path: 'schema.prisma', content: toSchema }] },
    script: true,
    exitCode: null,
    filters: { externalTables: [], externalEnums: [] },
  });
  return result.stdout ?? '';
}
