import { z } from 'zod';
import { describeCatalogTables, listCatalogSchemas, listCatalogTables } from '../../services/source-catalog';
import { createTRPCRouter, procedure } from '../trpc';

const taskId = z.string().min(1);
const oracleName = z.string().trim().min(1).max(128);

/** The source catalog over a saved draft's connection, for the Configure Objects step. */
export const sourceCatalogRouter = createTRPCRouter({
  schemas: procedure.input(z.object({ taskId })).query(({ input }) => listCatalogSchemas(input.taskId)),
  tables: procedure.input(z.object({ taskId, owner: oracleName })).query(({ input }) => listCatalogTables(input.taskId, input.owner)),
  /** Columns of a few tables (the filter and column editors). */
  describe: procedure
    .input(z.object({ taskId, tables: z.array(z.object({ owner: oracleName, name: oracleName })).min(1).max(50, 'Describe at most 50 tables at a time.') }))
    .query(({ input }) => describeCatalogTables(input.taskId, input.tables)),
});
