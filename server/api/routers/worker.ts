import { listClusters } from '../../services/workers';
import { createTRPCRouter, procedure } from '../trpc';

/** The Workers page: clusters, their workers and the tasks each runs. */
export const workerRouter = createTRPCRouter({
  list: procedure.query(() => listClusters()),
});
