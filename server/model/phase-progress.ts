import type { MigrationType } from './task-config';

/**
 * One phase's progress, one shape from the engine to the dashboard: the engine reports
 * PhaseProgress (TaskReporter.phase), the console stores it as a TaskPhase row, and the dashboard
 * reads it back as PhaseView (server/store/task-progress-repository.ts), which adds when the phase
 * started and ended and its latest metric sample.
 *
 *   { phase: 'full', status: 'Running', percent: 42.5, rowsDone: 425000, rowsTotal: 1000000,
 *     bytesDone: 212500000, objectsDone: 3, objectsTotal: 8, etaSeconds: 31 }
 */
export type PhaseName = MigrationType;

/** Stopped: the task was released before the phase finished (it will never run again). */
export const PHASE_STATUSES = ['NotStarted', 'Running', 'Paused', 'Finished', 'Failed', 'Stopped'] as const;
export type PhaseStatus = (typeof PHASE_STATUSES)[number];

/** The figures every view of a phase's progress holds. */
export interface PhaseFigures {
  phase: PhaseName;
  status: PhaseStatus;
  /** 0–100; incremental reports 100 once it has caught up with the source ("Catched" in DTS). */
  percent: number;
  rowsDone: number;
  rowsTotal: number;
  bytesDone: number;
  objectsDone: number;
  objectsTotal: number;
  etaSeconds: number | null;
  /** Per table: full load rows read of the estimate; incremental changes by operation. */
  tables: TableProgress[];
}

/**
 * One table's share of a phase, as the dashboard's per-table section shows it:
 *
 *   full:        { table: 'HR.EMPLOYEES', status: 'Reading', rowsDone: 4000, rowsEstimate: 10000,
 *                  rowsFilteredOut: null, error: null }
 *   incremental: { table: 'HR.EMPLOYEES', inserts: 12, updates: 40, deletes: 1, ddl: 0 }
 */
export type TableProgress = FullTableProgress | IncrementalTableProgress;

export interface FullTableProgress {
  table: string;
  status: 'Waiting' | 'Reading' | 'Done' | 'Failed';
  rowsDone: number;
  /** Statistics or COUNT(*) AS OF the snapshot (with the filter); replaced by rowsDone once Done. */
  rowsEstimate: number;
  /** Rows the table's filter left out (counted when the table is done); null without a filter. */
  rowsFilteredOut: number | null;
  error: string | null;
}

export interface IncrementalTableProgress {
  table: string;
  inserts: number;
  updates: number;
  deletes: number;
  ddl: number;
}

export const isFullTableProgress = (t: TableProgress): t is FullTableProgress => 'rowsDone' in t;

/**
 * "Caught up" (DTS "Catched") only when the newest changes arrive within this many milliseconds of
 * their commit: mining polls every second and LGWR may hold redo a few seconds more, so 5 s is
 * "keeping up"; at 14 s a team lead must not read "caught up".
 */
export const CAUGHT_UP_LATENCY_MS = 5_000;

/** What the engine reports while a phase runs. */
export interface PhaseProgress extends PhaseFigures {
  /** Incremental: seconds between the last migrated commit and now (DTS "Delay"). */
  delaySeconds?: number | null;
  errorMessage?: string;
  /** Things the user must know that do not stop the phase (DDL during full load, triggers, …). */
  warnings: string[];
}
