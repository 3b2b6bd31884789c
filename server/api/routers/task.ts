import { z } from 'zod';
import { saveDraftInputSchema } from '../../model/task-draft';
import { createTaskInputSchema, saveSectionInputSchema } from '../../model/wizard-sections';
import { createTaskFromConfig } from '../../services/task-create';
import { saveTaskDraft } from '../../services/task-draft';
import { saveTaskSection } from '../../services/task-sections';
import { startTask } from '../../services/task-start';
import { deleteTask, getTask, listTasks } from '../../store/task-repository';
import { callerLabel, createTRPCRouter, procedure } from '../trpc';

const idInput = z.object({ id: z.string().min(1) });

export const taskRouter = createTRPCRouter({
  list: procedure.query(() => listTasks()),
  get: procedure.input(idInput).query(({ input }) => getTask(input.id)),
  /** Step 1 (name, source, destination); blank passwords may come from picked saved instances. */
  saveDraft: procedure.input(saveDraftInputSchema).mutation(({ input }) => saveTaskDraft(input)),
  /** A whole task in one call (Preview API Call's request), stored Not Started like a wizard draft. */
  create: procedure.input(createTaskInputSchema).mutation(({ input }) => createTaskFromConfig(input)),
  /** Saves one later wizard step (objects, advanced, instance), checked as the wizard checks it plus the source catalog. */
  saveSection: procedure.input(saveSectionInputSchema).mutation(({ input }) => saveTaskSection(input)),
  /** Buy and Start: the whole task validated with taskConfigSchema, then Precheck Passed → Migrating. */
  start: procedure.input(idInput).mutation(({ ctx, input }) => startTask(input.id, callerLabel(ctx))),
  delete: procedure.input(idInput).mutation(({ input }) => deleteTask(input.id)),
});
