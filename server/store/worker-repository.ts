import { clusterNameSchema, taskWeight } from '../model/cluster';
import { getDb } from './db';
import { storeNowMs } from './store-clock';

/**
 * Cluster mode in the metadata DB: the Worker rows each worker keeps current (who it is, its group
 * membership, its last heartbeat), which worker runs which task (Task.workerId), and the control
 * requests the console leaves for a task's worker (Task.request: "pause" | "release").
 *
 *   await registerWorker({ id: 'w-db7-4121-9f3a', cluster: 'default', host: 'db7', pid: 4121, version: '0.1.0', sessionTimeoutMs: 10000 });
 *   await runnableTasks('default')  → [{ id: 'o2k-…', weight: 5 }, …]   what the cluster's leader assigns
 */
export interface WorkerIdentity {
  id: string;
  cluster: string;
  host: string;
  pid: number;
  version: string;
  sessionTimeoutMs: number;
}

export type TaskRequest = 'pause' | 'release';

/** Statuses in which a task should be running somewhere. */
export const RUNNING_STATUSES = ['Migrating', 'Retrying'];

/** A worker is alive while its last heartbeat is younger than its session timeout plus this margin. */
const ALIVE_MARGIN_MS = 3000;

export async function registerWorker(w: WorkerIdentity): Promise<void> {
  const db = await getDb();
  const now = new Date(await storeNowMs());
  await db.worker.upsert({
    where: { id: w.id },
    create: { ...w, startedAt: now, heartbeatAt: now },
    update: { ...w, startedAt: now, heartbeatAt: now, stoppedAt: null },
  });
}

export async function recordMembership(workerId: string, m: { memberId: string; generation: number; leader: boolean }): Promise<void> {
  const db = await getDb();
  await db.worker.update({ where: { id: workerId }, data: { ...m, heartbeatAt: new Date(await storeNowMs()) } });
}

/** A heartbeat the group coordinator acknowledged just now, stamped by the store's clock (see store-clock.ts). */
export async function recordHeartbeat(workerId: string): Promise<void> {
  const db = await getDb();
  await db.worker.update({ where: { id: workerId }, data: { heartbeatAt: new Date(await storeNowMs()) } });
}

export async function markWorkerStopped(workerId: string): Promise<void> {
  const db = await getDb();
  await db.worker.update({ where: { id: workerId }, data: { stoppedAt: new Date(await storeNowMs()), leader: false, memberId: null } });
}

/** `nowMs`: the store's clock (storeNowMs), the one heartbeats are stamped by. */
export function isAlive(w: { heartbeatAt: Date; sessionTimeoutMs: number; stoppedAt: Date | null }, nowMs: number): boolean {
  return w.stoppedAt === null && nowMs - w.heartbeatAt.getTime() <= w.sessionTimeoutMs + ALIVE_MARGIN_MS;
}

/** The cluster a stored task's config names ("default" when it names none). */
export function taskCluster(config: string): string {
  try {
    const parsed = clusterNameSchema.safeParse((JSON.parse(config) as { advanced?: { cluster?: unknown } }).advanced?.cluster);
    return parsed.success ? parsed.data : 'default';
  } catch {
    return 'default';
  }
}

/**
 * The tasks of `cluster` that should run now (Migrating or Retrying), with their weights. A task
 * with a pause or release request stays in the set until its worker has carried the request out
 * (the status then leaves Migrating): taken away earlier, it would stop without pausing.
 */
export async function runnableTasks(cluster: string): Promise<{ id: string; weight: number }[]> {
  const db = await getDb();
  const rows = await db.task.findMany({ where: { status: { in: RUNNING_STATUSES } }, select: { id: true, config: true, instanceClass: true }, orderBy: { id: 'asc' } });
  return rows.filter((r) => taskCluster(r.config) === cluster).map((r) => ({ id: r.id, weight: taskWeight(r.instanceClass) }));
}

/** Marks `workerId` as the task's worker; returns the worker that had it before (null: none). */
export async function claimTask(taskId: string, workerId: string): Promise<string | null> {
  const db = await getDb();
  const before = await db.task.findUnique({ where: { id: taskId }, select: { workerId: true } });
  await db.task.update({ where: { id: taskId }, data: { workerId } });
  return before?.workerId ?? null;
}

/** Forgets the task's worker, unless another worker claimed it meanwhile. */
export async function releaseTaskClaim(taskId: string, workerId: string): Promise<void> {
  const db = await getDb();
  await db.task.updateMany({ where: { id: taskId, workerId }, data: { workerId: null } });
}

/** Status and pending request of each task (for a worker's own tasks). */
export async function taskStates(taskIds: string[]): Promise<Map<string, { status: string; request: TaskRequest | null }>> {
  if (taskIds.length === 0) return new Map();
  const db = await getDb();
  const rows = await db.task.findMany({ where: { id: { in: taskIds } }, select: { id: true, status: true, request: true } });
  return new Map(rows.map((r) => [r.id, { status: r.status, request: r.request === 'pause' || r.request === 'release' ? r.request : null }]));
}

export async function setTaskRequest(taskId: string, request: TaskRequest | null): Promise<void> {
  const db = await getDb();
  await db.task.update({ where: { id: taskId }, data: { request } });
}

export interface WorkerRow {
  id: string;
  cluster: string;
  host: string;
  pid: number;
  version: string;
  memberId: string | null;
  generation: number;
  leader: boolean;
  sessionTimeoutMs: number;
  startedAt: Date;
  heartbeatAt: Date;
  stoppedAt: Date | null;
}

export async function getWorker(workerId: string): Promise<WorkerRow | null> {
  const db = await getDb();
  return db.worker.findUnique({ where: { id: workerId } });
}

/** Workers seen within `sinceMs` (stopped ones included, so a page can say they stopped), newest first. */
export async function listWorkers(sinceMs = 24 * 3600_000): Promise<WorkerRow[]> {
  const db = await getDb();
  return db.worker.findMany({ where: { heartbeatAt: { gte: new Date((await storeNowMs()) - sinceMs) } }, orderBy: [{ cluster: 'asc' }, { startedAt: 'desc' }] });
}

/** Tasks some worker runs now: id, name, status, worker. */
export async function tasksOnWorkers(): Promise<{ id: string; name: string; status: string; workerId: string }[]> {
  const db = await getDb();
  const rows = await db.task.findMany({ where: { workerId: { not: null } }, select: { id: true, name: true, status: true, workerId: true }, orderBy: { name: 'asc' } });
  return rows.map((r) => ({ ...r, workerId: r.workerId! }));
}
