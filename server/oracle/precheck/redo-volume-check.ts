import { isOra2KafkaError } from '../../model/errors';
import type { ArchivedLogVolume, OracleGateway } from '../gateway';
import { passed, type CheckResult, type MigrationTypes } from './types';

/**
 * ORACLE_REDO_VOLUME: how much redo the source writes, against the limits DTS states for one
 * incremental task (on average under 50 GB an hour, at peak under 15 MB/s). Read from the archived
 * logs of the last 24 hours: the average is their bytes over the 24 hours, the peak the busiest
 * log's bytes over the time it was the current log. Above either, mining may fall behind the
 * database: a warning with the figures, e.g.
 *
 *   Redo of the last 24 h: 1,420.5 GB (59.2 GB/h on average); peak 31.0 MB/s (thread 2, sequence
 *   8812). DTS's limits for one task are 50 GB/h on average and 15 MB/s at peak.
 */
export const REDO_VOLUME_HOURS = 24;
const GB = 2 ** 30;
const MB = 2 ** 20;
export const REDO_LIMITS = { avgBytesPerHour: 50 * GB, peakBytesPerSec: 15 * MB };

/**
 * Reads the logs and checks them. A database that refuses the read (no SELECT on V_$ARCHIVED_LOG:
 * the privileges item names the grant) gets a warning here instead of failing the whole precheck;
 * a lost connection still propagates.
 */
export async function redoVolumeItem(gateway: OracleGateway, types: MigrationTypes): Promise<CheckResult> {
  if (!types.incremental) return checkRedoVolume([], types);
  try {
    return checkRedoVolume(await gateway.archivedLogVolume(REDO_VOLUME_HOURS), types);
  } catch (err) {
    if (!isOra2KafkaError(err) || err.retriable) throw err;
    return { code: 'ORACLE_REDO_VOLUME', status: 'warning', detail: `The archived logs could not be read to measure the redo volume: ${err.message}`, hint: err.hint ?? 'Grant SELECT ON SYS.V_$ARCHIVED_LOG to the account (see the privileges item), then Precheck Again.' };
  }
}

export function checkRedoVolume(logs: readonly ArchivedLogVolume[], types: MigrationTypes): CheckResult {
  const code = 'ORACLE_REDO_VOLUME';
  if (!types.incremental) return passed(code, 'Only incremental migration reads the redo.');
  if (logs.length === 0) return passed(code, `No redo log was archived in the last ${REDO_VOLUME_HOURS} hours: the source writes little redo.`);
  const total = logs.reduce((n, l) => n + l.bytes, 0);
  const avg = total / REDO_VOLUME_HOURS;
  // A log switched within a second (ALTER SYSTEM SWITCH LOGFILE) counts as written in one.
  const rate = (l: ArchivedLogVolume) => l.bytes / Math.max(1, (l.nextTimeMs - l.firstTimeMs) / 1000);
  const busiest = logs.reduce((a, b) => (rate(b) > rate(a) ? b : a));
  const num = (n: number) => n.toLocaleString('en-US', { minimumFractionDigits: 1, maximumFractionDigits: 1 });
  const figures = `Redo of the last ${REDO_VOLUME_HOURS} h: ${num(total / GB)} GB (${num(avg / GB)} GB/h on average); peak ${num(rate(busiest) / MB)} MB/s (thread ${busiest.thread}, sequence ${busiest.sequence}).`;
  if (avg <= REDO_LIMITS.avgBytesPerHour && rate(busiest) <= REDO_LIMITS.peakBytesPerSec) return passed(code, `${figures} Within DTS's limits for one task (50 GB/h on average, 15 MB/s at peak).`);
  return {
    code,
    status: 'warning',
    detail: `${figures} DTS's limits for one task are 50 GB/h on average and 15 MB/s at peak; above them, incremental migration may fall behind the source.`,
    hint: 'Split the objects over several tasks (each mines only its own tables, but every task reads the whole redo), choose a larger instance class, or watch the lag explainer after the start. Ignore this alert if the peak was a one-off batch.',
  };
}
