import { z } from 'zod';
import { createTokenInputSchema } from '../../model/access';
import { createApiToken, listApiTokens, revokeApiToken } from '../../auth/api-tokens';
import { principalLabel } from '../../auth/principal';
import { caller, createTRPCRouter, procedure } from '../trpc';

/** API tokens: created with a role and optional expiry, shown once, revocable. */
export const tokenRouter = createTRPCRouter({
  list: procedure.query(() => listApiTokens()),
  /** The only answer that ever holds the token itself. */
  create: procedure.input(createTokenInputSchema).mutation(({ ctx, input }) => createApiToken(input, principalLabel(caller(ctx)))),
  revoke: procedure.input(z.object({ id: z.string().min(1) })).mutation(({ input }) => revokeApiToken(input.id)),
});
