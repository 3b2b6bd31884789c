import path from 'node:path';
import { taskConfigSchema } from '../model/task-config';
import type { TaskStatus } from '../model/task-status';
import { setEngineLauncher } from '../services/task-start';
import { setEngineControl } from '../services/task-control';
import { dataDir } from '../store/data-dir';
import { getDb } from '../store/db';
import { loadTaskForConnectors } from '../store/task-repository';
import { PrismaCheckpointStore } from './checkpoint/prisma-checkpoint-store';
import { PrismaReporter } from './reporting/prisma-reporter';
import { runnerRegistry } from './runner-registry';

/**
 * Runs the migration engine inside the console process: "Buy and Start" launches a TaskRunner,
 * the dashboard's Pause/Resume/Release reach it, progress/metrics/logs go to the metadata DB, and
 * tasks that were Migrating or Retrying when the console stopped are resumed from their Kafka
 * checkpoint at start-up. Installed once per process from instrumentation.ts.
 */
const INSTALLED = Symbol.for('ora2kafka.engine.console-host');

async function launch(taskId: string, initialStatus: TaskStatus): Promise<void> {
  const stored = await loadTaskForConnectors(taskId);
  const config = taskConfigSchema.parse(stored);
  runnerRegistry().start({
    taskId,
    config,
    initialStatus,
    reporter: new PrismaReporter(getDb, taskId),
    checkpointCopy: new PrismaCheckpointStore(getDb),
    tuning: { spillDir: path.join(dataDir(), 'spill', taskId) },
  });
}

export function installConsoleEngine(): void {
  const g = globalThis as { [INSTALLED]?: boolean };
  if (g[INSTALLED]) return;
  g[INSTALLED] = true;
  setEngineLauncher((taskId) => launch(taskId, 'Migrating'));
  setEngineControl({
    pause: (taskId) => runnerRegistry().pause(taskId),
    async resume(taskId) {
      // A paused runner resumes in place; a failed (or no longer loaded) task starts a new runner
      // that continues from the checkpoint committed in Kafka.
      const runner = runnerRegistry().get(taskId);
      if (runner && runner.status === 'Paused') runnerRegistry().resume(taskId);
      else await launch(taskId, runner?.status ?? 'Failed');
    },
    release: (taskId) => runnerRegistry().release(taskId),
  });
}

/** Tasks the engine owned when the console last stopped go on from their checkpoints. */
export async function resumeInterruptedTasks(log: (message: string) => void = console.log): Promise<string[]> {
  const db = await getDb();
  const rows = await db.task.findMany({ where: { status: { in: ['Migrating', 'Retrying'] } }, select: { id: true, name: true, status: true } });
  const resumed: string[] = [];
  for (const r of rows) {
    if (runnerRegistry().get(r.id)) continue;
    try {
      await launch(r.id, r.status as TaskStatus);
      resumed.push(r.id);
      log(`engine: resumed task ${r.id} ("${r.name}") from its checkpoint`);
    } catch (e) {
      log(`engine: could not resume task ${r.id} ("${r.name}"): ${e instanceof Error ? e.message : String(e)}`);
    }
  }
  return resumed;
}
