import { z } from 'zod';
import { saveDraftInputSchema } from '../../model/task-draft';
import { deleteTask, getTask, listTasks, saveDraft } from '../../store/task-repository';
import { createTRPCRouter, publicProcedure } from '../trpc';

const idInput = z.object({ id: z.string().min(1) });

export const taskRouter = createTRPCRouter({
  list: publicProcedure.query(() => listTasks()),
  get: publicProcedure.input(idInput).query(({ input }) => getTask(input.id)),
  saveDraft: publicProcedure.input(saveDraftInputSchema).mutation(({ input }) => saveDraft(input)),
  delete: publicProcedure.input(idInput).mutation(({ input }) => deleteTask(input.id)),
});
