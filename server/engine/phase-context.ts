import type { OracleGateway } from '../oracle/gateway';
import type { TaskConfig } from '../model/task-config';
import type { ObjectMapper } from '../model/task-mapping';
import type { Clock } from './clock';
import type { EventMapper } from './mapping/event-mapper';
import type { PhaseMetrics } from './metrics/phase-metrics';
import type { PauseGate } from './pause-gate';
import type { CommitPipeline } from './sink/commit-pipeline';
import type { EventEncoder } from './sink/event-encoder';
import type { TaskCheckpoint } from '../model/pending-record';
import type { PhaseProgress } from '../model/phase-progress';
import type { LogLevel } from './task-reporter';
import type { TableFilters } from './filters/table-filters';
import type { TaskObserver } from './metrics/task-observer';
import type { EventEtl } from './filters/event-etl';

/**
 * What a phase gets from the runner for one attempt (after a retry, a new context is built from
 * the checkpoint Kafka holds). Phases read and write `checkpoint` — only synchronously together
 * with `pipeline.append`, so what the pipeline commits always matches.
 */
export interface PhaseContext {
  taskId: string;
  config: TaskConfig;
  gateway: OracleGateway;
  clock: Clock;
  gate: PauseGate;
  mapper: ObjectMapper;
  events: EventMapper;
  encoder: EventEncoder;
  pipeline: CommitPipeline;
  filters: TableFilters;
  /** Advanced Settings › Configure ETL, applied to row events after the row filter. */
  etl: EventEtl;
  checkpoint: TaskCheckpoint;
  metrics: PhaseMetrics;
  /** Where the phase shows its live parts (stream, throttle, heartbeat) for diagnostics. */
  observer: TaskObserver;
  progress: PhaseProgress;
  /** Publish `progress` (throttled by the runner). */
  reportProgress(): void;
  log(level: LogLevel, message: string): void;
  /** Durable progress was made: ends a retry outage. */
  madeProgress(): void;
  tuning: EngineTuning;
  /** Source tables' columns as last described (for DDL rewriting and change detection). */
  tableColumns: Map<string, string[]>;
}

export interface EngineTuning {
  /** Records per Kafka transaction (upper bound). */
  maxRecordsPerTx: number;
  /** How long a record may wait for its transaction. */
  lingerMs: number;
  /** Records appended but not yet acknowledged, in bytes (back-pressure; part of the engine's memory bound). */
  maxBufferedBytes: number;
  metricsIntervalMs: number;
  progressIntervalMs: number;
  /** LogMiner poll interval when caught up. */
  pollIntervalMs: number;
  /** Commit a moved position at least this often while incremental is idle. */
  idleCheckpointMs: number;
  /** Events of one Oracle transaction per append (a big transaction spans several Kafka transactions). */
  eventsPerAppend: number;
  spillDir: string;
  maxEventsInMemoryPerTx: number;
  /** Open transactions older than this (database time) spill to disk, so checkpoints can pass them. */
  spillOpenAfterMs: number;
  /** Longest a LogMiner session stays open before it is ended and resumed (bounds the source's PGA). */
  logMinerSessionMaxMs: number;
  /** How often incremental checks when the database will purge the oldest archived log the checkpoint needs. */
  logRetentionCheckMs: number;
}

export const DEFAULT_TUNING: Omit<EngineTuning, 'spillDir'> = {
  maxRecordsPerTx: 20_000,
  lingerMs: 100,
  maxBufferedBytes: 16 * 1024 * 1024,
  metricsIntervalMs: 5000,
  progressIntervalMs: 1000,
  pollIntervalMs: 500,
  idleCheckpointMs: 2000,
  eventsPerAppend: 1000,
  maxEventsInMemoryPerTx: 10_000,
  spillOpenAfterMs: 60_000,
  logMinerSessionMaxMs: 10 * 60_000,
  logRetentionCheckMs: 60_000,
};

export function tableKey(owner: string, table: string): string {
  return `${owner}.${table}`;
}
