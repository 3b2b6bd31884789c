import { Ora2KafkaError } from '../model/errors';
import type { DroppedTransactionView, TaskDiagnostics } from '../model/task-diagnostics';
import { appendTaskLog, getTaskStatus } from '../store/task-repository';
import { EngineNotRunningError, engineControl } from './task-control';

/**
 * The dashboard's lag explainer: why a task is behind, from its latest diagnostics (open
 * transactions, mining window and its logs, redo rate, throttle, Kafka back-pressure, retries),
 * and the operator's Drop of an open transaction older than the task's retention — logged on the
 * task with its XID and size, and in the audit log (auditNote).
 */
export interface LagExplanation {
  status: string;
  /** null: the task does not run in this console now (nothing live to explain). */
  diagnostics: TaskDiagnostics | null;
}

export async function explainLag(taskId: string): Promise<LagExplanation> {
  const { status } = await getTaskStatus(taskId);
  return { status, diagnostics: engineControl()?.diagnostics?.(taskId) ?? null };
}

export async function dropOpenTransaction(taskId: string, xid: string, by: string): Promise<DroppedTransactionView & { auditNote: string }> {
  const { name, status } = await getTaskStatus(taskId);
  if (status !== 'Migrating' && status !== 'Retrying' && status !== 'Paused') {
    throw new Ora2KafkaError('CONFLICT', `Task "${name}" is ${status}; only a running task holds open transactions.`, { hint: 'Start or resume the task first.' });
  }
  const control = engineControl();
  if (!control?.dropTransaction) throw new EngineNotRunningError('changed');
  await appendTaskLog(taskId, 'INFO', `Drop of transaction ${xid} requested by ${by}.`);
  const d = await control.dropTransaction(taskId, xid, by);
  return { ...d, auditNote: `dropped XID ${d.xid}: ${d.rows} rows, ${d.bytes} bytes, open since SCN ${d.startScn}` };
}
