import type { PhaseName, PhaseProgress } from '../model/phase-progress';
import type { TaskStatus } from '../model/task-status';
import type { MetricSnapshot } from './metrics/phase-metrics';

/**
 * Where a running task reports what it does: status changes (with the retry reason and time
 * left), per-phase progress, a metric sample every few seconds, and log lines. The console writes
 * them to the metadata DB (server/host/prisma-reporter.ts), the CLI prints them, tests keep them
 * in memory. A port: the engine defines it, outer layers implement it.
 */
export interface StatusReport {
  status: TaskStatus;
  reason?: string;
  /** While Retrying: milliseconds left in the retry window. */
  retryTimeLeftMs?: number;
  atMs: number;
}

export type LogLevel = 'info' | 'warn' | 'error';

export interface TaskReporter {
  status(r: StatusReport): void | Promise<void>;
  phase(p: PhaseProgress): void | Promise<void>;
  metrics(m: MetricSnapshot, atMs: number): void | Promise<void>;
  log(level: LogLevel, message: string, atMs: number): void | Promise<void>;
}

/** Keeps everything (tests, the CLI's `status`). */
export class MemoryReporter implements TaskReporter {
  readonly statuses: StatusReport[] = [];
  readonly phases = new Map<PhaseName, PhaseProgress>();
  readonly samples: MetricSnapshot[] = [];
  readonly logs: { level: LogLevel; message: string; atMs: number }[] = [];

  status(r: StatusReport): void {
    this.statuses.push(r);
  }
  phase(p: PhaseProgress): void {
    this.phases.set(p.phase, { ...p, warnings: [...p.warnings] });
  }
  metrics(m: MetricSnapshot): void {
    this.samples.push(m);
  }
  log(level: LogLevel, message: string, atMs: number): void {
    this.logs.push({ level, message, atMs });
  }
}

/** Fans one report out to several reporters; a failing reporter never stops the task. */
export function combineReporters(...reporters: TaskReporter[]): TaskReporter {
  const all = (fn: (r: TaskReporter) => void | Promise<void>) => {
    for (const r of reporters) {
      try {
        const p = fn(r);
        if (p) p.catch(() => undefined);
      } catch {
        /* reporting is best effort */
      }
    }
  };
  return {
    status: (s) => all((r) => r.status(s)),
    phase: (p) => all((r) => r.phase(p)),
    metrics: (m, at) => all((r) => r.metrics(m, at)),
    log: (l, msg, at) => all((r) => r.log(l, msg, at)),
  };
}
