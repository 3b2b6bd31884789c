import { setEngineLauncher } from '../services/task-start';
import { setEngineControl } from '../services/task-control';
import { getDb } from '../store/db';
import { runnerRegistry } from '../engine/runner-registry';
import { dropStoredTransaction, pauseStoredTask, releaseStoredTask, resumeStoredTask, startStoredTask } from './console-tasks';
import { liveTask } from './live-tasks';

/**
 * Runs the migration engine inside the console process: "Buy and Start" launches a TaskRunner,
 * the dashboard's Pause/Resume/Release reach it, and tasks that were Migrating or Retrying when the
 * console stopped resume from their Kafka checkpoint at start-up. Installed once per process from
 * instrumentation.ts; the task actions themselves live in console-tasks.ts.
 */
const INSTALLED = Symbol.for('ora2kafka.engine.console-host');

export function installConsoleEngine(): void {
  const g = globalThis as { [INSTALLED]?: boolean };
  if (g[INSTALLED]) return;
  g[INSTALLED] = true;
  setEngineLauncher(async (taskId) => {
    await startStoredTask(taskId);
  });
  setEngineControl({
    pause: pauseStoredTask,
    async resume(taskId) {
      // A paused runner resumes in place; a failed task, or one paused before a console restart,
      // gets a new runner that continues from the checkpoint committed in Kafka.
      if (runnerRegistry().get(taskId)?.status === 'Paused') resumeStoredTask(taskId);
      else await startStoredTask(taskId);
    },
    release: releaseStoredTask,
    async dropTransaction(taskId, xid, by) {
      const d = await dropStoredTransaction(taskId, xid, by);
      return { xid: d.xid, startScn: String(d.startScn), startTimeMs: d.startTimeMs, ageMs: d.ageMs, userName: d.userName, rows: d.rows, bytes: d.bytes, spilled: d.spilled, tables: d.tables, reason: d.reason, droppedAtMs: d.droppedAtMs };
    },
    diagnostics: (taskId) => liveTask(taskId)?.diagnostics ?? null,
    async reload(taskId) {
      // The runner stops after committing what it read; a new one continues from that checkpoint
      // with the stored configuration. A paused task stays paused and resumes with it.
      const runner = runnerRegistry().get(taskId);
      const paused = runner?.status === 'Paused';
      if (runner) await runnerRegistry().stop(taskId);
      if (!paused) await startStoredTask(taskId);
    },
  });
}

/** Whether this process runs the engine host (the readiness check). */
export function engineHostInstalled(): boolean {
  return (globalThis as { [INSTALLED]?: boolean })[INSTALLED] === true;
}

/** Tasks the engine owned when the console last stopped go on from their checkpoints. */
export async function resumeInterruptedTasks(log: (message: string) => void = console.log): Promise<string[]> {
  const db = await getDb();
  const rows = await db.task.findMany({ where: { status: { in: ['Migrating', 'Retrying'] } }, select: { id: true, name: true } });
  const resumed: string[] = [];
  for (const r of rows) {
    if (runnerRegistry().get(r.id)) continue;
    try {
      await startStoredTask(r.id);
      resumed.push(r.id);
      log(`engine: resumed task ${r.id} ("${r.name}") from its checkpoint`);
    } catch (e) {
      log(`engine: could not resume task ${r.id} ("${r.name}"): ${e instanceof Error ? e.message : String(e)}`);
    }
  }
  return resumed;
}
