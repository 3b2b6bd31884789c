import { createCallerFactory, createTRPCRouter } from './trpc';
import { auditRouter } from './routers/audit';
import { authRouter } from './routers/auth';
import { sourceCatalogRouter } from './routers/source-catalog';
import { connectivityRouter } from './routers/connectivity';
import { instanceRouter } from './routers/instance';
import { kafkaTopicsRouter } from './routers/kafka-topics';
import { precheckRouter } from './routers/precheck';
import { systemRouter } from './routers/system';
import { taskMonitorRouter } from './routers/task-monitor';
import { taskRouter } from './routers/task';
import { tokenRouter } from './routers/token';
import { userRouter } from './routers/user';
import { workerRouter } from './routers/worker';
import { verificationRouter } from './routers/verification';
import { recordsRouter } from './routers/records';

export const appRouter = createTRPCRouter({
  auth: authRouter,
  task: taskRouter,
  connectivity: connectivityRouter,
  precheck: precheckRouter,
  taskMonitor: taskMonitorRouter,
  catalog: sourceCatalogRouter,
  kafkaTopics: kafkaTopicsRouter,
  instance: instanceRouter,
  system: systemRouter,
  user: userRouter,
  token: tokenRouter,
  audit: auditRouter,
  worker: workerRouter,
  verification: verificationRouter,
  records: recordsRouter,
});

export type AppRouter = typeof appRouter;
export const createCaller = createCallerFactory(appRouter);
