import { z } from 'zod';
import { pauseTask, releaseTask, resumeTask } from '../../services/task-control';
import { dropOpenTransaction, explainLag } from '../../services/lag-explainer';
import { modifyTaskObjects, resnapshotTables } from '../../services/task-modify';
import { objectSelectionSchema } from '../../model/task-objects';
import { getTaskLogs, getTaskMetrics, getTaskProgress, listTaskProgress, LOG_LEVELS } from '../../store/task-progress-repository';
import { callerLabel, createTRPCRouter, procedure } from '../trpc';

const idInput = z.object({ id: z.string().min(1) });

/** The task dashboard: phase progress, performance series, logs, and the run controls. */
export const taskMonitorRouter = createTRPCRouter({
  progress: procedure.input(idInput).query(({ input }) => getTaskProgress(input.id)),
  listProgress: procedure.query(() => listTaskProgress()),
  metrics: procedure
    .input(idInput.extend({ minutes: z.number().int().min(1).max(7 * 24 * 60).default(60) }))
    .query(({ input }) => getTaskMetrics(input.id, { minutes: input.minutes })),
  logs: procedure
    .input(idInput.extend({ levels: z.array(z.enum(LOG_LEVELS)).optional(), limit: z.number().int().min(1).max(500).default(100), cursor: z.number().int().positive().optional() }))
    .query(({ input }) => getTaskLogs(input.id, { levels: input.levels, limit: input.limit, beforeId: input.cursor })),
  pause: procedure.input(idInput).mutation(({ ctx, input }) => pauseTask(input.id, callerLabel(ctx))),
  resume: procedure.input(idInput).mutation(({ ctx, input }) => resumeTask(input.id, callerLabel(ctx))),
  release: procedure.input(idInput).mutation(({ ctx, input }) => releaseTask(input.id, callerLabel(ctx))),
  explainLag: procedure.input(idInput).query(({ input }) => explainLag(input.id)),
  dropTransaction: procedure
    .input(idInput.extend({ xid: z.string().regex(/^[0-9A-F]{16}$/i, 'An XID is 16 hexadecimal digits, as the lag explainer shows it.') }))
    .mutation(({ ctx, input }) => dropOpenTransaction(input.id, input.xid.toUpperCase(), callerLabel(ctx))),
  /** Modify Objects on a migrating or paused task (added tables are read while the stream runs). */
  modifyObjects: procedure.input(idInput.extend({ objects: objectSelectionSchema })).mutation(({ ctx, input }) => modifyTaskObjects(input.id, input.objects, callerLabel(ctx))),
  /** Re-read tables of a migrating or paused task while the stream goes on. */
  resnapshot: procedure
    .input(idInput.extend({ tables: z.array(z.string().regex(/^[^.\s]+\.[^\s]+$/, 'Name each table as OWNER.TABLE, e.g. HR.EMPLOYEES.')).min(1, 'Choose at least one table to re-read.').max(100) }))
    .mutation(({ ctx, input }) => resnapshotTables(input.id, input.tables, callerLabel(ctx))),
});
