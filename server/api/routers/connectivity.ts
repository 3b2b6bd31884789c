import { z } from 'zod';
import { checkBoth } from '../../services/connectivity';
import { loadTaskForConnectors } from '../../store/task-repository';
import { createTRPCRouter, procedure } from '../trpc';

export const connectivityRouter = createTRPCRouter({
  /** Test Connectivity for a saved draft, with its stored (encrypted) passwords. */
  test: procedure.input(z.object({ taskId: z.string().min(1) })).mutation(async ({ input }) => {
    const config = await loadTaskForConnectors(input.taskId);
    return checkBoth(config.source, config.destination);
  }),
});
