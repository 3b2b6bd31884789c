import type { AlertRule } from '../model/task-monitoring';
import { getDb } from './db';

/**
 * Alert events (fired / resolved, kept for good while the task exists) and every delivery attempt
 * to a webhook or an e-mail address.
 *
 *   recordAlert({ taskId, rule: 'latency', kind: 'fired', message: 'Latency has been above 60 s …', value: 75, threshold: 60 })
 *   → { id: 12, episodeId: 12, … }   then  recordAlert({ …, kind: 'resolved', episodeId: 12 })
 */
export interface AlertEventView {
  id: number;
  taskId: string;
  taskName: string;
  rule: AlertRule;
  kind: 'fired' | 'resolved';
  episodeId: number | null;
  message: string;
  value: number | null;
  threshold: number | null;
  time: Date;
  /** For a fired event: resolved since (false while the episode is open). */
  resolved: boolean;
  deliveries: { channel: string; target: string; attempt: number; outcome: string; detail: string | null; time: Date }[];
}

export interface NewAlertEvent {
  taskId: string;
  rule: AlertRule;
  kind: 'fired' | 'resolved';
  episodeId?: number;
  message: string;
  value: number | null;
  threshold: number | null;
  time?: Date;
}

export async function recordAlert(e: NewAlertEvent): Promise<{ id: number; episodeId: number }> {
  const db = await getDb();
  const row = await db.alertEvent.create({
    data: { taskId: e.taskId, rule: e.rule, kind: e.kind, episodeId: e.episodeId ?? null, message: e.message, value: finite(e.value), threshold: finite(e.threshold), ...(e.time ? { time: e.time } : {}) },
  });
  if (e.kind === 'fired') await db.alertEvent.update({ where: { id: row.id }, data: { episodeId: row.id } });
  return { id: row.id, episodeId: e.episodeId ?? row.id };
}

export async function recordDelivery(d: { eventId: number; channel: 'webhook' | 'email'; target: string; attempt: number; outcome: 'ok' | 'failed' | 'gave-up'; detail: string | null }): Promise<void> {
  const db = await getDb();
  await db.alertDelivery.create({ data: d });
}

/** Episodes of a task still open (fired, not resolved): rule → fired event id. Survives a console restart. */
export async function openEpisodes(taskId: string): Promise<Partial<Record<AlertRule, number>>> {
  const db = await getDb();
  const rows = await db.alertEvent.findMany({ where: { taskId }, orderBy: { id: 'asc' }, select: { id: true, rule: true, kind: true, episodeId: true } });
  const open: Partial<Record<AlertRule, number>> = {};
  for (const r of rows) {
    if (r.kind === 'fired') open[r.rule as AlertRule] = r.id;
    else if (open[r.rule as AlertRule] === r.episodeId) delete open[r.rule as AlertRule];
  }
  return open;
}

/** A task's events, newest first, with their deliveries (the task page), or every task's (the bell). */
export async function listAlertEvents(opts: { taskId?: string; limit: number }): Promise<AlertEventView[]> {
  const db = await getDb();
  const rows = await db.alertEvent.findMany({
    where: opts.taskId ? { taskId: opts.taskId } : {},
    orderBy: { id: 'desc' },
    take: opts.limit,
    include: { task: { select: { name: true } }, deliveries: { orderBy: { id: 'asc' } } },
  });
  const resolvedEpisodes = new Set(
    (await db.alertEvent.findMany({ where: { kind: 'resolved', episodeId: { in: rows.filter((r) => r.kind === 'fired').map((r) => r.id) } }, select: { episodeId: true } })).map((r) => r.episodeId),
  );
  return rows.map((r) => ({
    id: r.id,
    taskId: r.taskId,
    taskName: r.task.name,
    rule: r.rule as AlertRule,
    kind: r.kind as 'fired' | 'resolved',
    episodeId: r.episodeId,
    message: r.message,
    value: r.value,
    threshold: r.threshold,
    time: r.time,
    resolved: r.kind === 'resolved' || resolvedEpisodes.has(r.id),
    deliveries: r.deliveries.map((d) => ({ channel: d.channel, target: d.target, attempt: d.attempt, outcome: d.outcome, detail: d.detail, time: d.time })),
  }));
}

/** How many episodes are open across all tasks (the bell's badge). */
export async function countOpenEpisodes(): Promise<number> {
  const db = await getDb();
  const fired = await db.alertEvent.count({ where: { kind: 'fired' } });
  const resolved = await db.alertEvent.count({ where: { kind: 'resolved' } });
  return Math.max(0, fired - resolved);
}

function finite(n: number | null): number | null {
  return n !== null && Number.isFinite(n) ? n : null;
}
