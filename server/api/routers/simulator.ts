import { z } from 'zod';
import { endDemoTransaction, holdDemoTransaction } from '../../services/demo-simulator';
import { createTRPCRouter, procedure } from '../trpc';

/** Demo mode only: hold a transaction open on the built-in simulator, and end it. */
export const simulatorRouter = createTRPCRouter({
  holdTransaction: procedure.input(z.object({ rows: z.number().int().min(1).max(1000).default(3) })).mutation(({ input }) => holdDemoTransaction(input.rows)),
  endTransaction: procedure.input(z.object({ xid: z.string().min(1), action: z.enum(['commit', 'rollback']) })).mutation(({ input }) => endDemoTransaction(input.xid, input.action)),
});
