import { execFileSync } from 'node:child_process';
import path from 'node:path';

/**
 * What the browser tests and their server share: the port, the first admin's password (the server
 * gets it as ORA2KAFKA_ADMIN_PASSWORD), and where each role's signed-in browser state is kept.
 */
// A free port, chosen once by the first process that loads this (Playwright's config) and inherited
// by its workers through the environment, so two checkouts can run their browser tests side by side.
process.env.E2E_PORT ??= execFileSync(process.execPath, ['--input-type=module', '-e', "const m = await import('./scripts/kafka/kafka.mjs'); console.log(await m.freePort())"], {
  cwd: path.join(import.meta.dirname, '..'),
  encoding: 'utf8',
}).trim();
export const E2E_PORT = Number(process.env.E2E_PORT);
export const E2E_BASE_URL = `http://127.0.0.1:${E2E_PORT}`;

export interface E2EUser {
  username: string;
  password: string;
  role: 'admin' | 'operator' | 'viewer';
}

export const E2E_ADMIN: E2EUser = { username: 'admin', password: 'e2e-admin-password-1', role: 'admin' };
export const E2E_OPERATOR: E2EUser = { username: 'e2e-operator', password: 'e2e-operator-password-1', role: 'operator' };
export const E2E_VIEWER: E2EUser = { username: 'e2e-viewer', password: 'e2e-viewer-password-1', role: 'viewer' };

const AUTH_DIR = path.join(import.meta.dirname, '.auth');
/** Playwright storage state (the session cookie) of a signed-in user, written by global-setup.ts. */
export const storageStateOf = (u: E2EUser) => path.join(AUTH_DIR, `${u.username}.json`);
