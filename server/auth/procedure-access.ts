import type { Role } from '../model/access';

/**
 * THE access table: every tRPC procedure, by path, and who may call it. The API's one authorization
 * middleware (server/api/trpc.ts) reads it for every call and refuses a path it does not list, a
 * unit test walks the router so no procedure can be added without a row here, and the UI reads it
 * to disable what the signed-in role cannot do. Pure data: safe to import in the browser.
 *
 *   roles            who may call it ('public': signed out too)
 *   limit            a per-caller rate limit bucket (server/auth/auth-config.ts sets the sizes)
 *   whilePasswordChange  still allowed while a one-time password waits to be changed
 */
export type AccessRule = {
  roles: readonly Role[] | 'public';
  limit?: 'connectivity' | 'catalog';
  whilePasswordChange?: true;
};

const ANYONE: readonly Role[] = ['viewer', 'operator', 'admin'];
const OPERATORS: readonly Role[] = ['operator', 'admin'];
const ADMINS: readonly Role[] = ['admin'];

export const PROCEDURE_ACCESS = {
  // sign-in and the caller's own account
  'auth.signIn': { roles: 'public' },
  'auth.signOut': { roles: ANYONE, whilePasswordChange: true },
  'auth.me': { roles: ANYONE, whilePasswordChange: true },
  'auth.changePassword': { roles: ANYONE, whilePasswordChange: true },

  // tasks: everyone reads, operators change
  'task.list': { roles: ANYONE },
  'task.get': { roles: ANYONE },
  'task.saveDraft': { roles: OPERATORS },
  'task.saveSection': { roles: OPERATORS },
  'task.create': { roles: OPERATORS },
  'task.start': { roles: OPERATORS },
  'task.delete': { roles: OPERATORS },

  'taskMonitor.progress': { roles: ANYONE },
  'taskMonitor.listProgress': { roles: ANYONE },
  'taskMonitor.metrics': { roles: ANYONE },
  'taskMonitor.logs': { roles: ANYONE },
  'taskMonitor.pause': { roles: OPERATORS },
  'taskMonitor.resume': { roles: OPERATORS },
  'taskMonitor.release': { roles: OPERATORS },
  'taskMonitor.explainLag': { roles: ANYONE },
  // drops a transaction's changes for good: operators, audited with its XID and size
  'taskMonitor.dropTransaction': { roles: OPERATORS },

  // alert rules: everyone sees alerts and rules, operators change them
  'alert.settings': { roles: ANYONE },
  'alert.saveSettings': { roles: OPERATORS },
  'alert.history': { roles: ANYONE },
  'alert.recent': { roles: ANYONE },

  // demo mode only (refused otherwise): the built-in simulator's controls
  'simulator.holdTransaction': { roles: OPERATORS },
  'simulator.endTransaction': { roles: OPERATORS },
  'taskMonitor.modifyObjects': { roles: OPERATORS, limit: 'catalog' },
  'taskMonitor.resnapshot': { roles: OPERATORS, limit: 'catalog' },

  'precheck.latest': { roles: ANYONE },
  'precheck.start': { roles: OPERATORS },
  'precheck.ignore': { roles: OPERATORS },

  // the server opens connections for these: operators only, and rate-limited
  'connectivity.test': { roles: OPERATORS, limit: 'connectivity' },
  'catalog.schemas': { roles: OPERATORS, limit: 'catalog' },
  'catalog.tables': { roles: OPERATORS, limit: 'catalog' },
  'catalog.describe': { roles: OPERATORS, limit: 'catalog' },
  'catalog.sampleRows': { roles: OPERATORS, limit: 'catalog' },
  'catalog.previewEtl': { roles: OPERATORS, limit: 'catalog' },
  'kafkaTopics.list': { roles: OPERATORS, limit: 'catalog' },
  'kafkaTopics.create': { roles: OPERATORS, limit: 'connectivity' },

  // saved instances: everyone reads (no passwords in the answer), operators change
  'instance.list': { roles: ANYONE },
  'instance.save': { roles: OPERATORS },
  'instance.delete': { roles: OPERATORS },

  // data verification: the server reads the source and the topic, so starting one is for operators
  'verification.start': { roles: OPERATORS },
  'verification.list': { roles: ANYONE },
  'verification.detail': { roles: ANYONE },
  // the topic browser: what consumers see, readable by every role
  'records.browse': { roles: ANYONE },

  'system.info': { roles: ANYONE },

  // cluster mode: who runs what (read-only)
  'worker.list': { roles: ANYONE },

  // administration
  'user.list': { roles: ADMINS },
  'user.create': { roles: ADMINS },
  'user.setRole': { roles: ADMINS },
  'user.resetPassword': { roles: ADMINS },
  'user.setDisabled': { roles: ADMINS },
  'token.list': { roles: ADMINS },
  'token.create': { roles: ADMINS },
  'token.revoke': { roles: ADMINS },
  'audit.list': { roles: ADMINS },
} as const satisfies Record<string, AccessRule>;

export type ProcedurePath = keyof typeof PROCEDURE_ACCESS;

export function accessRule(path: string): AccessRule | undefined {
  return Object.prototype.hasOwnProperty.call(PROCEDURE_ACCESS, path) ? (PROCEDURE_ACCESS as Record<string, AccessRule>)[path] : undefined;
}

/** Whether `role` may call `path` (false for a path without a rule: the table fails closed). */
export function roleMay(role: Role | null, path: ProcedurePath): boolean {
  const rule = accessRule(path);
  if (!rule) return false;
  if (rule.roles === 'public') return true;
  return role !== null && rule.roles.includes(role);
}

/** "the operator or admin role" — for 403 messages and the UI's tooltips. */
export function describeRoles(roles: readonly Role[]): string {
  if (roles.length === 1) return `the ${roles[0]} role`;
  return `the ${roles.slice(0, -1).join(', ')} or ${roles[roles.length - 1]} role`;
}

/** Why `role` cannot call `path`, in a sentence; null when it can. */
export function refusalReason(role: Role | null, path: ProcedurePath): string | null {
  if (roleMay(role, path)) return null;
  const rule = accessRule(path);
  if (!rule || rule.roles === 'public') return 'Not available.';
  return `Needs ${describeRoles(rule.roles)}${role ? `; you are signed in as ${aRole(role)}` : ''}.`;
}

/** "a viewer", "an operator", "an admin". */
export function aRole(role: Role): string {
  return `${role === 'viewer' ? 'a' : 'an'} ${role}`;
}
