import { recordBrowseSchema } from '../../model/record-browse';
import { browseTaskRecords } from '../../services/topic-browser';
import { createTRPCRouter, procedure } from '../trpc';

/** The topic browser: a task's records as its consumers read them. Viewers may browse. */
export const recordsRouter = createTRPCRouter({
  browse: procedure.input(recordBrowseSchema).query(({ input }) => browseTaskRecords(input)),
});
