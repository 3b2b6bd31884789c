import { formatDateTime } from '@/components/ui/format';
import type { TaskDiagnostics } from '@/server/model/task-diagnostics';
import { formatCount, formatDuration, formatLatency } from './metric-format';

/** What holds the task back, in the order an operator should look (the first ones are the usual causes). */
export function lagReasons(d: TaskDiagnostics, retentionMinutes: number): string[] {
  const out: string[] = [];
  const oldest = d.openTransactions[0];
  if (oldest && oldest.ageMs >= 60_000) {
    out.push(`Transaction ${oldest.xid} has been open for ${formatDuration(oldest.ageMs / 1000)}: the restart position cannot pass its first change (SCN ${oldest.startScn})${oldest.ageMs >= retentionMinutes * 60_000 ? '; it is older than the transaction retention and can be dropped' : ''}.`);
  }
  if (d.throttle.capping === 'throttle') out.push(`The incremental throttle caps writing (${formatCount(d.throttle.rps)} records/s); it waited ${formatCount(d.throttle.waits)} times.`);
  if (d.throttle.capping === 'instance-class') out.push(`The instance class caps writing (${formatCount(d.throttle.rps)} records/s); a larger class raises the limit.`);
  if (d.backPressure.waits > 0) out.push(`Kafka back-pressure: ${formatCount(d.backPressure.waits)} appends waited ${formatLatency(d.backPressure.waitedMs)} for acknowledgements.`);
  if (d.retries.total > 0) out.push(`${formatCount(d.retries.total)} retries since the start; the last: ${d.retries.last.at(-1)?.reason ?? '—'}.`);
  if (d.logRetention && d.logRetention.purgeAtMs - d.atMs < 6 * 3600_000) {
    out.push(`Archived log ${d.logRetention.sequence} (${d.logRetention.name}), still needed for a restart, is purged at ${formatDateTime(d.logRetention.purgeAtMs)}.`);
  }
  return out;
}
