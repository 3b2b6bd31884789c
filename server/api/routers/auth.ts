import { changePasswordInputSchema, signInInputSchema } from '../../model/access';
import { ValidationError } from '../../model/errors';
import { clearedSessionCookie, isHttps, sessionCookie } from '../../auth/request-meta';
import { createSession, deleteSession } from '../../auth/sessions';
import { signIn } from '../../auth/sign-in';
import { changeOwnPassword } from '../../auth/users';
import { caller, createTRPCRouter, procedure } from '../trpc';

/** Sign-in, sign-out, who am I, and changing one's own password (which signs out every other session). */
export const authRouter = createTRPCRouter({
  signIn: procedure.input(signInInputSchema).mutation(async ({ ctx, input }) => {
    const s = await signIn(input, ctx.clientAddress);
    if (ctx.auth.sessionToken) await deleteSession(ctx.auth.sessionToken);
    ctx.resHeaders.append('Set-Cookie', sessionCookie(s.token, s.expiresAt, isHttps(ctx.headers)));
    return { user: { username: s.user.username, role: s.user.role, mustChangePassword: s.user.mustChangePassword } };
  }),
  signOut: procedure.mutation(async ({ ctx }) => {
    if (ctx.auth.sessionToken) await deleteSession(ctx.auth.sessionToken);
    ctx.resHeaders.append('Set-Cookie', clearedSessionCookie(isHttps(ctx.headers)));
    return { signedOut: true };
  }),
  me: procedure.query(({ ctx }) => {
    const p = caller(ctx);
    return { kind: p.kind, name: p.name, role: p.role, mustChangePassword: p.mustChangePassword, sessionExpiresAt: p.kind === 'user' ? p.expiresAt : null };
  }),
  /** Every session of the user ends (other browsers are signed out); this browser gets a fresh one. */
  changePassword: procedure.input(changePasswordInputSchema).mutation(async ({ ctx, input }) => {
    const p = caller(ctx);
    if (p.kind !== 'user') throw new ValidationError('currentPassword', 'API tokens have no password to change.', 'Sign in as a user to change that user\'s password.');
    await changeOwnPassword(p.id, input.currentPassword, input.newPassword);
    const s = await createSession(p.id, ctx.clientAddress);
    ctx.resHeaders.append('Set-Cookie', sessionCookie(s.token, s.expiresAt, isHttps(ctx.headers)));
    return { changed: true };
  }),
});
