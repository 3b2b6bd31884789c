import { setEngineControl } from '../services/task-control';
import { setEngineLauncher } from '../services/task-start';
import { getDb } from '../store/db';
import { appendTaskLog } from '../store/task-repository';
import { getWorker, isAlive, listWorkers, RUNNING_STATUSES, setTaskRequest, taskCluster } from '../store/worker-repository';
import { releaseStoredTask } from './console-tasks';
import { storeNowMs } from '../store/store-clock';

/**
 * The console as the control plane of a cluster: it stores what should run and asks, and the
 * workers run. Buy and Start / Resume make a task Migrating (the cluster's leader assigns it within
 * a second); Pause and Release leave a request on the task that its worker carries out, and the
 * console waits (up to `waitMs`) until the status shows it and the worker has let the task go. A task no live worker runs is paused or
 * released by the console itself (release still fences the task's producer in Kafka).
 */
export function installClusterControl(opts: { waitMs?: number } = {}): void {
  const waitMs = opts.waitMs ?? 30_000;
  setEngineLauncher(async (taskId) => {
    await warnWithoutWorkers(taskId);
  });
  const control = {
    async pause(taskId: string) {
      await setTaskRequest(taskId, 'pause');
      if (await liveOwner(taskId)) return waitUntil(taskId, (r) => !RUNNING_STATUSES.includes(r.status) && r.workerId === null, waitMs);
      const db = await getDb();
      // The request stays: a worker that was just starting the task pauses it as soon as it looks.
      await db.task.updateMany({ where: { id: taskId, status: { in: RUNNING_STATUSES } }, data: { status: 'Paused', errorMessage: null } });
      await appendTaskLog(taskId, 'INFO', 'Paused: no worker was running the task.');
    },
    async resume(taskId: string) {
      const db = await getDb();
      await db.task.updateMany({ where: { id: taskId, status: { in: ['Paused', 'Failed'] } }, data: { status: 'Migrating', request: null, errorMessage: null } });
      await warnWithoutWorkers(taskId);
    },
    async release(taskId: string) {
      await setTaskRequest(taskId, 'release');
      if (await liveOwner(taskId)) return waitUntil(taskId, (r) => r.status === 'Released' && r.workerId === null, waitMs);
      await releaseStoredTask(taskId);
    },
    /** Its worker stops it (committing what it read), then the cluster starts it again with the stored configuration. */
    async reload(taskId: string) {
      const db = await getDb();
      const row = await db.task.findUnique({ where: { id: taskId }, select: { status: true } });
      if (row?.status === 'Paused') return;
      await control.pause(taskId);
      await control.resume(taskId);
    },
  };
  setEngineControl(control);
}

/** The worker running the task, if it is alive. */
async function liveOwner(taskId: string): Promise<string | null> {
  const db = await getDb();
  const row = await db.task.findUnique({ where: { id: taskId }, select: { workerId: true } });
  if (!row?.workerId) return null;
  const w = await getWorker(row.workerId);
  return w && isAlive(w, await storeNowMs()) ? w.id : null;
}

/**
 * Until the worker has carried the request out: the status shows it and the worker let the task go
 * (its claim is released after the status is written, so a caller that acts next — Resume, the
 * task list — never sees a paused task still held by a worker).
 */
async function waitUntil(taskId: string, done: (row: { status: string; workerId: string | null }) => boolean, waitMs: number): Promise<void> {
  const db = await getDb();
  const end = Date.now() + waitMs;
  for (;;) {
    const row = await db.task.findUnique({ where: { id: taskId }, select: { status: true, workerId: true } });
    if (!row || done(row) || Date.now() > end) return;
    await new Promise((r) => setTimeout(r, 200));
  }
}

async function warnWithoutWorkers(taskId: string): Promise<void> {
  const db = await getDb();
  const row = await db.task.findUnique({ where: { id: taskId }, select: { config: true } });
  const cluster = taskCluster(row?.config ?? '{}');
  const now = await storeNowMs();
  const live = (await listWorkers()).filter((w) => w.cluster === cluster && isAlive(w, now));
  if (live.length === 0) await appendTaskLog(taskId, 'WARN', `No worker of cluster "${cluster}" is running: the task starts as soon as one joins (ora2kafka worker --cluster ${cluster}).`);
  else await appendTaskLog(taskId, 'INFO', `Cluster "${cluster}" (${live.length} worker${live.length === 1 ? '' : 's'}) picks the task up.`);
}
