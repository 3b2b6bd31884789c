import { createCallerFactory, createTRPCRouter } from './trpc';
import { connectivityRouter } from './routers/connectivity';
import { systemRouter } from './routers/system';
import { taskRouter } from './routers/task';

export const appRouter = createTRPCRouter({
  task: taskRouter,
  connectivity: connectivityRouter,
  system: systemRouter,
});

export type AppRouter = typeof appRouter;
export const createCaller = createCallerFactory(appRouter);
