import { PHASE_STATUSES, type PhaseFigures, type PhaseName, type PhaseStatus, type TableProgress } from '../model/phase-progress';
import { MIGRATION_TYPES, migrationTypesSchema } from '../model/task-config';
import { TASK_STATUSES, type TaskStatus } from '../model/task-status';
import { getDb } from './db';
import { storeNowMs } from './store-clock';
import { NotFoundError } from './task-repository';
import { getWorker, isAlive, taskCluster } from './worker-repository';

/**
 * The read side of a running task for the console's dashboard: TaskPhase rows (written by the
 * engine's reporter), MetricSample series and TaskLog lines. Nothing here writes.
 *
 *   getTaskProgress('o2k-…') → { status: 'Migrating', phases: [{ phase: 'full', status: 'Running',
 *     percent: 42.5, rowsDone: 425000, rowsTotal: 1000000, etaSeconds: 31,
 *     latest: { rps: 13500, bps: 2.9e6, latencyMs: null } }, …] }
 */

export const LOG_LEVELS = ['INFO', 'WARN', 'ERROR'] as const;
export type LogLevelName = (typeof LOG_LEVELS)[number];

export interface MetricPoint {
  /** Unix milliseconds. */
  t: number;
  phase: PhaseName;
  rps: number;
  /** Bytes per second. */
  bps: number;
  latencyMs: number | null;
}

/** A phase as the dashboard shows it: the engine's figures (PhaseFigures) as stored, plus when and the latest sample. */
export interface PhaseView extends PhaseFigures {
  /** Chosen in the task's Migration Types (null config section = not chosen yet: shown as planned). */
  selected: boolean;
  errorMessage: string | null;
  startedAt: Date | null;
  finishedAt: Date | null;
  updatedAt: Date | null;
  latest: MetricPoint | null;
}

export interface TaskProgressView {
  taskId: string;
  status: TaskStatus;
  errorMessage: string | null;
  startedAt: Date | null;
  finishedAt: Date | null;
  releasedAt: Date | null;
  migrationTypes: Record<PhaseName, boolean> | null;
  phases: PhaseView[];
  checkpoints: { phase: string; updatedAt: Date }[];
  /** The cluster the task runs in (Advanced Settings), and the worker running it now (cluster mode). */
  cluster: string;
  worker: { id: string; host: string; alive: boolean } | null;
}

const toStatus = (s: string): TaskStatus => ((TASK_STATUSES as readonly string[]).includes(s) ? (s as TaskStatus) : 'NotStarted');
const toPhaseStatus = (s: string): PhaseStatus => ((PHASE_STATUSES as readonly string[]).includes(s) ? (s as PhaseStatus) : 'NotStarted');
const isPhase = (p: string): p is PhaseName => (MIGRATION_TYPES as readonly string[]).includes(p);

function typesOf(config: string): Record<PhaseName, boolean> | null {
  try {
    const raw = (JSON.parse(config) as { migrationTypes?: unknown }).migrationTypes;
    if (raw === undefined) return null;
    const parsed = migrationTypesSchema.safeParse(raw);
    return parsed.success ? parsed.data : null;
  } catch {
    return null;
  }
}

function point(s: { time: Date; phase: string; rps: number; bps: number; latencyMs: number | null }): MetricPoint | null {
  return isPhase(s.phase) ? { t: s.time.getTime(), phase: s.phase, rps: s.rps, bps: s.bps, latencyMs: s.latencyMs } : null;
}

function parseTables(json: string): TableProgress[] {
  try {
    const v = JSON.parse(json) as unknown;
    return Array.isArray(v) ? (v as TableProgress[]) : [];
  } catch {
    return [];
  }
}

function emptyPhase(phase: PhaseName, selected: boolean): PhaseView {
  return { phase, selected, status: 'NotStarted', percent: 0, rowsDone: 0, rowsTotal: 0, bytesDone: 0, objectsDone: 0, objectsTotal: 0, etaSeconds: null, tables: [], errorMessage: null, startedAt: null, finishedAt: null, updatedAt: null, latest: null };
}

async function workerOf(workerId: string | null): Promise<TaskProgressView['worker']> {
  const w = workerId ? await getWorker(workerId) : null;
  return w ? { id: w.id, host: w.host, alive: isAlive(w, await storeNowMs()) } : null;
}

export async function getTaskProgress(taskId: string): Promise<TaskProgressView> {
  const db = await getDb();
  const task = await db.task.findUnique({ where: { id: taskId }, include: { phases: true, checkpoints: { select: { phase: true, updatedAt: true } } } });
  if (!task) throw new NotFoundError(`Task ${taskId}`);
  const types = typesOf(task.config);
  const phases: PhaseView[] = [];
  for (const phase of MIGRATION_TYPES) {
    const row = task.phases.find((p) => p.phase === phase);
    const selected = types ? types[phase] : true;
    const latestRow = await db.metricSample.findFirst({ where: { taskId, phase }, orderBy: { time: 'desc' } });
    const latest = latestRow ? point(latestRow) : null;
    if (!row) {
      phases.push({ ...emptyPhase(phase, selected), latest });
      continue;
    }
    const stored = toPhaseStatus(row.status);
    phases.push({
      phase,
      selected,
      // A released task runs no phase, whatever its last report said.
      status: task.status === 'Released' && (stored === 'Running' || stored === 'Paused') ? 'Stopped' : stored,
      percent: Math.max(0, Math.min(100, row.percent)),
      rowsDone: Number(row.rowsDone),
      rowsTotal: Number(row.rowsTotal),
      bytesDone: Number(row.bytesDone),
      objectsDone: row.objectsDone,
      objectsTotal: row.objectsTotal,
      etaSeconds: row.etaSeconds,
      tables: parseTables(row.tables),
      errorMessage: row.errorMessage,
      startedAt: row.startedAt,
      finishedAt: row.finishedAt,
      updatedAt: row.updatedAt,
      latest,
    });
  }
  return {
    taskId,
    status: toStatus(task.status),
    errorMessage: task.errorMessage,
    startedAt: task.startedAt,
    finishedAt: task.finishedAt,
    releasedAt: task.releasedAt,
    migrationTypes: types,
    phases,
    checkpoints: task.checkpoints,
    cluster: taskCluster(task.config),
    worker: await workerOf(task.workerId),
  };
}

/** Per task: its migration types and each phase's status and percent (the task list's Progress column). */
export async function listTaskProgress(): Promise<Record<string, { migrationTypes: Record<PhaseName, boolean> | null; phases: Pick<PhaseFigures, 'phase' | 'status' | 'percent'>[] }>> {
  const db = await getDb();
  const tasks = await db.task.findMany({ select: { id: true, config: true, phases: { select: { phase: true, status: true, percent: true } } } });
  return Object.fromEntries(
    tasks.map((t) => [
      t.id,
      {
        migrationTypes: typesOf(t.config),
        phases: t.phases.filter((p) => isPhase(p.phase)).map((p) => ({ phase: p.phase as PhaseName, status: toPhaseStatus(p.status), percent: Math.max(0, Math.min(100, p.percent)) })),
      },
    ]),
  );
}

/**
 * MetricSample rows of the last `minutes` up to now (or up to the newest sample when that is
 * older than the window), averaged into at most `maxPoints` buckets per phase so a day of 5-second samples stays
 * a light payload.
 */
export async function getTaskMetrics(taskId: string, opts: { minutes: number; maxPoints?: number; now?: number }): Promise<{ from: number; to: number; points: MetricPoint[] }> {
  const db = await getDb();
  if (!(await db.task.findUnique({ where: { id: taskId }, select: { id: true } }))) throw new NotFoundError(`Task ${taskId}`);
  const newest = await db.metricSample.findFirst({ where: { taskId }, orderBy: { time: 'desc' }, select: { time: true } });
  const now = opts.now ?? Date.now();
  // A task that stopped long ago still shows its last window of activity.
  const to = newest && newest.time.getTime() < now - opts.minutes * 60_000 ? newest.time.getTime() : now;
  let from = to - opts.minutes * 60_000;
  const rows = await db.metricSample.findMany({ where: { taskId, time: { gte: new Date(from), lte: new Date(to) } }, orderBy: { time: 'asc' } });
  const points = rows.map(point).filter((p): p is MetricPoint => p !== null);
  // A young task's samples fill the chart instead of its last pixels: the range starts just
  // before the first sample when that is inside the window and nothing older exists.
  const first = points[0];
  if (first && first.t > from && !(await db.metricSample.findFirst({ where: { taskId, time: { lt: new Date(first.t) } }, select: { id: true } }))) {
    from = Math.max(from, first.t - Math.max(5_000, (to - first.t) * 0.05));
  }
  return { from, to, points: downsample(points, from, to, opts.maxPoints ?? 240) };
}

/** Averages points into equal time buckets per phase when there are more than `maxPoints` of a phase. */
export function downsample(points: MetricPoint[], from: number, to: number, maxPoints: number): MetricPoint[] {
  const out: MetricPoint[] = [];
  for (const phase of MIGRATION_TYPES) {
    const mine = points.filter((p) => p.phase === phase);
    if (mine.length <= maxPoints) {
      out.push(...mine);
      continue;
    }
    const width = Math.max(1, (to - from) / maxPoints);
    const buckets = new Map<number, MetricPoint[]>();
    for (const p of mine) {
      const b = Math.min(maxPoints - 1, Math.floor((p.t - from) / width));
      (buckets.get(b) ?? buckets.set(b, []).get(b)!).push(p);
    }
    for (const [, ps] of [...buckets].sort((a, b) => a[0] - b[0])) {
      const lat = ps.filter((p) => p.latencyMs !== null);
      const avg = (f: (p: MetricPoint) => number, xs: MetricPoint[]) => xs.reduce((s, p) => s + f(p), 0) / xs.length;
      out.push({ t: Math.round(avg((p) => p.t, ps)), phase, rps: avg((p) => p.rps, ps), bps: avg((p) => p.bps, ps), latencyMs: lat.length ? avg((p) => p.latencyMs!, lat) : null });
    }
  }
  return out.sort((a, b) => a.t - b.t);
}

export interface TaskLogView {
  id: number;
  time: Date;
  level: LogLevelName;
  message: string;
}

/** Newest first; `levels` filters (the engine writes lower case, the console upper case: both match). */
export async function getTaskLogs(taskId: string, opts: { levels?: LogLevelName[]; limit?: number; beforeId?: number }): Promise<{ logs: TaskLogView[]; nextCursor: number | null }> {
  const db = await getDb();
  if (!(await db.task.findUnique({ where: { id: taskId }, select: { id: true } }))) throw new NotFoundError(`Task ${taskId}`);
  const limit = Math.min(500, Math.max(1, opts.limit ?? 100));
  const levels = opts.levels && opts.levels.length > 0 ? opts.levels.flatMap((l) => [l, l.toLowerCase()]) : undefined;
  const rows = await db.taskLog.findMany({
    where: { taskId, ...(levels ? { level: { in: levels } } : {}), ...(opts.beforeId ? { id: { lt: opts.beforeId } } : {}) },
    orderBy: { id: 'desc' },
    take: limit + 1,
  });
  const page = rows.slice(0, limit);
  return {
    logs: page.map((r) => ({ id: r.id, time: r.time, level: normalizeLevel(r.level), message: r.message })),
    nextCursor: rows.length > limit ? page[page.length - 1]!.id : null,
  };
}

function normalizeLevel(level: string): LogLevelName {
  const up = level.toUpperCase();
  if (up === 'WARNING') return 'WARN';
  return (LOG_LEVELS as readonly string[]).includes(up) ? (up as LogLevelName) : 'INFO';
}
