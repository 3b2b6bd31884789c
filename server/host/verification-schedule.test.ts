import { describe, expect, it, vi } from 'vitest';
import { scheduledRound, startVerificationSchedule, verifyEveryMinutes } from './verification-schedule';

describe('verification schedule', () => {
  it('reads the interval from ORA2KAFKA_VERIFY_EVERY_MINUTES, off when unset, with a clear error otherwise', () => {
    expect(verifyEveryMinutes({})).toBeNull();
    expect(verifyEveryMinutes({ ORA2KAFKA_VERIFY_EVERY_MINUTES: '15' })).toBe(15);
    expect(() => verifyEveryMinutes({ ORA2KAFKA_VERIFY_EVERY_MINUTES: '0' })).toThrow(/whole minutes between 1 and 1440/);
    expect(() => verifyEveryMinutes({ ORA2KAFKA_VERIFY_EVERY_MINUTES: 'hourly' })).toThrow(/ORA2KAFKA_VERIFY_EVERY_MINUTES=hourly/);
  });

  it('starts an incremental run of the interval for each running task, logging the ones it cannot start', async () => {
    const log = vi.fn();
    const start = vi.fn(async (taskId: string) => {
      if (taskId === 'b') throw new Error('A verification of task b is already running (run 3).');
    });
    const started = await scheduledRound(15, { runningTasks: async () => ['a', 'b', 'c'], start, log });
    expect(started).toEqual(['a', 'c']);
    expect(start.mock.calls).toEqual([['a', 15], ['b', 15], ['c', 15]]);
    expect(log).toHaveBeenCalledWith('verification schedule: task b skipped: A verification of task b is already running (run 3).');
  });

  it('runs a round every interval once started, and not after it is stopped', async () => {
    vi.useFakeTimers();
    try {
      const runningTasks = vi.fn(async () => ['a']);
      const start = vi.fn(async () => undefined);
      const stop = startVerificationSchedule({ ORA2KAFKA_VERIFY_EVERY_MINUTES: '5' }, { runningTasks, start, log: () => undefined })!;
      await vi.advanceTimersByTimeAsync(5 * 60_000);
      await vi.advanceTimersByTimeAsync(5 * 60_000);
      expect(start).toHaveBeenCalledTimes(2);
      stop();
      await vi.advanceTimersByTimeAsync(5 * 60_000);
      expect(start).toHaveBeenCalledTimes(2);
      expect(startVerificationSchedule({}, { runningTasks, start, log: () => undefined })).toBeNull();
    } finally {
      vi.useRealTimers();
    }
  });
});
