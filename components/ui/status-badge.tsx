import { TASK_STATUS_LABEL, type TaskStatus } from '@/server/model/task-status';

const TONE: Record<TaskStatus, string> = {
  NotStarted: '',
  Prechecking: 'run',
  PrecheckFailed: 'err',
  PrecheckPassed: 'ok',
  Migrating: 'run',
  Retrying: 'warn',
  Paused: 'warn',
  Failed: 'err',
  Finished: 'ok',
  Released: '',
};

export function StatusBadge({ status }: { status: TaskStatus }) {
  return <span className={`status ${TONE[status]}`} data-status={status}>{TASK_STATUS_LABEL[status]}</span>;
}
