import { TRPCError } from '@trpc/server';
import { describe, expect, it } from 'vitest';
import { PROCEDURE_ACCESS, refusalReason, roleMay } from '../auth/procedure-access';
import { appRouter, createCaller } from './root';
import type { TRPCContext } from './trpc';

/**
 * The router and the access table must list the same procedures: a procedure without a row would
 * be refused to everyone (the table fails closed) and a row without a procedure is stale. And every
 * procedure must actually go through the authorize middleware: called signed out, each one answers
 * UNAUTHORIZED — a procedure built without it would run (or fail on its input) instead.
 */
const procedures = appRouter._def.procedures as unknown as Record<string, { _def: { type: 'query' | 'mutation' | 'subscription' } }>;
const paths = Object.keys(procedures).sort();

function signedOutContext(): TRPCContext {
  return { headers: new Headers({ origin: 'http://console.test', host: 'console.test' }), resHeaders: new Headers(), auth: { principal: null, problem: null, bearer: false, sessionToken: null }, clientAddress: '127.0.0.1' };
}

describe('the access table', () => {
  it('has exactly one rule for every procedure of the router', () => {
    expect(paths.length).toBeGreaterThan(30);
    const missing = paths.filter((p) => !(p in PROCEDURE_ACCESS));
    expect(missing, `procedures without a row in server/auth/procedure-access.ts: ${missing.join(', ')}`).toEqual([]);
    const stale = Object.keys(PROCEDURE_ACCESS).filter((p) => !(p in procedures));
    expect(stale, `rows for procedures that do not exist: ${stale.join(', ')}`).toEqual([]);
  });

  it('keeps every change away from viewers, and only sign-in public', () => {
    const publicOnes = paths.filter((p) => (PROCEDURE_ACCESS as Record<string, { roles: unknown }>)[p]!.roles === 'public');
    expect(publicOnes).toEqual(['auth.signIn']);
    const viewerMutations = paths.filter((p) => procedures[p]!._def.type === 'mutation' && roleMay('viewer', p as keyof typeof PROCEDURE_ACCESS));
    // A viewer may sign out and change their own password, nothing else.
    expect(viewerMutations.sort()).toEqual(['auth.changePassword', 'auth.signIn', 'auth.signOut']);
    expect(roleMay('operator', 'connectivity.test')).toBe(true);
    expect(roleMay('operator', 'user.create')).toBe(false);
    expect(roleMay('admin', 'user.create')).toBe(true);
    expect(refusalReason('viewer', 'task.start')).toBe('Needs the operator or admin role; you are signed in as a viewer.');
    expect(refusalReason('operator', 'token.create')).toBe('Needs the admin role; you are signed in as an operator.');
  });

  it('guards every procedure: signed out, each one is refused with UNAUTHORIZED before its input is read', async () => {
    const api = createCaller(signedOutContext()) as unknown as Record<string, Record<string, (input?: unknown) => Promise<unknown>>>;
    const answers: Record<string, string> = {};
    for (const path of paths) {
      if (path === 'auth.signIn') continue;
      const [router, name] = path.split('.') as [string, string];
      const e = await api[router]![name]!({}).then(
        () => null,
        (err: unknown) => err,
      );
      answers[path] = e instanceof TRPCError ? e.code : `not refused: ${String(e)}`;
    }
    const notRefused = Object.entries(answers).filter(([, code]) => code !== 'UNAUTHORIZED');
    expect(notRefused).toEqual([]);
  });
});
