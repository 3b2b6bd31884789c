import type { AuditFilter, AuditOutcome } from '../model/access';
import { getDb } from '../store/db';

/**
 * The audit log: one row per API mutation and sign-in attempt, written by the API's audit
 * middleware. Inputs are never stored (they may hold passwords); `detail` is the error code and
 * message when the call did not succeed.
 */
export interface AuditRecord {
  actorKind: 'user' | 'token' | 'anonymous';
  actorName: string;
  role: string | null;
  procedure: string;
  taskId: string | null;
  clientAddress: string | null;
  outcome: AuditOutcome;
  detail: string | null;
}

export interface AuditView extends AuditRecord {
  id: number;
  time: Date;
}

export async function recordAudit(entry: AuditRecord, time = new Date()): Promise<void> {
  const db = await getDb();
  await db.auditEntry.create({ data: { ...entry, time, detail: entry.detail?.slice(0, 500) ?? null } });
}

/** Newest first, filtered; `cursor` is the last id of the previous page. */
export async function listAudit(filter: Omit<AuditFilter, 'limit'> & { limit: number }): Promise<{ entries: AuditView[]; nextCursor: number | null }> {
  const db = await getDb();
  const rows = await db.auditEntry.findMany({
    where: {
      ...(filter.actor ? { actorName: filter.actor } : {}),
      ...(filter.taskId ? { taskId: filter.taskId } : {}),
      ...(filter.procedure ? { procedure: filter.procedure } : {}),
      ...(filter.outcome ? { outcome: filter.outcome } : {}),
      ...(filter.from || filter.to ? { time: { ...(filter.from ? { gte: filter.from } : {}), ...(filter.to ? { lte: filter.to } : {}) } } : {}),
      ...(filter.cursor ? { id: { lt: filter.cursor } } : {}),
    },
    orderBy: { id: 'desc' },
    take: filter.limit + 1,
  });
  const more = rows.length > filter.limit;
  const entries = (more ? rows.slice(0, filter.limit) : rows).map((r) => ({ ...r, actorKind: r.actorKind as AuditRecord['actorKind'], outcome: r.outcome as AuditOutcome }));
  return { entries, nextCursor: more ? entries[entries.length - 1]!.id : null };
}
