import { z } from 'zod';
import { pauseTask, releaseTask, resumeTask } from '../../services/task-control';
import { getTaskLogs, getTaskMetrics, getTaskProgress, listTaskProgress, LOG_LEVELS } from '../../store/task-progress-repository';
import { createTRPCRouter, publicProcedure } from '../trpc';

const idInput = z.object({ id: z.string().min(1) });

/** The task dashboard: phase progress, performance series, logs, and the run controls. */
export const taskMonitorRouter = createTRPCRouter({
  progress: publicProcedure.input(idInput).query(({ input }) => getTaskProgress(input.id)),
  listProgress: publicProcedure.query(() => listTaskProgress()),
  metrics: publicProcedure
    .input(idInput.extend({ minutes: z.number().int().min(1).max(7 * 24 * 60).default(60) }))
    .query(({ input }) => getTaskMetrics(input.id, { minutes: input.minutes })),
  logs: publicProcedure
    .input(idInput.extend({ levels: z.array(z.enum(LOG_LEVELS)).optional(), limit: z.number().int().min(1).max(500).default(100), cursor: z.number().int().positive().optional() }))
    .query(({ input }) => getTaskLogs(input.id, { levels: input.levels, limit: input.limit, beforeId: input.cursor })),
  pause: publicProcedure.input(idInput).mutation(({ input }) => pauseTask(input.id)),
  resume: publicProcedure.input(idInput).mutation(({ input }) => resumeTask(input.id)),
  release: publicProcedure.input(idInput).mutation(({ input }) => releaseTask(input.id)),
});
