import { rmSync } from 'node:fs';
import path from 'node:path';
import { EngineError } from '../model/errors';
import type { OpenedTarget, TaskCheckpoint } from '../model/pending-record';
import type { PhaseName, PhaseProgress } from '../model/phase-progress';
import type { TaskConfig } from '../model/task-config';
import { ObjectMapper } from '../model/task-mapping';
import type { TaskStatus } from '../model/task-status';
import type { Format } from '../formats';
import { createPartitioner } from '../kafka/partitioner';
import type { OracleGateway } from '../oracle/gateway';
import type { CheckpointStore } from './checkpoint/checkpoint-store';
import { realClock, type Clock } from './clock';
import { EventEtl } from './filters/event-etl';
import { TableFilters } from './filters/table-filters';
import { EventMapper } from './mapping/event-mapper';
import { PhaseMetrics } from './metrics/phase-metrics';
import { TaskObserver } from './metrics/task-observer';
import type { TaskDiagnostics } from '../model/task-diagnostics';
import type { DroppedTransaction } from '../oracle/logminer';
import { PauseGate } from './pause-gate';
import { DEFAULT_TUNING, type EngineTuning, type PhaseContext } from './phase-context';
import { runFullPhase } from './phases/full-phase';
import { runIncrementalPhase } from './phases/incremental-phase';
import { runSchemaPhase } from './phases/schema-phase';
import { minutesToMs, RetryWindow } from './retry/retry-window';
import { withRetry } from './retry/with-retry';
import { CommitPipeline, type CommittedBatch } from './sink/commit-pipeline';
import { EventEncoder } from './sink/event-encoder';
import { TaskState } from './task-state';
import type { LogLevel, TaskReporter } from './task-reporter';
import { defaultFormat, defaultOpenGateway } from './task-wiring';

/**
 * One migration task in one process: schema → full → incremental, as selected, with the DTS
 * retry windows, pause/resume/stop/release, progress, metrics and logs.
 *
 *   const runner = new TaskRunner({ taskId, config, openTarget: openKafkaTarget(config, taskId), reporter });
 *   runner.start();            // Migrating
 *   await runner.pause();      // Paused: workers park, buffered records are committed
 *   runner.resume();           // Migrating
 *   await runner.stop();       // Paused, process may exit; a new runner resumes from Kafka's checkpoint
 *   await runner.release();    // Released: never writes again
 *   await runner.done;         // settles when the runner ends (Finished, Failed, Paused by stop, Released)
 *
 * Every attempt (the first, and each one after a retriable failure) opens the source and the
 * Kafka target afresh, takes the checkpoint committed in Kafka as the truth, and continues from
 * it; the phases only advance a checkpoint together with the records it covers.
 */
export interface TaskRunnerDeps {
  taskId: string;
  config: TaskConfig;
  /** Status the task has now (default PrecheckPassed). Migrating/Retrying are accepted after a crash. */
  initialStatus?: TaskStatus;
  openGateway?: () => Promise<OracleGateway>;
  /** Where records and checkpoints are committed: Kafka transactions in production (server/kafka/open-target.ts). */
  openTarget: () => Promise<OpenedTarget>;
  format?: (gateway: OracleGateway) => Promise<Format>;
  reporter?: TaskReporter;
  /** A copy of the checkpoint for the console (the Kafka one is authoritative). */
  checkpointCopy?: CheckpointStore;
  clock?: Clock;
  tuning?: Partial<EngineTuning>;
  retry?: { baseDelayMs?: number; maxDelayMs?: number; random?: () => number };
  /** Sees every committed Kafka transaction (benchmarks, tests). */
  onCommitted?: (b: CommittedBatch) => void;
}

export class TaskStoppedError extends EngineError {
  constructor(how: 'stopped' | 'released') {
    super('TASK_STOPPED', how === 'released' ? 'The task was released.' : 'The task was stopped.', { hint: how === 'released' ? 'Create a new task to migrate again.' : 'Resume the task to continue.' });
  }
}

const PHASES: PhaseName[] = ['schema', 'full', 'incremental'];

export class TaskRunner {
  readonly state: TaskState;
  readonly progress: Record<PhaseName, PhaseProgress>;
  readonly metrics: Record<PhaseName, PhaseMetrics>;
  /** Live internals for diagnostics (metrics, the lag explainer, alert rules). */
  readonly observer = new TaskObserver();
  private readonly clock: Clock;
  private readonly tuning: EngineTuning;
  private readonly gate = new PauseGate();
  private readonly mapper: ObjectMapper;
  private current: PhaseName | null = null;
  private pipeline: CommitPipeline | null = null;
  private donePromise: Promise<void> | null = null;
  private metricsTimer: NodeJS.Timeout | null = null;
  private lastProgressAt = 0;
  private stopMode: 'stopped' | 'released' | null = null;
  /** While Retrying: time left in the retry window when the status was last reported. */
  private retryTimeLeftMs: number | null = null;
  /** The last checkpoint Kafka acknowledged (for the console copy and `status`). */
  lastCheckpoint: TaskCheckpoint | null = null;
  /** Phases a previous run finished (from the checkpoint): their reported figures stay as they were. */
  private readonly finishedBefore = new Set<PhaseName>();

  constructor(private readonly deps: TaskRunnerDeps) {
    this.clock = deps.clock ?? realClock;
    this.tuning = { ...DEFAULT_TUNING, spillDir: 'data/spill', ...deps.tuning };
    this.state = new TaskState(deps.initialStatus ?? 'PrecheckPassed', () => this.clock.now());
    this.mapper = new ObjectMapper(deps.config.objects);
    const blank = (phase: PhaseName): PhaseProgress => ({ phase, status: 'NotStarted', percent: 0, rowsDone: 0, rowsTotal: 0, bytesDone: 0, objectsDone: 0, objectsTotal: 0, etaSeconds: null, tables: [], warnings: [] });
    this.progress = { schema: blank('schema'), full: blank('full'), incremental: blank('incremental') };
    this.metrics = { schema: new PhaseMetrics('schema'), full: new PhaseMetrics('full'), incremental: new PhaseMetrics('incremental') };
    this.state.onChange(
      (c) =>
        void this.deps.reporter?.status({
          status: c.to,
          ...(c.reason === undefined ? {} : { reason: c.reason }),
          ...(c.to === 'Retrying' && this.retryTimeLeftMs !== null ? { retryTimeLeftMs: this.retryTimeLeftMs } : {}),
          atMs: c.at,
        }),
    );
  }

  get taskId(): string {
    return this.deps.taskId;
  }

  get status(): TaskStatus {
    return this.state.status;
  }

  get currentPhase(): PhaseName | null {
    return this.current;
  }

  /** Settles when the runner has ended; never rejects (the outcome is in `status`). */
  get done(): Promise<void> {
    return this.donePromise ?? Promise.resolve();
  }

  start(): void {
    if (this.donePromise) throw new EngineError('TASK_ALREADY_RUNNING', `Task ${this.taskId} is already running in this process.`, { hint: 'Pause or stop it first.' });
    const s = this.state.status;
    if (s !== 'Migrating' && s !== 'Retrying') this.state.moveTo('Migrating');
    else if (s === 'Retrying') this.state.moveTo('Migrating');
    this.log('info', `Task started: ${PHASES.filter((p) => this.deps.config.migrationTypes[p]).join(', ')} migration.`);
    this.metricsTimer = setInterval(() => this.sampleMetrics(), this.tuning.metricsIntervalMs);
    this.metricsTimer.unref();
    this.donePromise = this.run().finally(() => {
      if (this.metricsTimer) clearInterval(this.metricsTimer);
      this.sampleMetrics();
    });
  }

  /** Stops reading; what is buffered is committed; the task shows Paused until resume(). */
  async pause(): Promise<void> {
    if (this.state.status !== 'Migrating' && this.state.status !== 'Retrying') return;
    this.gate.pause();
    this.state.moveTo('Paused');
    if (this.current) this.progress[this.current].status = 'Paused';
    this.publishProgress(true);
    await this.gate.drained();
    await this.pipeline?.flush().catch(() => undefined);
    this.log('info', 'Task paused.');
  }

  resume(): void {
    if (this.state.status !== 'Paused' || !this.donePromise) return;
    this.state.moveTo('Migrating');
    if (this.current) this.progress[this.current].status = 'Running';
    this.gate.resume();
    this.log('info', 'Task resumed.');
  }

  /** Ends this runner, committing what was read; the task stays resumable (status Paused). */
  async stop(): Promise<void> {
    if (!this.donePromise) return;
    this.stopMode ??= 'stopped';
    this.gate.stop(new TaskStoppedError('stopped'));
    await this.done;
  }

  /** Ends the task for good: nothing more is written, the checkpoint copy is deleted. */
  async release(): Promise<void> {
    this.stopMode = 'released';
    this.gate.stop(new TaskStoppedError('released'));
    await this.pipeline?.abandon();
    await this.done;
    if (this.state.status !== 'Released') this.state.moveTo('Released');
    // No phase of a released task runs again: what had not finished is Stopped.
    for (const phase of PHASES) if (this.progress[phase].status !== 'Finished') this.progress[phase].status = 'Stopped';
    this.publishProgress(true);
    await this.deps.checkpointCopy?.clear(this.taskId).catch(() => undefined);
    // Spill files kept for a resume (spilled-resume.ts) are of no use to a released task.
    rmSync(path.join(this.tuning.spillDir, this.taskId), { recursive: true, force: true });
    this.log('info', 'Task released.');
  }

  private async run(): Promise<void> {
    const window = new RetryWindow({
      connectWindowMs: minutesToMs(this.deps.config.advanced.connectRetryMinutes),
      otherWindowMs: minutesToMs(this.deps.config.advanced.otherRetryMinutes),
      clock: this.clock,
      ...this.deps.retry,
    });
    try {
      await withRetry(this.clock, window, (progress) => this.attempt(progress), {
        signal: this.gate.signal,
        onRetrying: (d) => {
          if (this.state.status === 'Paused') return;
          this.retryTimeLeftMs = d.timeLeftMs;
          this.observer.retried(d.reason, this.clock.now());
          this.state.moveTo('Retrying', d.reason);
          this.log('warn', `Retrying (${d.kind === 'connection' ? 'connection failure' : 'error'}, attempt ${d.attempt}, ${Math.ceil(d.timeLeftMs / 60_000)} min left in the retry window): ${d.reason}`);
        },
        onRecovered: () => {
          if (this.state.status === 'Retrying') this.state.moveTo('Migrating');
          this.log('info', 'Recovered; migration continues.');
        },
      });
      this.finishAll();
    } catch (e) {
      this.ended(e);
    }
  }

  private finishAll(): void {
    this.state.moveTo('Finished');
    this.log('info', 'Task finished.');
  }

  private ended(e: unknown): void {
    if (this.stopMode === 'released') return;
    if (this.stopMode === 'stopped' || e instanceof TaskStoppedError) {
      if (this.state.status === 'Migrating' || this.state.status === 'Retrying') this.state.moveTo('Paused', 'stopped');
      if (this.current) this.progress[this.current].status = 'Paused';
      this.publishProgress(true);
      this.log('info', 'Task stopped; resume it to continue from its last checkpoint.');
      return;
    }
    const err = e instanceof Error ? e : new Error(String(e));
    const hint = (err as { hint?: string }).hint;
    if (this.current) {
      this.progress[this.current].status = 'Failed';
      this.progress[this.current].errorMessage = err.message;
    }
    this.publishProgress(true);
    if (this.state.can('Failed')) this.state.moveTo('Failed', err.message);
    this.log('error', `Task failed: ${err.message}${hint ? ` — ${hint}` : ''}`);
  }

  /** One attempt: open everything, resume from Kafka's checkpoint, run the remaining phases. */
  private async attempt(madeProgress: () => void): Promise<void> {
    await this.gate.pass();
    const gateway = await (this.deps.openGateway ?? defaultOpenGateway(this.deps.config))();
    let opened: OpenedTarget | null = null;
    try {
      opened = await this.deps.openTarget();
      const cfg = this.deps.config;
      const checkpoint: TaskCheckpoint = opened.checkpoint ?? {
        taskId: this.taskId,
        phase: 'schema',
        schema: null,
        full: null,
        incremental: null,
        finished: [],
        nextRecordId: 1,
        partitions: opened.partitionCounts,
        writtenAtMs: 0,
      };
      const format = await (this.deps.format ?? ((g: OracleGateway) => defaultFormat(cfg, g)))(gateway);
      const encoder = new EventEncoder({
        format,
        partitioner: createPartitioner({ policy: cfg.partitionPolicy, keyColumns: this.mapper.partitionKeys() }),
        topics: opened.topics,
        partitionCounts: opened.partitionCounts,
        schemaIds: opened.schemaIds,
        nextRecordId: checkpoint.nextRecordId,
        now: () => this.clock.now(),
      });
      const pipeline = new CommitPipeline(
        opened.target,
        () => ({ ...structuredClone({ ...checkpoint, writtenAtMs: 0 }), nextRecordId: encoder.nextRecordId, writtenAtMs: this.clock.now() }),
        (b) => this.committed(b, madeProgress),
        { clock: this.clock, maxRecords: this.tuning.maxRecordsPerTx, lingerMs: this.tuning.lingerMs, maxBufferedBytes: this.tuning.maxBufferedBytes },
      );
      this.pipeline = pipeline;
      this.observer.usePipeline(pipeline);
      // Recovery is declared by the first committed transaction (onCommitted), not by opening:
      // only a full round trip (source read, Kafka commit) proves both ends work again.
      try {
        for (const phase of PHASES) {
          if (!cfg.migrationTypes[phase] || checkpoint.finished.includes(phase)) {
            if (checkpoint.finished.includes(phase) && this.progress[phase].status !== 'Finished') {
              Object.assign(this.progress[phase], { status: 'Finished', percent: 100 });
              // Finished by an earlier run: its figures (rows, tables) are what that run reported; a
              // new runner knows only that it finished, so it does not report over them.
              this.finishedBefore.add(phase);
            }
            continue;
          }
          this.current = phase;
          checkpoint.phase = phase;
          const progress = this.progress[phase];
          progress.status = this.gate.isPaused ? 'Paused' : 'Running';
          progress.errorMessage = undefined;
          const ctx = this.context(phase, gateway, encoder, pipeline, checkpoint, madeProgress);
          if (phase === 'schema') await runSchemaPhase(ctx);
          else if (phase === 'full') await runFullPhase(ctx);
          else await runIncrementalPhase(ctx);
          checkpoint.finished.push(phase);
          pipeline.markDirty();
          await pipeline.flush();
          Object.assign(progress, { status: 'Finished', percent: 100, etaSeconds: 0 });
          this.publishProgress(true);
          this.log('info', `${phase === 'schema' ? 'Schema' : phase === 'full' ? 'Full data' : 'Incremental data'} migration finished.`);
        }
        await pipeline.close();
      } finally {
        if (this.stopMode === 'stopped' && !pipeline.error) await pipeline.close().catch(() => undefined);
        else await pipeline.abandon();
      }
    } finally {
      await opened?.close().catch(() => undefined);
      await gateway.close().catch(() => undefined);
    }
  }

  private context(phase: PhaseName, gateway: OracleGateway, encoder: EventEncoder, pipeline: CommitPipeline, checkpoint: TaskCheckpoint, madeProgress: () => void): PhaseContext {
    return {
      taskId: this.taskId,
      config: this.deps.config,
      gateway,
      clock: this.clock,
      gate: this.gate,
      mapper: this.mapper,
      events: this.eventMapper(),
      encoder,
      pipeline,
      filters: this.filters(),
      etl: new EventEtl(this.deps.config.advanced.etl, this.taskId, (message) => {
        const warnings = this.progress[phase].warnings;
        if (!warnings.includes(message)) warnings.push(message);
        this.log('warn', message);
      }),
      checkpoint,
      metrics: this.metrics[phase],
      observer: this.observer,
      progress: this.progress[phase],
      reportProgress: () => this.publishProgress(false),
      log: (level, message) => this.log(level, message),
      madeProgress,
      tuning: this.tuning,
      tableColumns: this.tableColumns,
    };
  }

  private readonly tableColumns = new Map<string, string[]>();
  private eventMapperCache: EventMapper | null = null;
  private filtersCache: TableFilters | null = null;

  private eventMapper(): EventMapper {
    this.eventMapperCache ??= new EventMapper(this.mapper, (o, t) => this.tableColumns.get(`${o}.${t}`));
    return this.eventMapperCache;
  }

  private filters(): TableFilters {
    this.filtersCache ??= new TableFilters(this.mapper);
    return this.filtersCache;
  }

  private committed(b: CommittedBatch, madeProgress: () => void): void {
    madeProgress();
    this.deps.onCommitted?.(b);
    this.lastCheckpoint = b.checkpoint;
    this.observer.committed(b.records, b.bytes);
    this.observer.checkpoint = b.checkpoint;
    const phase = b.checkpoint.phase;
    const m = this.metrics[phase];
    const at = b.committedAtMs;
    m.acked(b.records.length, b.bytes, at);
    for (const r of b.records) if (r.commitTimeMs !== undefined) m.latency(Math.max(0, at - r.commitTimeMs), at);
    const p = this.progress[phase];
    if (phase === 'full' && p.rowsTotal > 0) {
      p.percent = Math.min(99.9, (100 * p.rowsDone) / p.rowsTotal);
      const rps = m.snapshot(at).rps;
      p.etaSeconds = rps > 0 ? Math.max(0, Math.round((p.rowsTotal - p.rowsDone) / rps)) : null;
    }
    for (const k of PHASES) {
      const pos = b.checkpoint[k];
      if (pos) void this.deps.checkpointCopy?.save(this.taskId, k, pos as never).catch(() => undefined);
    }
    this.publishProgress(false);
  }

  private publishProgress(force: boolean): void {
    const now = this.clock.now();
    if (!force && now - this.lastProgressAt < this.tuning.progressIntervalMs) return;
    this.lastProgressAt = now;
    for (const phase of PHASES) if (this.deps.config.migrationTypes[phase] && !this.finishedBefore.has(phase)) void this.deps.reporter?.phase({ ...this.progress[phase], tables: this.progress[phase].tables.map((t) => ({ ...t })), warnings: [...this.progress[phase].warnings] });
  }

  private sampleMetrics(): void {
    if (!this.current) return;
    const now = this.clock.now();
    void this.deps.reporter?.metrics(this.metrics[this.current].snapshot(now), now);
    void this.deps.reporter?.diagnostics?.(this.diagnostics());
    this.publishProgress(true);
  }

  /** What the task knows about itself now: counters, lag, open transactions, mining window, throttle, retries. */
  diagnostics(): TaskDiagnostics {
    return this.observer.snapshot(this.state.status, this.current, this.clock.now());
  }

  /**
   * Drops an open transaction the incremental phase buffers (the lag explainer's Drop): only one
   * older than `retentionMs`. Its rows are discarded, its later rows and COMMIT ignored, and the
   * checkpoint no longer waits for it (the next commit records the drop, so it survives a restart).
   */
  dropTransaction(xid: string, opts: { by: string; retentionMs: number }): DroppedTransaction {
    const stream = this.observer.mining;
    if (!stream) throw new EngineError('TASK_NOT_MINING', `Task ${this.taskId} is not in incremental migration now, so it holds no open transaction.`, { hint: 'Transactions can be dropped while the incremental phase runs.' });
    const now = this.clock.now();
    const tx = stream.openTransactions().find((t) => t.xid === xid);
    if (!tx) throw new EngineError('NOT_FOUND', `Transaction ${xid} is not open in task ${this.taskId} (it may have committed or rolled back since).`, { hint: 'Refresh the lag explainer.' });
    const age = this.observer.databaseNowMs(now) - tx.startTimeMs;
    if (age < opts.retentionMs) {
      throw new EngineError('CONFLICT', `Transaction ${xid} has been open for ${Math.floor(age / 60_000)} min; the task's transaction retention is ${Math.round(opts.retentionMs / 60_000)} min, so it cannot be dropped yet.`, {
        hint: 'Wait until it is older than the retention, or lower Transaction retention under Monitoring and Alerting.',
      });
    }
    const dropped = stream.dropTransaction(xid, `dropped by ${opts.by}`);
    if (!dropped) throw new EngineError('NOT_FOUND', `Transaction ${xid} is no longer open in task ${this.taskId}.`, { hint: 'Refresh the lag explainer.' });
    this.observer.droppedTransaction(dropped);
    this.log('warn', `Transaction ${xid} dropped by ${opts.by}: ${dropped.rows} change rows (${dropped.bytes} bytes) of ${dropped.tables.join(', ') || 'no table'}, open since SCN ${dropped.startScn} (${new Date(dropped.startTimeMs).toISOString()}); its changes are not migrated.`);
    return dropped;
  }

  private log(level: LogLevel, message: string): void {
    void this.deps.reporter?.log(level, message, this.clock.now());
  }
}
