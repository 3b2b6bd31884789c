import { EngineError } from '../model/errors';
import { canTransition, TASK_STATUS_LABEL, type TaskStatus } from '../model/task-status';

/**
 * The one guard over VALID_TRANSITIONS (server/model/task-status.ts): every status change of a
 * running task goes through `moveTo`, which refuses moves the table does not list, so e.g. a
 * Released task can never be resumed and therefore never writes again.
 *
 *   const s = new TaskState('PrecheckPassed');
 *   s.moveTo('Migrating');           // ok
 *   s.moveTo('Retrying', 'ORA-03113: …');
 *   s.moveTo('Released'); s.moveTo('Migrating')  // throws TASK_INVALID_TRANSITION
 */
export class InvalidTransitionError extends EngineError {
  constructor(from: TaskStatus, to: TaskStatus) {
    super('TASK_INVALID_TRANSITION', `A task that is ${TASK_STATUS_LABEL[from]} cannot become ${TASK_STATUS_LABEL[to]}.`, {
      hint:
        from === 'Released'
          ? 'A released task is gone for good; create a new task to migrate again.'
          : from === 'Finished'
            ? 'The task has finished; create a new task to migrate again.'
            : 'Refresh the task to see its current status, then choose an action it allows.',
    });
  }
}

export interface StatusChange {
  from: TaskStatus;
  to: TaskStatus;
  reason?: string;
  at: number;
}

export class TaskState {
  private current: TaskStatus;
  private readonly listeners = new Set<(c: StatusChange) => void>();
  /** Why the task is in its current status (retry reason, failure message), if any. */
  reason: string | undefined;

  constructor(initial: TaskStatus, private readonly now: () => number = Date.now) {
    this.current = initial;
  }

  get status(): TaskStatus {
    return this.current;
  }

  can(to: TaskStatus): boolean {
    return to === this.current || canTransition(this.current, to);
  }

  /** Changes status; staying in the same status only updates the reason. */
  moveTo(to: TaskStatus, reason?: string): void {
    const from = this.current;
    if (to !== from && !canTransition(from, to)) throw new InvalidTransitionError(from, to);
    this.current = to;
    this.reason = reason;
    const change: StatusChange = { from, to, at: this.now(), ...(reason === undefined ? {} : { reason }) };
    for (const l of this.listeners) l(change);
  }

  onChange(listener: (c: StatusChange) => void): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  get released(): boolean {
    return this.current === 'Released';
  }
}
