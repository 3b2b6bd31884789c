// `npm install` hook: generates the Prisma clients for SQLite and PostgreSQL from prisma/schema.prisma.
// Prisma's CLI insists on a schema-engine binary path even for `generate`, which never runs it; the
// real engine is a download these machines cannot reach, so point it at a stand-in file.
import { execFileSync } from 'node:child_process';
import { mkdirSync, writeFileSync, existsSync } from 'node:fs';
import path from 'node:path';
import { PROVIDERS, root, schemaFor } from './providers.mjs';

const stand = path.join(root, 'server/generated/.schema-engine-stand-in');
mkdirSync(path.dirname(stand), { recursive: true });
if (!existsSync(stand)) writeFileSync(stand, '#!/bin/sh\necho "schema engine not available; see README" >&2\nexit 1\n', { mode: 0o755 });

for (const provider of Object.keys(PROVIDERS)) {
  const schemaPath = path.join(root, 'prisma', `.generated-${provider}.prisma`);
  writeFileSync(schemaPath, schemaFor(provider));
  execFileSync(process.execPath, [path.join(root, 'node_modules/prisma/build/index.js'), 'generate', '--schema', schemaPath], {
    cwd: root,
    stdio: ['ignore', 'ignore', 'inherit'],
    env: { ...process.env, PRISMA_SCHEMA_ENGINE_BINARY: stand, PRISMA_HIDE_UPDATE_MESSAGE: '1', CHECKPOINT_DISABLE: '1' },
  });
}
console.log('prisma: generated clients for', Object.keys(PROVIDERS).join(' and '));
