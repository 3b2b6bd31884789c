import { existsSync, readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { createKafka } from '../kafka/client';
import { dataDir } from '../store/data-dir';
import { DEFAULT_CHECKPOINT_TOPIC, readCheckpoint } from '../kafka/checkpoint-topic';
import type { TaskCheckpoint } from '../model/pending-record';
import type { StatusFile } from './console-reporter';
import { statusFileOf } from './run-command';
import { cliTaskId, readTaskFile } from './task-file';

/**
 * `ora2kafka status [task.json]`: with a task file, the task's last checkpoint committed in Kafka
 * (what a restart resumes from) and the state the local `run` process last reported; without one,
 * every task this machine has run.
 *   HR migration  cli-hr_to_kafka-3f9c21aa  Migrating (pid 4242, running)
 *     incremental  Running  1,204,311 events, delay 0.4 s
 *     checkpoint   incremental; 2,204,311 records; mining from SCN 5012001, last commit SCN 5013000
 */
export async function statusCommand(options: { file?: string; taskId?: string; checkpointTopic?: string; json?: boolean; write?: (l: string) => void }): Promise<number> {
  const write = options.write ?? ((l: string) => process.stdout.write(`${l}\n`));
  if (!options.file) {
    const dir = path.join(dataDir(), 'cli');
    const files = existsSync(dir) ? readdirSync(dir).filter((f) => f.endsWith('.json')) : [];
    if (files.length === 0) write('No tasks have been run from this machine.');
    for (const f of files) printLocal(JSON.parse(readFileSync(path.join(dir, f), 'utf8')) as StatusFile, write, options.json);
    return 0;
  }
  const config = readTaskFile(options.file);
  const taskId = cliTaskId(config, options.taskId);
  const local = existsSync(statusFileOf(taskId)) ? (JSON.parse(readFileSync(statusFileOf(taskId), 'utf8')) as StatusFile) : null;
  const kafka = createKafka(config.destination, { clientId: 'ora2kafka-status' });
  const admin = kafka.admin();
  await admin.connect();
  let checkpoint: TaskCheckpoint | null = null;
  try {
    const topic = options.checkpointTopic ?? DEFAULT_CHECKPOINT_TOPIC;
    if ((await admin.listTopics()).includes(topic)) checkpoint = await readCheckpoint(kafka, admin, topic, taskId);
  } finally {
    await admin.disconnect();
  }
  if (options.json) {
    write(JSON.stringify({ taskId, local, checkpoint }));
    return 0;
  }
  if (local) printLocal(local, write, false);
  else write(`${config.name}  ${taskId}  (not run from this machine)`);
  if (!checkpoint) write('  checkpoint   none in Kafka yet: the task has not committed anything.');
  else {
    const inc = checkpoint.incremental;
    const where = inc ? `; mining from SCN ${inc.restartScn}, last commit SCN ${inc.lastCommitScn ?? '-'}` : checkpoint.full ? `; snapshot SCN ${checkpoint.full.snapshotScn}` : '';
    write(`  checkpoint   ${checkpoint.phase}; finished: ${checkpoint.finished.join(', ') || 'none'}; ${(checkpoint.nextRecordId - 1).toLocaleString('en-US')} records${where}; written ${new Date(checkpoint.writtenAtMs).toISOString()}`);
  }
  return 0;
}

function printLocal(s: StatusFile, write: (l: string) => void, json?: boolean): void {
  if (json) {
    write(JSON.stringify(s));
    return;
  }
  let alive = false;
  try {
    process.kill(s.pid, 0);
    alive = true;
  } catch {
    /* not running */
  }
  write(`${s.taskId}  ${s.status}${s.reason ? ` (${s.reason})` : ''}  pid ${s.pid} ${alive ? 'running' : 'not running'}, updated ${s.updatedAt}`);
  for (const p of Object.values(s.phases)) {
    if (!p) continue;
    const what = p.phase === 'incremental' ? `${p.rowsDone.toLocaleString('en-US')} events` : p.phase === 'schema' ? `${p.objectsDone}/${p.objectsTotal} objects` : `${p.rowsDone.toLocaleString('en-US')}/${p.rowsTotal.toLocaleString('en-US')} rows`;
    write(`  ${p.phase.padEnd(12)} ${p.status} ${p.percent.toFixed(1)}% ${what}${p.errorMessage ? ` — ${p.errorMessage}` : ''}`);
    for (const w of p.warnings) write(`    warning: ${w}`);
  }
}
