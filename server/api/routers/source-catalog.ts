import { z } from 'zod';
import { describeCatalogTables, listCatalogSchemas, listCatalogTables, SAMPLE_ROWS_MAX, sampleCatalogRows } from '../../services/source-catalog';
import { ETL_SCRIPT_MAX_LENGTH } from '../../model/task-advanced';
import { ETL_PREVIEW_MAX_ROWS, previewEtl } from '../../services/etl-preview';
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
  /** The first rows of a table as of an SCN (default: now), as text. */
  sampleRows: procedure
    .input(
      z.object({
        taskId,
        owner: oracleName,
        table: oracleName,
        limit: z.number().int().min(1).max(SAMPLE_ROWS_MAX, `Sample rows: ask for at most ${SAMPLE_ROWS_MAX} rows.`).default(20),
        scn: z.string().regex(/^\d{1,20}$/, 'Sample rows: the SCN is a whole decimal number, e.g. 2000515.').optional(),
      }),
    )
    .query(({ input }) => sampleCatalogRows(input.taskId, { owner: input.owner, table: input.table, limit: input.limit, scn: input.scn === undefined ? undefined : BigInt(input.scn) })),
  /** Configure ETL › Try it: a script (unsaved) on a table's first rows, before and after. */
  previewEtl: procedure
    .input(
      z.object({
        taskId,
        owner: oracleName,
        table: oracleName,
        limit: z.number().int().min(1).max(ETL_PREVIEW_MAX_ROWS, `Try it: ask for at most ${ETL_PREVIEW_MAX_ROWS} rows.`).default(5),
        script: z.string().min(1, 'Try it: write an ETL script first.').max(ETL_SCRIPT_MAX_LENGTH),
      }),
    )
    .mutation(({ input }) => previewEtl(input.taskId, { owner: input.owner, table: input.table, limit: input.limit, script: input.script })),
});
