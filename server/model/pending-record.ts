import type { PositionOf } from './checkpoint-positions';
import type { PhaseName } from './phase-progress';

/**
 * One encoded Kafka message waiting for its transaction, the checkpoint that travels with a batch
 * of them, and the ports the engine writes through: `CommitTarget` (one atomic commit) and
 * `OpenedTarget` (a target opened for one attempt of a task). server/kafka implements them with
 * Kafka transactions (open-target.ts, tx-sink.ts); engine tests use an in-memory target.
 */
export interface PendingRecord {
  topic: string;
  partition: number;
  key: Buffer | null;
  value: Buffer;
  headers?: Record<string, string>;
  /** key + value + headers, for batching and MB/s. */
  bytes: number;
  /** Source commit time (incremental), for commit-to-ack latency; undefined for full-load rows. */
  commitTimeMs?: number;
}

/**
 * Everything a task needs to resume, written in the same Kafka transaction as the records it
 * covers (key = task id on the checkpoint topic). `nextRecordId` continues the DTS Avro id
 * sequence exactly: ids of committed records are below it, and aborted ones are reused.
 */
export interface TaskCheckpoint {
  taskId: string;
  /** The phase running when this was written. */
  phase: PhaseName;
  schema: PositionOf['schema'] | null;
  full: PositionOf['full'] | null;
  incremental: PositionOf['incremental'] | null;
  /** Phases finished for good. */
  finished: PhaseName[];
  nextRecordId: number;
  /** Partition counts when the task first wrote, per topic (a change stops the task, as in DTS). */
  partitions: Record<string, number>;
  writtenAtMs: number;
}

export interface CommitTarget {
  /** Writes `records` and `checkpoint` atomically: after a crash, either both are visible or neither. */
  commit(records: readonly PendingRecord[], checkpoint: TaskCheckpoint): Promise<void>;
}

/** A commit target opened for one attempt of a task, with what the engine needs to resume. */
export interface OpenedTarget {
  target: CommitTarget;
  /** The last committed checkpoint, or null for a task that never committed. */
  checkpoint: TaskCheckpoint | null;
  partitionCounts: Record<string, number>;
  topics: { data: string; ddl: string };
  /** Schema id per topic when the Schema Registry is on. */
  schemaIds: Record<string, number> | null;
  close(): Promise<void>;
}
