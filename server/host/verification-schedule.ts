import { getDb } from '../store/db';
import { startVerification } from '../services/verification';

/**
 * Scheduled verification in the console: with ORA2KAFKA_VERIFY_EVERY_MINUTES=N, every N minutes each
 * running task (Migrating) gets an incremental verification of the keys changed in those N minutes,
 * requested by "schedule" and stored like any other run (the task page shows it). A task whose
 * previous run is still going is skipped this time. Off when unset.
 *
 *   ORA2KAFKA_VERIFY_EVERY_MINUTES=15  → 00:15 incremental run of each running task (last 15 min), 00:30 …
 */
export function verifyEveryMinutes(env: Record<string, string | undefined> = process.env): number | null {
  const text = env.ORA2KAFKA_VERIFY_EVERY_MINUTES?.trim();
  if (!text) return null;
  const n = Number(text);
  if (!Number.isInteger(n) || n < 1 || n > 1440) throw new RangeError(`ORA2KAFKA_VERIFY_EVERY_MINUTES=${text}: give whole minutes between 1 and 1440, or leave it unset to schedule no verification.`);
  return n;
}

export interface ScheduleDeps {
  runningTasks(): Promise<string[]>;
  start(taskId: string, minutes: number): Promise<unknown>;
  log(message: string): void;
}

/** One round: an incremental verification for each running task; a refusal (e.g. one still running) is logged, not thrown. */
export async function scheduledRound(minutes: number, deps: ScheduleDeps): Promise<string[]> {
  const started: string[] = [];
  for (const taskId of await deps.runningTasks()) {
    try {
      await deps.start(taskId, minutes);
      started.push(taskId);
    } catch (e) {
      deps.log(`verification schedule: task ${taskId} skipped: ${(e as Error).message}`);
    }
  }
  return started;
}

const consoleDeps: ScheduleDeps = {
  runningTasks: async () => (await (await getDb()).task.findMany({ where: { status: 'Migrating' }, select: { id: true } })).map((t) => t.id),
  start: (taskId, minutes) => startVerification(taskId, 'schedule', { recentMinutes: minutes }),
  log: (m) => console.log(m),
};

/** Starts the schedule when configured; returns a stop function (null when off). */
export function startVerificationSchedule(env: Record<string, string | undefined> = process.env, deps: ScheduleDeps = consoleDeps): (() => void) | null {
  const minutes = verifyEveryMinutes(env);
  if (minutes === null) return null;
  const timer = setInterval(() => void scheduledRound(minutes, deps).catch((e: unknown) => deps.log(`verification schedule: ${(e as Error).message}`)), minutes * 60_000);
  timer.unref();
  return () => clearInterval(timer);
}
