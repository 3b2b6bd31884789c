import path from 'node:path';
import type { MetricSnapshot } from '../engine/metrics/phase-metrics';
import { runnerRegistry } from '../engine/runner-registry';
import type { TaskRunner } from '../engine/task-runner';
import type { LogLevel, StatusReport, TaskReporter } from '../engine/task-reporter';
import { openKafkaTarget } from '../kafka/open-target';
import type { PhaseProgress } from '../model/phase-progress';
import { getDb } from '../store/db';
import { dataDir } from '../store/data-dir';
import { storeNowMs } from '../store/store-clock';
import { appendTaskLog } from '../store/task-repository';
import { claimTask, getWorker, isAlive, releaseTaskClaim, RUNNING_STATUSES, setTaskRequest, taskStates } from '../store/worker-repository';
import { releaseStoredTask, storedTaskConfig } from './console-tasks';
import { PrismaCheckpointStore } from './prisma-checkpoint-store';
import { PrismaReporter } from './prisma-reporter';

/**
 * One task on a cluster worker: started when the group assigns it, stopped when the group takes it
 * away (hand-over, lost session, shutdown) or the console asks (pause, release). Every move is
 * written to the task log, and Task.workerId names the worker that runs it.
 *
 *   const t = await startOnWorker(self, 'o2k-…', 12);   // "Worker w-db7-… (host db7, cluster default) runs the task (group generation 12)."
 *   await stopOnWorker(self, t, { why: 'handover', generation: 13 });
 */
export interface WorkerSelf {
  id: string;
  host: string;
  cluster: string;
}

/** The Prisma reporter, silenced once the task is no longer this worker's: the next worker reports. */
export class SwitchableReporter implements TaskReporter {
  active = true;
  /** `echo`: the task's warnings and errors also go to the worker's own output, after the hand-over too (e.g. a fenced producer). */
  constructor(
    private readonly inner: PrismaReporter,
    private readonly echo: (line: string) => void = () => undefined,
    private readonly taskId = '',
  ) {}
  status(r: StatusReport): void {
    if (this.active) this.inner.status(r);
  }
  phase(p: PhaseProgress): void {
    if (this.active) this.inner.phase(p);
  }
  metrics(m: MetricSnapshot, atMs: number): void {
    if (this.active) this.inner.metrics(m, atMs);
  }
  log(level: LogLevel, message: string, atMs: number): void {
    if (level === 'warn' || level === 'error') this.echo(`task ${this.taskId} ${level.toUpperCase()}: ${message}`);
    if (this.active) this.inner.log(level, message, atMs);
  }
  idle(): Promise<void> {
    return this.inner.idle();
  }
}

export interface WorkerTask {
  taskId: string;
  runner: TaskRunner;
  reporter: SwitchableReporter;
}

export type StopReason = { why: 'handover' | 'unassigned'; generation: number } | { why: 'lost'; detail: string } | { why: 'shutdown' };

/**
 * Claims the task, says so in its log (naming the worker it takes over from), and starts its runner
 * from the Kafka checkpoint. Null when it does not start: the console paused, released or failed it
 * meanwhile, or asked to (a request its previous worker did not live to carry out: done here).
 */
export async function startOnWorker(self: WorkerSelf, taskId: string, generation: number, echo?: (line: string) => void): Promise<WorkerTask | null> {
  const { config, status } = await storedTaskConfig(taskId);
  const state = (await taskStates([taskId])).get(taskId);
  if (!RUNNING_STATUSES.includes(status)) return null;
  if (state?.request === 'pause') {
    const db = await getDb();
    await db.task.updateMany({ where: { id: taskId, status: { in: RUNNING_STATUSES } }, data: { status: 'Paused', errorMessage: null, request: null } });
    await appendTaskLog(taskId, 'INFO', `Paused by worker ${self.id} before it started the task (no worker was running it).`);
    return null;
  }
  if (state?.request === 'release') {
    await releaseStoredTask(taskId);
    await setTaskRequest(taskId, null);
    await appendTaskLog(taskId, 'INFO', `Released by worker ${self.id} (no worker was running it).`);
    return null;
  }
  const previous = await claimTask(taskId, self.id);
  await appendTaskLog(taskId, 'INFO', `Worker ${self.id} (host ${self.host}, cluster ${self.cluster}) runs the task (group generation ${generation}).${await takeoverNote(self, previous)}`);
  const reporter = new SwitchableReporter(new PrismaReporter(getDb, taskId, self.id), echo, taskId);
  const runner = runnerRegistry().start({
    taskId,
    config,
    initialStatus: status,
    openTarget: openKafkaTarget(config, taskId),
    reporter,
    checkpointCopy: new PrismaCheckpointStore(getDb),
    // Per worker and task: a zombie of this task on another worker never shares transaction files.
    tuning: { spillDir: path.join(dataDir(), 'spill', self.id, taskId) },
  });
  return { taskId, runner, reporter };
}

async function takeoverNote(self: WorkerSelf, previous: string | null): Promise<string> {
  if (!previous || previous === self.id) return ' It continues from the checkpoint committed in Kafka.';
  const w = await getWorker(previous);
  if (!w) return ` It takes over from worker ${previous} and continues from the checkpoint committed in Kafka.`;
  const state = w.stoppedAt ? 'which stopped' : isAlive(w, await storeNowMs()) ? 'which lost its group session' : `which left the group (last heartbeat ${w.heartbeatAt.toISOString()})`;
  return ` It takes over from worker ${w.id} (host ${w.host}), ${state}, and continues from the checkpoint committed in Kafka; that worker's task producer is fenced, so it can never write again.`;
}

const STOP_NOTE: Record<StopReason['why'], (self: WorkerSelf, r: StopReason) => string> = {
  handover: (self, r) => `Worker ${self.id} hands the task over (group generation ${(r as { generation: number }).generation} rebalances the cluster): it stopped after committing what it had read; the next worker continues from the Kafka checkpoint.`,
  unassigned: (self, r) => `Worker ${self.id} stopped the task: group generation ${(r as { generation: number }).generation} no longer assigns it here.`,
  lost: (self, r) => `Worker ${self.id} lost its place in the cluster's group (${(r as { detail: string }).detail}): it stopped the task; another worker continues from the Kafka checkpoint, and anything this one had not committed is fenced off by the task's transactional id.`,
  shutdown: (self) => `Worker ${self.id} is shutting down: it stopped the task after committing what it had read and hands it over to the cluster.`,
};

/**
 * Stops the runner (committing what it read) and forgets it: a stopped runner would stay in the
 * registry as Paused, and the task could not start here again when the group gives it back.
 */
async function stopRunner(t: WorkerTask): Promise<void> {
  if (runnerRegistry().get(t.taskId) === t.runner) await runnerRegistry().stop(t.taskId).catch(() => undefined);
  else await t.runner.stop().catch(() => undefined);
}

/** Stops a task the group took away: quietly (the next worker reports its status), committing what was read. */
export async function stopOnWorker(self: WorkerSelf, t: WorkerTask, reason: StopReason): Promise<void> {
  t.reporter.active = false;
  const wasRunning = t.runner.status === 'Migrating' || t.runner.status === 'Retrying';
  await stopRunner(t);
  await t.reporter.idle();
  await releaseTaskClaim(t.taskId, self.id).catch(() => undefined);
  if (wasRunning) await appendTaskLog(t.taskId, 'INFO', STOP_NOTE[reason.why](self, reason)).catch(() => undefined);
}

/** The console asked to pause: the runner stops (status Paused, written by it), the task stays unassigned until resumed. */
export async function pauseOnWorker(self: WorkerSelf, t: WorkerTask): Promise<void> {
  await stopRunner(t);
  await t.reporter.idle();
  await appendTaskLog(t.taskId, 'INFO', `Paused on worker ${self.id} after committing what it had read.`);
  await releaseTaskClaim(t.taskId, self.id);
  await setTaskRequest(t.taskId, null);
}

/** The console asked to release: the runner ends for good, the task's producer is fenced and its checkpoints forgotten. */
export async function releaseOnWorker(self: WorkerSelf, t: WorkerTask): Promise<void> {
  await releaseStoredTask(t.taskId);
  await t.reporter.idle();
  await appendTaskLog(t.taskId, 'INFO', `Released on worker ${self.id}.`);
  await releaseTaskClaim(t.taskId, self.id);
  await setTaskRequest(t.taskId, null);
}

/** A runner that ended by itself (Finished, Failed): once its last report is written, no worker runs the task. */
export async function endedOnWorker(self: WorkerSelf, t: WorkerTask): Promise<void> {
  await t.reporter.idle();
  await releaseTaskClaim(t.taskId, self.id).catch(() => undefined);
}
