import { z } from 'zod';
import { INSTANCE_KINDS, saveInstanceInputSchema } from '../../model/saved-instance';
import { deleteInstance, listInstances, saveInstance } from '../../store/instance-repository';
import { callerLabel, createTRPCRouter, procedure } from '../trpc';

/** Saved instances ("Select a DMS database instance"): everyone lists them (never a password), operators change them. */
export const instanceRouter = createTRPCRouter({
  list: procedure.input(z.object({ kind: z.enum(INSTANCE_KINDS).optional() }).default({})).query(({ input }) => listInstances(input.kind)),
  save: procedure.input(saveInstanceInputSchema).mutation(({ ctx, input }) => saveInstance(input, callerLabel(ctx))),
  delete: procedure.input(z.object({ id: z.string().min(1) })).mutation(async ({ input }) => {
    await deleteInstance(input.id);
    return { deleted: true };
  }),
});
