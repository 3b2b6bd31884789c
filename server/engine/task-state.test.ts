import { describe, expect, it } from 'vitest';
import { VALID_TRANSITIONS, TASK_STATUSES } from '../model/task-status';
import { InvalidTransitionError, TaskState, type StatusChange } from './task-state';

describe('TaskState', () => {
  it('allows exactly the moves in VALID_TRANSITIONS', () => {
    for (const from of TASK_STATUSES) {
      for (const to of TASK_STATUSES) {
        const s = new TaskState(from);
        const allowed = from === to || VALID_TRANSITIONS[from].includes(to);
        if (allowed) expect(() => s.moveTo(to)).not.toThrow();
        else expect(() => s.moveTo(to)).toThrow(InvalidTransitionError);
      }
    }
  });

  it('walks the normal life of a task and reports every change with its reason', () => {
    const s = new TaskState('NotStarted', () => 42);
    const seen: StatusChange[] = [];
    s.onChange((c) => seen.push(c));
    for (const to of ['Prechecking', 'PrecheckPassed', 'Migrating', 'Retrying', 'Migrating', 'Paused', 'Migrating', 'Finished'] as const) {
      s.moveTo(to, to === 'Retrying' ? 'ORA-03113' : undefined);
    }
    expect(seen.map((c) => c.to)).toEqual(['Prechecking', 'PrecheckPassed', 'Migrating', 'Retrying', 'Migrating', 'Paused', 'Migrating', 'Finished']);
    expect(seen[3]).toEqual({ from: 'Migrating', to: 'Retrying', reason: 'ORA-03113', at: 42 });
  });

  it('a released task can never run again', () => {
    const s = new TaskState('Migrating');
    s.moveTo('Released');
    expect(s.released).toBe(true);
    expect(() => s.moveTo('Migrating')).toThrow(/cannot become Migrating/);
    try {
      s.moveTo('Migrating');
    } catch (e) {
      expect((e as InvalidTransitionError).hint).toMatch(/create a new task/);
    }
  });
});
