import { getDb } from '../store/db';
import { startVerification } from '../services/verification';

/**
 * Scheduled verification in the console, off unless configured:
 *   ORA2KAFKA_VERIFY_EVERY_MINUTES=15      → every 15 min, each running task (Migrating) gets an
 *                                            incremental verification of the keys changed in those 15 min
 *   ORA2KAFKA_VERIFY_FULL_EVERY_HOURS=24   → every 24 h, each running task gets a full verification
 * Runs are requested by "schedule" and stored like any other (the task page shows them; differences
 * raise the verification alert). A task whose previous run is still going is skipped that time.
 */
export interface VerificationSchedule {
  /** Incremental runs every this many minutes (null: none). */
  recentMinutes: number | null;
  /** Full runs every this many hours (null: none). */
  fullHours: number | null;
}

function wholeIn(env: Record<string, string | undefined>, name: string, max: number, unit: string): number | null {
  const text = env[name]?.trim();
  if (!text) return null;
  const n = Number(text);
  if (!Number.isInteger(n) || n < 1 || n > max) throw new RangeError(`${name}=${text}: give whole ${unit} between 1 and ${max}, or leave it unset to schedule no verification.`);
  return n;
}

export function verificationSchedule(env: Record<string, string | undefined> = process.env): VerificationSchedule {
  return { recentMinutes: wholeIn(env, 'ORA2KAFKA_VERIFY_EVERY_MINUTES', 1440, 'minutes'), fullHours: wholeIn(env, 'ORA2KAFKA_VERIFY_FULL_EVERY_HOURS', 720, 'hours') };
}

/** What one scheduled run asks for: the keys of the last N minutes, or the whole tables. */
export type ScheduledRun = { recentMinutes: number } | { full: true };

export interface ScheduleDeps {
  runningTasks(): Promise<string[]>;
  start(taskId: string, run: ScheduledRun): Promise<unknown>;
  log(message: string): void;
}

/** One round: a verification for each running task; a refusal (e.g. one still running) is logged, not thrown. */
export async function scheduledRound(run: ScheduledRun, deps: ScheduleDeps): Promise<string[]> {
  const started: string[] = [];
  for (const taskId of await deps.runningTasks()) {
    try {
      await deps.start(taskId, run);
      started.push(taskId);
    } catch (e) {
      deps.log(`verification schedule: task ${taskId} skipped: ${(e as Error).message}`);
    }
  }
  return started;
}

const consoleDeps: ScheduleDeps = {
  runningTasks: async () => (await (await getDb()).task.findMany({ where: { status: 'Migrating' }, select: { id: true } })).map((t) => t.id),
  start: (taskId, run) => startVerification(taskId, 'schedule', 'recentMinutes' in run ? { recentMinutes: run.recentMinutes } : {}),
  log: (m) => console.log(m),
};

/** Starts the configured schedules; returns a stop function (null when none is configured). */
export function startVerificationSchedule(env: Record<string, string | undefined> = process.env, deps: ScheduleDeps = consoleDeps): (() => void) | null {
  const { recentMinutes, fullHours } = verificationSchedule(env);
  const every = (ms: number, run: ScheduledRun) => {
    const timer = setInterval(() => void scheduledRound(run, deps).catch((e: unknown) => deps.log(`verification schedule: ${(e as Error).message}`)), ms);
    timer.unref();
    return timer;
  };
  const timers = [...(recentMinutes === null ? [] : [every(recentMinutes * 60_000, { recentMinutes })]), ...(fullHours === null ? [] : [every(fullHours * 3_600_000, { full: true })])];
  if (timers.length === 0) return null;
  return () => timers.forEach((t) => clearInterval(t));
}
