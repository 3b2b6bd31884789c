import { z } from 'zod';
import { createUserInputSchema, resetPasswordInputSchema, roleSchema } from '../../model/access';
import { createUser, listUsers, resetUserPassword, setUserDisabled, setUserRole } from '../../auth/users';
import { caller, createTRPCRouter, procedure } from '../trpc';

const userId = z.string().min(1);

/** The admin page's user list: add, change role, reset password, disable. */
export const userRouter = createTRPCRouter({
  list: procedure.query(() => listUsers()),
  create: procedure.input(createUserInputSchema).mutation(({ input }) => createUser(input)),
  setRole: procedure.input(z.object({ userId, role: roleSchema })).mutation(({ input }) => setUserRole(input.userId, input.role)),
  resetPassword: procedure.input(resetPasswordInputSchema).mutation(async ({ input }) => {
    await resetUserPassword(input.userId, input.password, input.mustChangePassword);
    return { reset: true };
  }),
  setDisabled: procedure.input(z.object({ userId, disabled: z.boolean() })).mutation(async ({ ctx, input }) => {
    const p = caller(ctx);
    await setUserDisabled(input.userId, input.disabled, p.kind === 'user' ? p.id : null);
    return { disabled: input.disabled };
  }),
});
