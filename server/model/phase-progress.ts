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

export const PHASE_STATUSES = ['NotStarted', 'Running', 'Paused', 'Finished', 'Failed'] as const;
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
}

/** What the engine reports while a phase runs. */
export interface PhaseProgress extends PhaseFigures {
  /** Incremental: seconds between the last migrated commit and now (DTS "Delay"). */
  delaySeconds?: number | null;
  errorMessage?: string;
  /** Things the user must know that do not stop the phase (DDL during full load, triggers, …). */
  warnings: string[];
}
