import type { OracleGateway } from '../../oracle/gateway';
import type { TaskDiagnostics } from '../../model/task-diagnostics';
import type { Scn } from '../../model/scn';

/**
 * When will the database purge an archived log a restart from the checkpoint still needs?
 * The site's retention (DatabaseFlags.archiveRetentionHours) counts from the log's completion
 * (V$ARCHIVED_LOG.NEXT_TIME), so the oldest needed archived log goes first:
 *   retention 24 h, restart SCN 5012001 in thread 1 sequence 42 completed 2026-12-06 09:00
 *     → { sequence: 42, purgeAtMs: 2026-12-07 09:00 }
 * null when the database keeps logs for ever (no retention known) or only online logs are needed.
 * Online logs are not purged by retention; they are archived first. The times returned are in this
 * machine's clock: `databaseClockOffsetMs` (database − here) takes them out of the database's.
 */
export async function neededLogRetention(gateway: OracleGateway, restartScn: Scn, nowMs: number, databaseClockOffsetMs = 0): Promise<TaskDiagnostics['logRetention']> {
  const hours = (await gateway.databaseFlags()).archiveRetentionHours;
  if (hours === null) return null;
  let oldest: { name: string; thread: number; sequence: number; completedAtMs: number } | null = null;
  for (const f of await gateway.logFilesFor(restartScn, null)) {
    if (f.kind !== 'ARCHIVED' || f.nextTimeMs === null || f.nextTimeMs === undefined) continue;
    const completedAtMs = f.nextTimeMs - databaseClockOffsetMs;
    if (!oldest || completedAtMs < oldest.completedAtMs) oldest = { name: f.name, thread: f.thread, sequence: f.sequence, completedAtMs };
  }
  if (!oldest) return null;
  return { retentionHours: hours, ...oldest, purgeAtMs: oldest.completedAtMs + hours * 3_600_000, checkedAtMs: nowMs };
}
