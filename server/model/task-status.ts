/**
 * Task lifecycle as DTS names it, with the moves allowed between states (a table, read by one guard).
 */
export const TASK_STATUSES = [
  'NotStarted',
  'Prechecking',
  'PrecheckFailed',
  'PrecheckPassed',
  'Migrating',
  'Retrying',
  'Paused',
  'Failed',
  'Finished',
  'Released',
] as const;

export type TaskStatus = (typeof TASK_STATUSES)[number];

export const VALID_TRANSITIONS: Record<TaskStatus, readonly TaskStatus[]> = {
  NotStarted: ['Prechecking', 'Released'],
  Prechecking: ['PrecheckFailed', 'PrecheckPassed', 'NotStarted', 'Released'],
  PrecheckFailed: ['Prechecking', 'NotStarted', 'Released'],
  PrecheckPassed: ['Prechecking', 'Migrating', 'NotStarted', 'Released'],
  Migrating: ['Retrying', 'Paused', 'Failed', 'Finished', 'Released'],
  Retrying: ['Migrating', 'Paused', 'Failed', 'Released'],
  Paused: ['Migrating', 'Failed', 'Released'],
  Failed: ['Migrating', 'Released'],
  Finished: ['Released'],
  Released: [],
};

/** Statuses whose settings can still be edited (the wizard's /tasks/new?edit=<id>): before the task ever starts. */
export const EDITABLE_STATUSES: readonly TaskStatus[] = ['NotStarted', 'PrecheckFailed', 'PrecheckPassed'];

export function isEditable(status: TaskStatus): boolean {
  return EDITABLE_STATUSES.includes(status);
}

export function canTransition(from: TaskStatus, to: TaskStatus): boolean {
  return VALID_TRANSITIONS[from].includes(to);
}

/** Human label for the task list (DTS console wording). */
export const TASK_STATUS_LABEL: Record<TaskStatus, string> = {
  NotStarted: 'Not Started',
  Prechecking: 'Prechecking',
  PrecheckFailed: 'Precheck Failed',
  PrecheckPassed: 'Precheck Passed',
  Migrating: 'Migrating',
  Retrying: 'Retrying',
  Paused: 'Paused',
  Failed: 'Failed',
  Finished: 'Completed',
  Released: 'Released',
};
