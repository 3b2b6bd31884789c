import { parseVerificationScn, type VerificationReport } from '../model/verification';
import { verifyTaskNow } from '../services/verify-task-now';
import { cliTaskId, readTaskFile } from './task-file';

/**
 * `ora2kafka verify task.json [--scn N] [--recent MINUTES [--sample N]] [--task-id ID] [--checkpoint-topic T] [--json]`:
 * a full verification of a task run with `ora2kafka run` (the same task id and checkpoint topic), for
 * scripts; with --recent, an incremental one (keys changed in the last minutes, verify-recent.ts).
 *   exit 0  every table verified        exit 1  differences (or the verification failed)
 *   exit 3  no difference found, but some table cannot be proven (e.g. retention deleted records)
 *
 *   HR_TO_KAFKA  cli-hr_to_kafka-3f9c21aa  verified at SCN 5013000 (1,204 records read): differences
 *     HR.EMPLOYEES   differences  500 source rows, 500 in Kafka: 499 equal, 0 missing, 0 extra, 1 different
 *       different 17: SALARY source "900" kafka "901"
 */
export const VERIFY_EXIT = { passed: 0, differences: 1, unprovable: 3 } as const;
const SHOWN = 10;

export async function verifyCommand(options: { file: string; taskId?: string; scn?: string; recentMinutes?: string; sample?: string; checkpointTopic?: string; json?: boolean; write?: (l: string) => void }): Promise<number> {
  const write = options.write ?? ((l: string) => process.stdout.write(`${l}\n`));
  const config = readTaskFile(options.file);
  const taskId = cliTaskId(config, options.taskId);
  const scn = parseVerificationScn(options.scn);
  const recent = options.recentMinutes === undefined ? undefined : { sinceMs: Date.now() - positive(options.recentMinutes, '--recent') * 60_000, ...(options.sample === undefined ? {} : { sample: positive(options.sample, '--sample') }) };
  const report = await verifyTaskNow({ taskId, config, ...(scn === undefined ? {} : { scn }), ...(recent ? { recent } : {}), ...(options.checkpointTopic ? { checkpointTopic: options.checkpointTopic } : {}) });
  if (options.json) write(JSON.stringify(report));
  else printReport(report, config.name, write);
  return VERIFY_EXIT[report.outcome];
}

function positive(text: string, flag: string): number {
  const n = Number(text);
  if (!Number.isInteger(n) || n < 1) throw new RangeError(`${flag} ${text}: give a whole number of at least 1 (${flag === '--recent' ? 'minutes' : 'keys per table'}).`);
  return n;
}

function printReport(r: VerificationReport, name: string, write: (l: string) => void): void {
  const n = (x: number) => x.toLocaleString('en-US');
  write(`${name}  ${r.taskId}  verified at SCN ${r.scn} (${n(r.recordsRead)} records read from ${r.topic}): ${r.outcome}`);
  for (const note of r.notes) write(`  note: ${note}`);
  for (const o of r.otherTables) write(`  note: ${n(o.records)} record(s) of ${o.table}, which the task does not select, were left out`);
  const width = Math.max(...r.tables.map((t) => t.table.length), 5);
  for (const t of r.tables) {
    write(`  ${t.table.padEnd(width)}  ${t.status.padEnd(11)}  ${n(t.sourceRows)} source rows, ${n(t.kafkaRows)} in Kafka: ${n(t.matched)} equal, ${n(t.missingCount)} missing, ${n(t.extraCount)} extra, ${n(t.differentCount)} different`);
    if (t.reason) write(`    ${t.reason}`);
    for (const d of t.missing.slice(0, SHOWN)) write(`    missing ${d.key}: in the source, not in Kafka`);
    for (const d of t.extra.slice(0, SHOWN)) write(`    extra ${d.key}: in Kafka, not in the source`);
    for (const d of t.different.slice(0, SHOWN)) write(`    different ${d.key}: ${d.columns.map((c) => `${c} source ${JSON.stringify(d.source?.[c] ?? null)} kafka ${JSON.stringify(d.kafka?.[c] ?? null)}`).join('; ')}`);
    const more = t.missingCount + t.extraCount + t.differentCount - Math.min(t.missing.length, SHOWN) - Math.min(t.extra.length, SHOWN) - Math.min(t.different.length, SHOWN);
    if (more > 0) write(`    … ${n(more)} more (--json lists up to 100 of each kind)`);
  }
}
