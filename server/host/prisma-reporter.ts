import type { MetricSnapshot } from '../engine/metrics/phase-metrics';
import type { LogLevel, StatusReport, TaskReporter } from '../engine/task-reporter';
import type { PhaseProgress } from '../model/phase-progress';
import type { Db } from '../store/db';

/**
 * A running task as the console sees it, in the metadata DB: Task.status (+ errorMessage,
 * startedAt, finishedAt, releasedAt), one TaskPhase row per phase, a MetricSample every few
 * seconds (latencyMs = p50 commit-to-ack), TaskLog lines. Writes go out one at a time in order;
 * progress updates that pile up are coalesced (only the newest per phase is written). A failed
 * write is dropped: reporting never stops a migration.
 */
/** Per-table rows kept per phase (a task of thousands of tables keeps its progress row small). */
const MAX_TABLE_ROWS = 1000;

export class PrismaReporter implements TaskReporter {
  private chain: Promise<void> = Promise.resolve();
  private readonly pendingPhases = new Map<string, PhaseProgress>();
  private phaseFlushQueued = false;

  /**
   * `ownerWorkerId` (cluster mode): status and phase rows are written only while Task.workerId
   * names this worker. A worker that was frozen past its session and wakes up after another worker
   * took the task over must not overwrite the new worker's status (e.g. with the Failed its fenced
   * producer would report): the check and the write are one statement.
   */
  constructor(
    private readonly db: () => Promise<Db>,
    private readonly taskId: string,
    private readonly ownerWorkerId: string | null = null,
  ) {}

  private get owned() {
    return this.ownerWorkerId === null ? {} : { workerId: this.ownerWorkerId };
  }

  /** Resolves when every write issued so far has been attempted. */
  idle(): Promise<void> {
    return this.chain;
  }

  status(r: StatusReport): void {
    const at = new Date(r.atMs);
    this.enqueue(async (db) => {
      await db.task.updateMany({
        where: { id: this.taskId, ...this.owned },
        data: {
          status: r.status,
          errorMessage: r.status === 'Failed' || r.status === 'Retrying' ? (r.reason ?? null) : null,
          ...(r.status === 'Finished' ? { finishedAt: at } : {}),
          ...(r.status === 'Released' ? { releasedAt: at } : {}),
        },
      });
      // Started once: a resume or a recovery after Retrying does not move it.
      if (r.status === 'Migrating') await db.task.updateMany({ where: { id: this.taskId, startedAt: null }, data: { startedAt: at } });
    });
  }

  phase(p: PhaseProgress): void {
    this.pendingPhases.set(p.phase, p);
    if (this.phaseFlushQueued) return;
    this.phaseFlushQueued = true;
    this.enqueue(async (db) => {
      this.phaseFlushQueued = false;
      const phases = [...this.pendingPhases.values()];
      this.pendingPhases.clear();
      if (this.ownerWorkerId !== null && (await db.task.count({ where: { id: this.taskId, ...this.owned } })) === 0) return;
      for (const x of phases) {
        const data = {
          status: x.status,
          percent: x.percent,
          rowsDone: BigInt(Math.round(x.rowsDone)),
          rowsTotal: BigInt(Math.round(x.rowsTotal)),
          bytesDone: BigInt(Math.round(x.bytesDone)),
          objectsDone: x.objectsDone,
          objectsTotal: x.objectsTotal,
          etaSeconds: x.etaSeconds,
          errorMessage: x.errorMessage ?? null,
          tables: JSON.stringify(x.tables.slice(0, MAX_TABLE_ROWS)),
          ...(x.status === 'Finished' ? { finishedAt: new Date() } : {}),
        };
        await db.taskPhase.upsert({
          where: { taskId_phase: { taskId: this.taskId, phase: x.phase } },
          create: { taskId: this.taskId, phase: x.phase, ...data },
          update: data,
        });
        // A phase starts when it first runs (not when the task first reports it as planned).
        if (x.status === 'Running') await db.taskPhase.updateMany({ where: { taskId: this.taskId, phase: x.phase, startedAt: null }, data: { startedAt: new Date() } });
      }
    });
  }

  metrics(m: MetricSnapshot, atMs: number): void {
    this.enqueue(async (db) => {
      await db.metricSample.create({ data: { taskId: this.taskId, phase: m.phase, time: new Date(atMs), rps: m.rps, bps: m.bps, latencyMs: m.latency?.p50 ?? null } });
    });
  }

  log(level: LogLevel, message: string, atMs: number): void {
    this.enqueue(async (db) => {
      // Upper case, like the task log lines the console's own actions write (appendTaskLog).
      await db.taskLog.create({ data: { taskId: this.taskId, level: level.toUpperCase(), message, time: new Date(atMs) } });
    });
  }

  private enqueue(write: (db: Db) => Promise<void>): void {
    this.chain = this.chain.then(async () => {
      try {
        await write(await this.db());
      } catch {
        /* best effort: the task goes on */
      }
    });
  }
}
