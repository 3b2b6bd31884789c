import { z } from 'zod';
import { saveDraftInputSchema } from '../../model/task-draft';
import { saveSectionInputSchema } from '../../model/wizard-sections';
import { saveTaskSection } from '../../services/task-sections';
import { startTask } from '../../services/task-start';
import { deleteTask, getTask, listTasks, saveDraft } from '../../store/task-repository';
import { createTRPCRouter, publicProcedure } from '../trpc';

const idInput = z.object({ id: z.string().min(1) });

export const taskRouter = createTRPCRouter({
  list: publicProcedure.query(() => listTasks()),
  get: publicProcedure.input(idInput).query(({ input }) => getTask(input.id)),
  saveDraft: publicProcedure.input(saveDraftInputSchema).mutation(({ input }) => saveDraft(input)),
  /** Saves one later wizard step (objects, advanced, instance), checked as the wizard checks it plus the source catalog. */
  saveSection: publicProcedure.input(saveSectionInputSchema).mutation(({ input }) => saveTaskSection(input)),
  /** Buy and Start: the whole task validated with taskConfigSchema, then Precheck Passed → Migrating. */
  start: publicProcedure.input(idInput).mutation(({ input }) => startTask(input.id)),
  delete: publicProcedure.input(idInput).mutation(({ input }) => deleteTask(input.id)),
});
