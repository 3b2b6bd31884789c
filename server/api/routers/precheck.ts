import { z } from 'zod';
import { ignorePrecheckItem, latestPrecheck, startPrecheck } from '../../services/precheck';
import { createTRPCRouter, procedure } from '../trpc';

const taskInput = z.object({ taskId: z.string().min(1) });

export const precheckRouter = createTRPCRouter({
  /** Precheck / Precheck Again: starts a run and returns its id; poll `latest` for the items. */
  start: procedure.input(taskInput).mutation(async ({ input }) => {
    const { runId } = await startPrecheck(input.taskId);
    return { runId };
  }),
  /** The task's most recent run with its items and success rate, or null before the first run. */
  latest: procedure.input(taskInput).query(({ input }) => latestPrecheck(input.taskId)),
  /** "Confirm Alert Details > Ignore" on an ignorable item (ignored: false undoes it). */
  ignore: procedure
    .input(taskInput.extend({ itemId: z.number().int().positive(), ignored: z.boolean().default(true) }))
    .mutation(({ input }) => ignorePrecheckItem(input.taskId, input.itemId, input.ignored)),
});
