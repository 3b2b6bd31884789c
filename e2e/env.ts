import path from 'node:path';

/**
 * What the browser tests and their server share: the port, the first admin's password (the server
 * gets it as ORA2KAFKA_ADMIN_PASSWORD), and where each role's signed-in browser state is kept.
 */
export const E2E_PORT = Number(process.env.E2E_PORT ?? 3311);
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
