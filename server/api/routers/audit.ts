import { auditFilterSchema } from '../../model/access';
import { listAudit } from '../../auth/audit-log';
import { createTRPCRouter, procedure } from '../trpc';

/** The audit page: who changed what, when, from where, and how it ended. */
export const auditRouter = createTRPCRouter({
  list: procedure.input(auditFilterSchema).query(({ input }) => listAudit(input)),
});
