import { collectDefaultMetrics, Counter, Gauge, Registry } from 'prom-client';
import { MIGRATION_TYPES } from '../model/task-config';
import { EVENT_OPS, type TaskDiagnostics } from '../model/task-diagnostics';
import { TASK_STATUSES } from '../model/task-status';
import { liveTasks, type LiveTask } from './live-tasks';

/**
 * GET /metrics: the tasks this process runs, in Prometheus' text format (prom-client), from each
 * task's latest diagnostics report (live-tasks.ts) — the same snapshot the lag explainer shows, so
 * the two agree. Every per-task series has the labels `task` (id) and `name`. Names follow
 * Prometheus conventions: `ora2kafka_` prefix, base units (seconds, bytes), `_total` counters.
 * Counters restart from 0 when a task's runner restarts (Prometheus' rate() handles resets).
 *
 *   ora2kafka_task_status{task="o2k-5fdf3f9f-cd54",name="hr",status="Migrating"} 1
 *   ora2kafka_events_written_total{task="o2k-5fdf3f9f-cd54",name="hr",op="UPDATE"} 1520
 *   ora2kafka_latency_seconds{task="o2k-5fdf3f9f-cd54",name="hr"} 0.42
 * Process metrics (event-loop lag, heap, CPU, …) come from prom-client's defaults with the same prefix.
 */
type Labels = 'task' | 'name';
type Read = (d: TaskDiagnostics) => number | null;

const KEY = Symbol.for('ora2kafka.host.metrics-registry');

export function metricsRegistry(): Registry {
  const g = globalThis as { [KEY]?: Registry };
  g[KEY] ??= build();
  return g[KEY];
}

export async function renderMetrics(): Promise<{ body: string; contentType: string }> {
  const r = metricsRegistry();
  return { body: await r.metrics(), contentType: r.contentType };
}

const scn = (s: string | null) => (s === null ? null : Number(s));
const sec = (ms: number | null) => (ms === null ? null : ms / 1000);

/** Gauges read straight from the latest diagnostics: [name, help, read]. */
const GAUGES: [string, string, Read][] = [
  ['ora2kafka_latency_seconds', 'End-to-end latency: now minus the commit time of the last event written (while idle, the source lag).', (d) => sec(d.latencyMs)],
  ['ora2kafka_source_lag_seconds', "Time of the database's current SCN minus the time of the last mined SCN.", (d) => sec(d.sourceLagMs)],
  ['ora2kafka_checkpoint_scn', 'Restart SCN of the last checkpoint Kafka acknowledged (the snapshot SCN during the full load).', (d) => scn(d.checkpointScn)],
  ['ora2kafka_oldest_open_transaction_age_seconds', 'Age of the oldest open transaction holding changes of selected tables (0 when none).', (d) => (d.phase === 'incremental' ? (d.openTransactions[0]?.ageMs ?? 0) / 1000 : null)],
  ['ora2kafka_active_transactions', 'Open transactions holding changes of selected tables.', (d) => (d.phase === 'incremental' ? d.activeTransactions : null)],
  ['ora2kafka_buffered_bytes', 'Bytes held for open transactions, in memory and spilled.', (d) => (d.phase === 'incremental' ? d.bufferedBytes : null)],
  ['ora2kafka_spilled_bytes', 'Bytes of open transactions spilled to disk.', (d) => (d.phase === 'incremental' ? d.spilledBytes : null)],
  ['ora2kafka_mining_window_start_scn', 'Lower bound (inclusive) of the last LogMiner window.', (d) => scn(d.mining?.windowFromScn ?? null)],
  ['ora2kafka_mining_window_end_scn', 'Upper bound (exclusive) of the last LogMiner window.', (d) => scn(d.mining?.windowToScn ?? null)],
  ['ora2kafka_needed_log_purge_timestamp_seconds', 'When the database purges the oldest archived log a restart still needs (Unix time).', (d) => sec(d.logRetention?.purgeAtMs ?? null)],
  ['ora2kafka_mining_window_round_trips', 'Database round trips of the last LogMiner window (log list, ADD_LOGFILE, START_LOGMNR, fetches).', (d) => d.mining?.lastWindowCost?.roundTrips ?? null],
  ['ora2kafka_mining_window_seconds', 'Time spent on the last LogMiner window.', (d) => sec(d.mining?.lastWindowCost?.ms ?? null)],
  ['ora2kafka_mining_window_rows', 'Rows the last LogMiner window returned.', (d) => d.mining?.lastWindowCost?.rows ?? null],
  ['ora2kafka_database_clock_offset_seconds', "The database's clock minus this worker's, read with each mining bound (ages and lags are counted in the database's clock).", (d) => sec(d.mining?.databaseClockOffsetMs ?? null)],
  ['ora2kafka_report_timestamp_seconds', 'When the task reported the figures of this scrape (Unix time).', (d) => d.atMs / 1000],
];

/** Counters (totals since the task's runner started): [name, help, read]. */
const COUNTERS: [string, string, Read][] = [
  ['ora2kafka_records_written_total', 'Records Kafka acknowledged.', (d) => d.recordsWritten],
  ['ora2kafka_bytes_written_total', 'Bytes (key, value, headers) Kafka acknowledged.', (d) => d.bytesWritten],
  ['ora2kafka_log_switches_total', 'Redo log switches seen by mining.', (d) => d.mining?.logSwitches ?? null],
  ['ora2kafka_redo_rows_mined_total', 'Rows LogMiner returned.', (d) => d.mining?.rowsMined ?? null],
  ['ora2kafka_logminer_session_restarts_total', 'LogMiner sessions ended and resumed to bound the source PGA.', (d) => d.mining?.sessionRestarts ?? null],
  ['ora2kafka_scn_jumps_skipped_total', 'SCN jumps passed with one probe instead of empty mining windows.', (d) => d.mining?.scnJumpsSkipped ?? null],
  ['ora2kafka_dead_letter_changes_total', 'Changes whose redo could not be read, written to the dead-letter topic.', (d) => d.mining?.unreadableRowsSkipped ?? null],
  ['ora2kafka_retries_total', 'Attempts retried after a retriable error.', (d) => d.retries.total],
  ['ora2kafka_throttle_waits_total', 'Writes that waited for the throttle or the instance class limit.', (d) => d.throttle.waits],
  ['ora2kafka_throttle_wait_seconds_total', 'Time writes waited for the throttle or the instance class limit.', (d) => d.throttle.waitedMs / 1000],
  ['ora2kafka_backpressure_waits_total', 'Appends that waited for Kafka to acknowledge earlier records.', (d) => d.backPressure.waits],
  ['ora2kafka_backpressure_wait_seconds_total', 'Time appends waited for Kafka acknowledgements.', (d) => d.backPressure.waitedMs / 1000],
  ['ora2kafka_transactions_dropped_total', 'Open transactions dropped by an operator.', (d) => d.dropped.length],
];

function withDiagnostics(fn: (t: LiveTask, d: TaskDiagnostics) => void): void {
  for (const t of liveTasks()) if (t.diagnostics) fn(t, t.diagnostics);
}

function build(): Registry {
  const registry = new Registry();
  collectDefaultMetrics({ register: registry, prefix: 'ora2kafka_' });
  new Gauge({
    name: 'ora2kafka_task_status',
    help: 'The task status (1 for the current one).',
    labelNames: ['task', 'name', 'status'] as const,
    registers: [registry],
    collect() {
      this.reset();
      for (const t of liveTasks()) if (t.status) for (const s of TASK_STATUSES) this.set({ task: t.taskId, name: t.name, status: s }, s === t.status ? 1 : 0);
    },
  });
  new Gauge({
    name: 'ora2kafka_task_phase',
    help: 'The phase the task runs (1 for the current one).',
    labelNames: ['task', 'name', 'phase'] as const,
    registers: [registry],
    collect() {
      this.reset();
      withDiagnostics((t, d) => {
        for (const p of MIGRATION_TYPES) this.set({ task: t.taskId, name: t.name, phase: p }, p === d.phase ? 1 : 0);
      });
    },
  });
  new Counter({
    name: 'ora2kafka_events_written_total',
    help: 'Events Kafka acknowledged, by source operation (INIT: full-load rows).',
    labelNames: ['task', 'name', 'op'] as const,
    registers: [registry],
    collect() {
      this.reset();
      withDiagnostics((t, d) => {
        for (const op of EVENT_OPS) this.inc({ task: t.taskId, name: t.name, op }, d.eventsByOp[op]);
      });
    },
  });
  for (const [name, help, read] of GAUGES) {
    new Gauge<Labels>({
      name,
      help,
      labelNames: ['task', 'name'],
      registers: [registry],
      collect() {
        this.reset();
        withDiagnostics((t, d) => {
          const v = read(d);
          if (v !== null && Number.isFinite(v)) this.set({ task: t.taskId, name: t.name }, v);
        });
      },
    });
  }
  for (const [name, help, read] of COUNTERS) {
    new Counter<Labels>({
      name,
      help,
      labelNames: ['task', 'name'],
      registers: [registry],
      collect() {
        this.reset();
        withDiagnostics((t, d) => {
          const v = read(d);
          if (v !== null && Number.isFinite(v) && v >= 0) this.inc({ task: t.taskId, name: t.name }, v);
        });
      },
    });
  }
  return registry;
}
