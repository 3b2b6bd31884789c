import { z } from 'zod';
import { ValidationError } from '../../model/errors';
import { parseVerificationScn } from '../../model/verification';
import { startVerification } from '../../services/verification';
import { getVerificationDetail, listVerificationRuns } from '../../store/verification-repository';
import { callerLabel, createTRPCRouter, procedure } from '../trpc';

const taskInput = z.object({ taskId: z.string().min(1) });

function scnOf(text: string | undefined): bigint | undefined {
  try {
    return parseVerificationScn(text);
  } catch (e) {
    throw new ValidationError('scn', (e as Error).message);
  }
}

/** Data verification of a task: start a run (operators), read runs and their differences (everyone). */
export const verificationRouter = createTRPCRouter({
  /** Starts a full verification (or, with recentMinutes, an incremental one); returns the run id at once. Poll `list` for the outcome. */
  start: procedure
    .input(taskInput.extend({ scn: z.string().max(40).optional(), recentMinutes: z.number().int().min(1, 'Recent changes: at least 1 minute.').max(1440, 'Recent changes: at most 1,440 minutes (a day); run a full verification for more.').optional() }))
    .mutation(async ({ ctx, input }) => {
      const { runId } = await startVerification(input.taskId, callerLabel(ctx), { scn: scnOf(input.scn), ...(input.recentMinutes ? { recentMinutes: input.recentMinutes } : {}) });
      return { runId };
    }),
  /** The task's most recent runs with per-table counts. */
  list: procedure.input(taskInput.extend({ limit: z.number().int().min(1).max(50).default(10) })).query(({ input }) => listVerificationRuns(input.taskId, input.limit)),
  /** One table of a run: the keys found missing, extra or different, with both images. */
  detail: procedure.input(z.object({ runId: z.number().int().positive(), table: z.string().min(1).max(300) })).query(({ input }) => getVerificationDetail(input.runId, input.table)),
});
