import { createCallerFactory, createTRPCRouter } from './trpc';
import { catalogRouter } from './routers/catalog';
import { connectivityRouter } from './routers/connectivity';
import { precheckRouter } from './routers/precheck';
import { systemRouter } from './routers/system';
import { taskMonitorRouter } from './routers/task-monitor';
import { taskRouter } from './routers/task';

export const appRouter = createTRPCRouter({
  task: taskRouter,
  connectivity: connectivityRouter,
  precheck: precheckRouter,
  taskMonitor: taskMonitorRouter,
  catalog: catalogRouter,
  system: systemRouter,
});

export type AppRouter = typeof appRouter;
export const createCaller = createCallerFactory(appRouter);
