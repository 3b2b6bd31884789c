import type { TaskDiagnostics } from '../../server/model/task-diagnostics';

/**
 * A quiet task's diagnostics (incremental migration, nothing open, nothing waiting) with the fields
 * a test cares about overridden: `taskDiagnostics({ checkpointScn: '4000', openTransactions: [tx] })`.
 */
export function taskDiagnostics(over: Partial<TaskDiagnostics> = {}): TaskDiagnostics {
  return {
    status: 'Migrating',
    phase: 'incremental',
    atMs: 1_800_000_000_000,
    eventsByOp: { INIT: 0, INSERT: 0, UPDATE: 0, DELETE: 0, DDL: 0 },
    recordsWritten: 0,
    bytesWritten: 0,
    latencyMs: 0,
    sourceLagMs: 0,
    currentScn: '100',
    checkpointScn: '90',
    checkpointCommitScn: null,
    checkpointSpilledScn: null,
    checkpointSpilledTransactions: 0,
    openTransactions: [],
    activeTransactions: 0,
    bufferedBytes: 0,
    spilledBytes: 0,
    mining: null,
    throttle: { rps: 1000, bytesPerSec: 1 << 20, userThrottle: false, capping: null, waits: 0, waitedMs: 0 },
    backPressure: { waits: 0, waitedMs: 0 },
    retries: { total: 0, last: [] },
    dropped: [],
    heartbeat: null,
    logRetention: null,
    ...over,
  };
}
