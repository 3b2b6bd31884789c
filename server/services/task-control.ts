import { EngineError, Ora2KafkaError } from '../model/errors';
import { TASK_STATUS_LABEL, type TaskStatus } from '../model/task-status';
import { appendTaskLog, getTaskStatus, moveTaskStatus } from '../store/task-repository';
import type { DroppedTransactionView, TaskDiagnostics } from '../model/task-diagnostics';

/**
 * Pause / Resume / Release from the task dashboard. A task the engine is running (Migrating,
 * Retrying, Paused) can only be changed by the engine, which registers its controls with
 * `setEngineControl` (like `setEngineLauncher` for Buy and Start). Without it these actions fail
 * with EngineNotRunningError — nothing pretends to have paused a task. A task nobody runs
 * (not started, failed, finished) is released by a status change alone. `by` names who asked
 * ("alice", "token nightly-ci"); the task log says so.
 */
export interface EngineControl {
  pause(taskId: string): Promise<void>;
  resume(taskId: string): Promise<void>;
  release(taskId: string): Promise<void>;
  /** The lag explainer's Drop (an open transaction older than the task's retention). */
  dropTransaction?(taskId: string, xid: string, by: string): Promise<DroppedTransactionView>;
  /** The running task's latest diagnostics (null: not running in this console). */
  diagnostics?(taskId: string): TaskDiagnostics | null;
  /** Restarts a migrating task's runner from its checkpoint with the stored configuration (a paused task just picks it up when resumed). */
  reload(taskId: string): Promise<void>;
}

const CONTROL = Symbol.for('ora2kafka.engine.control');

export function setEngineControl(control: EngineControl | null): void {
  (globalThis as { [CONTROL]?: EngineControl | null })[CONTROL] = control;
}

export function engineControl(): EngineControl | null {
  return (globalThis as { [CONTROL]?: EngineControl | null })[CONTROL] ?? null;
}

export class EngineNotRunningError extends EngineError {
  constructor(action: string) {
    super('ENGINE_NOT_RUNNING', `The migration engine is not running in this console yet, so the task cannot be ${action}.`, {
      hint: 'This console build does not run the migration engine, so a running task cannot be controlled from here. Nothing was changed.',
    });
  }
}

const ENGINE_OWNED: TaskStatus[] = ['Migrating', 'Retrying', 'Paused'];

/** After a change to a running task's stored configuration (Modify Objects, Re-read): the engine takes it up. */
export async function engineReload(taskId: string): Promise<void> {
  const control = engineControl();
  if (!control) throw new EngineNotRunningError('changed');
  await control.reload(taskId);
}

function refuse(name: string, status: TaskStatus, action: string, allowed: string): never {
  throw new Ora2KafkaError('CONFLICT', `Task "${name}" is ${TASK_STATUS_LABEL[status]} and cannot be ${action}.`, { hint: `Only a task that is ${allowed} can be ${action}.` });
}

export async function pauseTask(taskId: string, by: string): Promise<{ status: TaskStatus }> {
  const { name, status } = await getTaskStatus(taskId);
  if (status !== 'Migrating' && status !== 'Retrying') refuse(name, status, 'paused', 'Migrating or Retrying');
  const control = engineControl();
  if (!control) throw new EngineNotRunningError('paused');
  await appendTaskLog(taskId, 'INFO', `Pause requested by ${by}.`);
  await control.pause(taskId);
  return getTaskStatus(taskId);
}

export async function resumeTask(taskId: string, by: string): Promise<{ status: TaskStatus }> {
  const { name, status } = await getTaskStatus(taskId);
  if (status !== 'Paused' && status !== 'Failed') refuse(name, status, 'resumed', 'Paused or Failed');
  const control = engineControl();
  if (!control) throw new EngineNotRunningError('resumed');
  await appendTaskLog(taskId, 'INFO', `${status === 'Failed' ? 'Restart' : 'Resume'} requested by ${by}.`);
  await control.resume(taskId);
  return getTaskStatus(taskId);
}

export async function releaseTask(taskId: string, by: string): Promise<{ status: TaskStatus }> {
  const { name, status } = await getTaskStatus(taskId);
  if (status === 'Released') refuse(name, status, 'released', 'not released yet');
  if (ENGINE_OWNED.includes(status)) {
    const control = engineControl();
    if (!control) throw new EngineNotRunningError('released');
    await appendTaskLog(taskId, 'INFO', `Release requested by ${by}.`);
    await control.release(taskId);
  } else {
    await moveTaskStatus(taskId, status, 'Released');
    await appendTaskLog(taskId, 'INFO', `Task released by ${by} (it was ${TASK_STATUS_LABEL[status]}); it can never write to Kafka again.`);
  }
  return getTaskStatus(taskId);
}
