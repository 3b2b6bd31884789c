import path from 'node:path';
import { ValidationError } from '../model/errors';
import { formatConfigIssues, taskConfigSchema, type TaskConfig } from '../model/task-config';
import { TASK_STATUSES, type TaskStatus } from '../model/task-status';
import { canTransition } from '../model/task-status';
import { runnerRegistry } from '../engine/runner-registry';
import type { TaskRunner } from '../engine/task-runner';
import { InvalidTransitionError } from '../engine/task-state';
import { openKafkaTarget } from '../kafka/open-target';
import { fenceTask } from '../kafka/tx-sink';
import { getDb } from '../store/db';
import { dataDir } from '../store/data-dir';
import { loadTaskForConnectors } from '../store/task-repository';
import { PrismaCheckpointStore } from './prisma-checkpoint-store';
import { PrismaReporter } from './prisma-reporter';

/**
 * The console's task actions on the engine (for the API routers): a stored task runs in this
 * process with its status, phases, metric samples and logs written to the metadata DB.
 *
 *   await startStoredTask(id);   // Start (from Precheck Passed) or Resume (from Paused/Failed)
 *   await pauseStoredTask(id);  resumeStoredTask(id);  await releaseStoredTask(id);
 */
export async function storedTaskConfig(taskId: string): Promise<{ config: TaskConfig; status: TaskStatus }> {
  const db = await getDb();
  const row = await db.task.findUniqueOrThrow({ where: { id: taskId } });
  const stored = await loadTaskForConnectors(taskId);
  const parsed = taskConfigSchema.safeParse({ ...stored, instanceClass: row.instanceClass });
  if (!parsed.success) {
    throw new ValidationError('config', `Task "${row.name}" is not complete: ${formatConfigIssues(parsed.error).join('; ')}`, 'Finish the wizard steps (objects, advanced settings) before starting the task.');
  }
  const status = (TASK_STATUSES as readonly string[]).includes(row.status) ? (row.status as TaskStatus) : 'NotStarted';
  return { config: parsed.data, status };
}

export async function startStoredTask(taskId: string): Promise<TaskRunner> {
  const { config, status } = await storedTaskConfig(taskId);
  if (status !== 'Migrating' && status !== 'Retrying' && !canTransition(status, 'Migrating')) throw new InvalidTransitionError(status, 'Migrating');
  return runnerRegistry().start({
    taskId,
    config,
    initialStatus: status,
    openTarget: openKafkaTarget(config, taskId),
    reporter: new PrismaReporter(getDb, taskId),
    checkpointCopy: new PrismaCheckpointStore(getDb),
    // One spill folder per task: two tasks on one source must not share transaction files.
    tuning: { spillDir: path.join(dataDir(), 'spill', taskId) },
  });
}

export function pauseStoredTask(taskId: string): Promise<void> {
  return runnerRegistry().pause(taskId);
}

export function resumeStoredTask(taskId: string): void {
  runnerRegistry().resume(taskId);
}

/** Releases the task for good: stops it if it runs here, fences its Kafka transactional id, forgets its checkpoints. */
export async function releaseStoredTask(taskId: string): Promise<void> {
  const { config, status } = await storedTaskConfig(taskId).catch(async () => ({ config: null, status: 'NotStarted' as TaskStatus }));
  const running = runnerRegistry().get(taskId);
  if (running) await runnerRegistry().release(taskId);
  if (config) await fenceTask(config.destination, taskId).catch(() => undefined);
  const db = await getDb();
  await db.checkpoint.deleteMany({ where: { taskId } });
  if (!running && status !== 'Released') {
    await db.task.update({ where: { id: taskId }, data: { status: 'Released', releasedAt: new Date() } });
    await db.taskPhase.updateMany({ where: { taskId, status: { notIn: ['Finished'] } }, data: { status: 'Stopped', etaSeconds: null } });
  }
}
