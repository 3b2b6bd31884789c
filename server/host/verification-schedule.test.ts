import { describe, expect, it, vi } from 'vitest';
import { scheduledRound, startVerificationSchedule, verificationSchedule } from './verification-schedule';

describe('verification schedule', () => {
  it('reads the intervals from ORA2KAFKA_VERIFY_EVERY_MINUTES and ORA2KAFKA_VERIFY_FULL_EVERY_HOURS, off when unset, with a clear error otherwise', () => {
    expect(verificationSchedule({})).toEqual({ recentMinutes: null, fullHours: null });
    expect(verificationSchedule({ ORA2KAFKA_VERIFY_EVERY_MINUTES: '15', ORA2KAFKA_VERIFY_FULL_EVERY_HOURS: '24' })).toEqual({ recentMinutes: 15, fullHours: 24 });
    expect(() => verificationSchedule({ ORA2KAFKA_VERIFY_EVERY_MINUTES: '0' })).toThrow(/whole minutes between 1 and 1440/);
    expect(() => verificationSchedule({ ORA2KAFKA_VERIFY_EVERY_MINUTES: 'hourly' })).toThrow(/ORA2KAFKA_VERIFY_EVERY_MINUTES=hourly/);
    expect(() => verificationSchedule({ ORA2KAFKA_VERIFY_FULL_EVERY_HOURS: '1.5' })).toThrow(/ORA2KAFKA_VERIFY_FULL_EVERY_HOURS=1.5: give whole hours between 1 and 720/);
  });

  it('starts a run for each running task, logging the ones it cannot start', async () => {
    const log = vi.fn();
    const start = vi.fn(async (taskId: string) => {
      if (taskId === 'b') throw new Error('A verification of task b is already running (run 3).');
    });
    const started = await scheduledRound({ recentMinutes: 15 }, { runningTasks: async () => ['a', 'b', 'c'], start, log });
    expect(started).toEqual(['a', 'c']);
    expect(start.mock.calls).toEqual([['a', { recentMinutes: 15 }], ['b', { recentMinutes: 15 }], ['c', { recentMinutes: 15 }]]);
    expect(log).toHaveBeenCalledWith('verification schedule: task b skipped: A verification of task b is already running (run 3).');
  });

  it('runs incremental rounds every N minutes and full rounds every N hours once started, and none after it is stopped', async () => {
    vi.useFakeTimers();
    try {
      const runningTasks = vi.fn(async () => ['a']);
      const start = vi.fn(async () => undefined);
      const stop = startVerificationSchedule({ ORA2KAFKA_VERIFY_EVERY_MINUTES: '30', ORA2KAFKA_VERIFY_FULL_EVERY_HOURS: '1' }, { runningTasks, start, log: () => undefined })!;
      await vi.advanceTimersByTimeAsync(60 * 60_000);
      expect(start.mock.calls).toEqual([['a', { recentMinutes: 30 }], ['a', { recentMinutes: 30 }], ['a', { full: true }]]);
      stop();
      await vi.advanceTimersByTimeAsync(2 * 60 * 60_000);
      expect(start).toHaveBeenCalledTimes(3);
      expect(startVerificationSchedule({}, { runningTasks, start, log: () => undefined })).toBeNull();
    } finally {
      vi.useRealTimers();
    }
  });
});
