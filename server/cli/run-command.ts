import path from 'node:path';
import { taskWarnings } from '../model/task-config';
import { dataDir } from '../store/data-dir';
import { TaskRunner } from '../engine/task-runner';
import { openKafkaTarget } from '../kafka/open-target';
import { ConsoleReporter } from './console-reporter';
import { cliTaskId, readTaskFile } from './task-file';

/**
 * `ora2kafka run task.json`: runs the migration in this process until it finishes (schema/full
 * only), fails, or is stopped with Ctrl-C / SIGTERM (it then commits what it has read and exits;
 * running the same file again resumes from the checkpoint in Kafka).
 *   --task-id ID             resume a specific task (default: derived from the file)
 *   --exit-when-caught-up    stop once incremental migration has caught up with the source
 *   --json                   one JSON object per output line
 */
export interface RunOptions {
  file: string;
  taskId?: string;
  json?: boolean;
  exitWhenCaughtUp?: boolean;
  checkpointTopic?: string;
  write?: (line: string) => void;
}

export async function runCommand(options: RunOptions): Promise<number> {
  const config = readTaskFile(options.file);
  const taskId = cliTaskId(config, options.taskId);
  const reporter = new ConsoleReporter({ taskId, json: options.json ?? false, statusFile: statusFileOf(taskId), write: options.write });
  reporter.log('info', `Task ${taskId} ("${config.name}"): ${config.source.host}/${config.source.database} → ${config.destination.brokers.join(',')} topic ${config.destination.topic}`, Date.now());
  for (const w of taskWarnings(config)) reporter.log('warn', w, Date.now());
  const runner = new TaskRunner({
    taskId,
    config,
    reporter,
    openTarget: openKafkaTarget(config, taskId, options.checkpointTopic),
    tuning: { spillDir: path.join(dataDir(), 'spill') },
  });
  const stop = () => void runner.stop();
  process.once('SIGINT', stop);
  process.once('SIGTERM', stop);
  let watch: NodeJS.Timeout | null = null;
  if (options.exitWhenCaughtUp) {
    watch = setInterval(() => {
      const inc = runner.progress.incremental;
      if (runner.currentPhase === 'incremental' && inc.percent === 100 && inc.status === 'Running' && runner.lastCheckpoint?.phase === 'incremental') void runner.stop();
    }, 500);
  }
  runner.start();
  await runner.done;
  if (watch) clearInterval(watch);
  process.off('SIGINT', stop);
  process.off('SIGTERM', stop);
  return runner.status === 'Failed' ? 1 : 0;
}

export function statusFileOf(taskId: string): string {
  return path.join(dataDir(), 'cli', `${taskId}.json`);
}
