import type { DroppedTransaction, LogMinerStream, OpenTransactionInfo } from '../../oracle/logminer';
import type { TaskCheckpoint, PendingRecord } from '../../model/pending-record';
import type { PhaseName } from '../../model/phase-progress';
import type { TaskStatus } from '../../model/task-status';
import { EVENT_OPS, type DroppedTransactionView, type OpenTransactionView, type TaskDiagnostics } from '../../model/task-diagnostics';
import type { PhaseThrottle } from '../throttle/phase-throttle';
import type { InstanceCaps } from '../../model/task-instance-class';

/**
 * The running task's internals in one place, for TaskDiagnostics (Prometheus, the lag explainer,
 * alert rules). The runner counts what Kafka acknowledged and the retries; the phase running now
 * hands over its live parts (the LogMiner stream, its throttle, the heartbeat state) and says
 * whether it is waiting for new changes.
 *
 *   observer.committed(batch.records, batch.bytes);  observer.mining = stream;  observer.idle = true;
 *   observer.snapshot('Migrating', 'incremental', Date.now()) → TaskDiagnostics
 */
const MAX_LISTED = 20;
const MAX_RETRIES_KEPT = 5;

/** A wait counter: the throttle's and the commit pipeline's back-pressure have this shape. */
type Waits = TaskDiagnostics['backPressure'];

function carry(into: Waits, from: Waits | undefined): void {
  into.waits += from?.waits ?? 0;
  into.waitedMs += from?.waitedMs ?? 0;
}

function sum(before: Waits, now: Waits | undefined): Waits {
  return { waits: before.waits + (now?.waits ?? 0), waitedMs: before.waitedMs + (now?.waitedMs ?? 0) };
}

/** The running phase's throttle, and whether the user's limit or the instance class set it. */
interface ThrottleInUse {
  throttle: PhaseThrottle;
  userThrottle: boolean;
  caps: InstanceCaps;
}

export class TaskObserver {
  readonly eventsByOp: TaskDiagnostics['eventsByOp'] = Object.fromEntries(EVENT_OPS.map((o) => [o, 0])) as TaskDiagnostics['eventsByOp'];
  records = 0;
  bytes = 0;
  /** Commit time of the last source transaction written (incremental). */
  lastCommitTimeMs: number | null = null;
  /** The incremental phase has written everything mined and waits for new changes. */
  idle = false;
  mining: LogMinerStream | null = null;
  private throttle: ThrottleInUse | null = null;
  /**
   * Waits of the throttles and commit pipelines before the current ones (earlier phases, earlier
   * attempts): the totals shown only grow, as the Prometheus counters made of them must.
   */
  private readonly throttledBefore: Waits = { waits: 0, waitedMs: 0 };
  private readonly backPressureBefore: Waits = { waits: 0, waitedMs: 0 };
  heartbeat: TaskDiagnostics['heartbeat'] = null;
  logRetention: TaskDiagnostics['logRetention'] = null;
  checkpoint: TaskCheckpoint | null = null;
  /** The commit pipeline of the current attempt (its back-pressure counters). */
  private pipeline: { backPressure: Waits } | null = null;
  private retryTotal = 0;
  private readonly retries: { atMs: number; reason: string }[] = [];
  private readonly dropped: DroppedTransactionView[] = [];
  /** Redo rows mined at the previous snapshot, for the rate. */
  private rowsAt: { rows: number; atMs: number } | null = null;
  private redoRate = 0;

  committed(records: readonly PendingRecord[], bytes: number): void {
    this.records += records.length;
    this.bytes += bytes;
    for (const r of records) if (r.op) this.eventsByOp[r.op]++;
  }

  /** The phase starting now throttles with `t`; the waits of the one before stay counted. */
  useThrottle(t: ThrottleInUse): void {
    carry(this.throttledBefore, this.throttle?.throttle);
    this.throttle = t;
  }

  /** The attempt starting now commits through `p`; the back-pressure of the one before stays counted. */
  usePipeline(p: { backPressure: Waits }): void {
    carry(this.backPressureBefore, this.pipeline?.backPressure);
    this.pipeline = p;
  }

  retried(reason: string, atMs: number): void {
    this.retryTotal++;
    this.retries.push({ atMs, reason });
    if (this.retries.length > MAX_RETRIES_KEPT) this.retries.shift();
  }

  droppedTransaction(d: DroppedTransaction): void {
    this.dropped.push({ ...view(d, d.ageMs), reason: d.reason, droppedAtMs: d.droppedAtMs });
    if (this.dropped.length > MAX_LISTED) this.dropped.shift();
  }

  /**
   * This machine's `nowMs` in the database's clock, the one source times (row, start, commit) are
   * in: the two may be hours apart when the database host's clock is wrong. Unchanged before the
   * stream has read the database's clock.
   */
  databaseNowMs(nowMs: number): number {
    return nowMs + (this.mining?.stats().databaseClockOffsetMs ?? 0);
  }

  /** Time of the database's current SCN − time of the last mined SCN. */
  sourceLagMs(nowMs: number): number | null {
    const through = this.mining?.stats().minedThroughMs ?? null;
    return through === null ? null : Math.max(0, this.databaseNowMs(nowMs) - through);
  }

  /**
   * End to end: now − commit time of the last event written; while everything mined is written
   * and mining waits for changes, how far mining itself is behind (so an idle task reads ~0 and a
   * stalled source reads its stall).
   */
  latencyMs(nowMs: number): number | null {
    const lag = this.sourceLagMs(nowMs);
    if (this.idle || this.lastCommitTimeMs === null) return lag;
    return Math.max(0, this.databaseNowMs(nowMs) - this.lastCommitTimeMs);
  }

  openTransactions(nowMs: number): OpenTransactionView[] {
    const dbNow = this.databaseNowMs(nowMs);
    return (this.mining?.openTransactions() ?? []).map((t) => view(t, Math.max(0, dbNow - t.startTimeMs)));
  }

  snapshot(status: TaskStatus, phase: PhaseName | null, nowMs: number): TaskDiagnostics {
    const m = this.mining;
    const stats = m?.stats() ?? null;
    if (stats) {
      if (this.rowsAt && nowMs > this.rowsAt.atMs) this.redoRate = ((stats.rowsMined - this.rowsAt.rows) * 1000) / (nowMs - this.rowsAt.atMs);
      this.rowsAt = { rows: stats.rowsMined, atMs: nowMs };
    }
    const open = this.openTransactions(nowMs);
    const inc = this.checkpoint?.incremental ?? null;
    const t = this.throttle;
    const limits = t?.throttle.limits;
    return {
      status,
      phase,
      atMs: nowMs,
      eventsByOp: { ...this.eventsByOp },
      recordsWritten: this.records,
      bytesWritten: this.bytes,
      latencyMs: phase === 'incremental' ? this.latencyMs(nowMs) : null,
      sourceLagMs: phase === 'incremental' ? this.sourceLagMs(nowMs) : null,
      currentScn: stats?.lastBoundScn === null || stats?.lastBoundScn === undefined ? null : String(stats.lastBoundScn),
      checkpointScn: inc ? inc.restartScn : (this.checkpoint?.full?.snapshotScn ?? null),
      checkpointCommitScn: inc?.lastCommitScn ?? null,
      checkpointSpilledScn: inc?.spilled?.restartScn ?? null,
      checkpointSpilledTransactions: inc?.spilled?.transactions.length ?? 0,
      openTransactions: open.slice(0, MAX_LISTED),
      activeTransactions: open.length,
      bufferedBytes: open.reduce((n, x) => n + x.bytes, 0),
      spilledBytes: stats?.spilledBytes ?? 0,
      mining: stats
        ? {
            windowFromScn: stats.lastWindow ? String(stats.lastWindow.fromScn) : null,
            windowToScn: stats.lastWindow ? String(stats.lastWindow.toScn) : null,
            windowSize: String(stats.windowSize),
            logFiles: stats.logFiles.map((f) => ({ ...f, firstScn: String(f.firstScn), nextScn: f.nextScn === null ? null : String(f.nextScn) })),
            windowsMined: stats.windowsMined,
            rowsMined: stats.rowsMined,
            redoRowsPerSec: this.redoRate,
            logSwitches: stats.logSwitches,
            lastWindowCost: stats.lastWindowCost,
            sessionRestarts: stats.sessionRestarts,
            scnJumpsSkipped: stats.scnJumpsSkipped,
            unreadableRowsSkipped: stats.unreadableRowsSkipped,
            databaseClockOffsetMs: stats.databaseClockOffsetMs,
          }
        : null,
      throttle: {
        rps: limits?.rps ?? 0,
        bytesPerSec: limits?.bytesPerSec ?? 0,
        userThrottle: t?.userThrottle ?? false,
        capping: !t || t.throttle.waits === 0 ? null : t.userThrottle && limits!.rps < t.caps.rps ? 'throttle' : 'instance-class',
        ...sum(this.throttledBefore, t?.throttle),
      },
      backPressure: sum(this.backPressureBefore, this.pipeline?.backPressure),
      retries: { total: this.retryTotal, last: [...this.retries] },
      dropped: [...this.dropped],
      heartbeat: this.heartbeat ? { ...this.heartbeat } : null,
      logRetention: this.logRetention,
    };
  }
}

function view(t: OpenTransactionInfo, ageMs: number): OpenTransactionView {
  return { xid: t.xid, startScn: String(t.startScn), startTimeMs: t.startTimeMs, ageMs, userName: t.userName, rows: t.rows, bytes: t.bytes, spilled: t.spilled, tables: t.tables };
}
