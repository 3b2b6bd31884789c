import { Ora2KafkaError } from '../model/errors';
import { canTransition, TASK_STATUS_LABEL, TASK_STATUSES, type TaskStatus } from '../model/task-status';
import { ITEM_NAMES, isIgnorable, itemName, summarize, type ItemResult, type ItemStatus, type RunOutcome, type RunSummary } from '../model/precheck-items';
import { getDb } from './db';
import { appendTaskLog, NotFoundError } from './task-repository';

/**
 * PrecheckRun / PrecheckItem rows and the task status moves a precheck makes, always through
 * VALID_TRANSITIONS and as conditional updates (`WHERE status IN (…)`), so a task released or
 * edited while its precheck ran is left alone:
 *   begin     NotStarted | PrecheckFailed | PrecheckPassed → Prechecking
 *   complete  Prechecking → PrecheckPassed | PrecheckFailed
 *   ignore    nothing moves: an alert ignored counts from the next run (Precheck Again) on
 *   undo      an ignore already counted is dropped at once: PrecheckPassed → Prechecking → PrecheckFailed
 */

export interface PrecheckItemView {
  id: number;
  code: string;
  name: string;
  status: ItemStatus;
  detail: string;
  hint: string;
  ignorable: boolean;
  /** Counted as ignored in this run's success rate. */
  ignored: boolean;
  /** Ignore was confirmed after this run finished: it counts from the next run (Precheck Again) on. */
  ignorePending: boolean;
}

export interface PrecheckRunView {
  id: number;
  taskId: string;
  status: RunOutcome;
  startedAt: Date;
  finishedAt: Date | null;
  items: PrecheckItemView[];
  summary: RunSummary;
}

export class PrecheckConflictError extends Ora2KafkaError {
  constructor(message: string, hint: string) {
    super('CONFLICT', message, { hint });
  }
}

const ORDER = new Map(Object.keys(ITEM_NAMES).map((code, i) => [code, i]));
const rank = (code: string) => ORDER.get(code) ?? ORDER.size;
const toStatus = (s: string): TaskStatus => ((TASK_STATUSES as readonly string[]).includes(s) ? (s as TaskStatus) : 'NotStarted');

/** Moves the task from any of `from` to `to`; returns false when it was in none of them. */
async function moveTask(taskId: string, from: TaskStatus[], to: TaskStatus): Promise<boolean> {
  const allowed = from.filter((f) => canTransition(f, to));
  if (allowed.length === 0) return false;
  const db = await getDb();
  const r = await db.task.updateMany({ where: { id: taskId, status: { in: allowed } }, data: { status: to } });
  return r.count > 0;
}

/** Starts a run: the task moves to Prechecking and every planned item is stored as pending. */
export async function beginRun(taskId: string, plannedCodes: string[]): Promise<{ runId: number; carriedIgnores: Set<string> }> {
  const db = await getDb();
  const task = await db.task.findUnique({ where: { id: taskId }, select: { status: true, name: true } });
  if (!task) throw new NotFoundError(`Task ${taskId}`);
  const from = TASK_STATUSES.filter((s) => s !== 'Prechecking' && canTransition(s, 'Prechecking'));
  if (!(await moveTask(taskId, [...from], 'Prechecking'))) {
    const now = toStatus((await db.task.findUnique({ where: { id: taskId }, select: { status: true } }))?.status ?? task.status);
    if (now === 'Prechecking') throw new PrecheckConflictError(`A precheck of task "${task.name}" is already running.`, 'Wait for it to finish; the list of items refreshes by itself.');
    throw new PrecheckConflictError(`Task "${task.name}" is ${TASK_STATUS_LABEL[now]}; only a task that has not started can be prechecked.`, 'Create a new task to migrate with different settings.');
  }
  const previous = await db.precheckRun.findFirst({ where: { taskId }, orderBy: { id: 'desc' }, include: { items: { where: { ignoreNext: true }, select: { code: true } } } });
  const run = await db.precheckRun.create({
    data: { taskId, status: 'Running', items: { create: plannedCodes.map((code) => ({ code, name: itemName(code), status: 'pending' })) } },
  });
  await appendTaskLog(taskId, 'INFO', `Precheck started (${plannedCodes.length} items).`);
  return { runId: run.id, carriedIgnores: new Set(previous?.items.map((i) => i.code) ?? []) };
}

/** Stores results over their pending rows (new codes are added); ignores from the last run carry over. */
export async function recordResults(runId: number, results: ItemResult[], carriedIgnores: Set<string>): Promise<void> {
  const db = await getDb();
  const existing = await db.precheckItem.findMany({ where: { runId }, select: { id: true, code: true, status: true } });
  for (const r of results) {
    const ignorable = isIgnorable(r.status);
    const ignored = ignorable && carriedIgnores.has(r.code);
    const data = { status: r.status, detail: r.detail, hint: r.hint, ignorable, ignored, ignoreNext: ignored };
    const row = existing.find((e) => e.code === r.code && e.status === 'pending');
    if (row) {
      row.status = r.status;
      await db.precheckItem.update({ where: { id: row.id }, data });
    } else {
      await db.precheckItem.create({ data: { runId, code: r.code, name: itemName(r.code), ...data } });
    }
  }
}

/** Finishes a run: items never reached fail with `reason`; the task gets the run's verdict. */
export async function completeRun(runId: number, reason = 'the precheck ended before this item was checked'): Promise<PrecheckRunView> {
  const db = await getDb();
  await db.precheckItem.updateMany({ where: { runId, status: 'pending' }, data: { status: 'failed', detail: `Not checked: ${reason}.`, hint: 'Click Precheck Again.' } });
  const run = await db.precheckRun.findUniqueOrThrow({ where: { id: runId }, include: { items: true } });
  const summary = summarize(run.items, true);
  await db.precheckRun.update({ where: { id: runId }, data: { status: summary.outcome, finishedAt: new Date() } });
  const moved = await moveTask(run.taskId, ['Prechecking'], summary.outcome === 'Passed' ? 'PrecheckPassed' : 'PrecheckFailed');
  const failing = run.items.filter((i) => i.status !== 'passed' && !i.ignored).map((i) => i.code);
  await appendTaskLog(
    run.taskId,
    summary.outcome === 'Passed' ? 'INFO' : 'WARN',
    `Precheck ${summary.outcome === 'Passed' ? 'passed' : 'failed'}: success rate ${summary.successRate}% (${summary.passed} passed, ${summary.ignored} ignored${failing.length ? `; not passed: ${failing.join(', ')}` : ''}).${moved ? '' : ' The task status was changed meanwhile and was left as it is.'}`,
  );
  return (await runView(runId))!;
}

export async function runView(runId: number): Promise<PrecheckRunView | null> {
  const db = await getDb();
  const run = await db.precheckRun.findUnique({ where: { id: runId }, include: { items: true } });
  if (!run) return null;
  const items: PrecheckItemView[] = run.items
    .map((i) => ({ id: i.id, code: i.code, name: i.name, status: i.status as ItemStatus, detail: i.detail ?? '', hint: i.hint ?? '', ignorable: i.ignorable, ignored: i.ignored, ignorePending: i.ignoreNext && !i.ignored }))
    .sort((a, b) => rank(a.code) - rank(b.code) || a.id - b.id);
  const finished = run.status !== 'Running';
  return { id: run.id, taskId: run.taskId, status: run.status as RunOutcome, startedAt: run.startedAt, finishedAt: run.finishedAt, items, summary: summarize(items, finished) };
}

export async function latestRunId(taskId: string): Promise<number | null> {
  const db = await getDb();
  const run = await db.precheckRun.findFirst({ where: { taskId }, orderBy: { id: 'desc' }, select: { id: true } });
  return run?.id ?? null;
}

/**
 * "Confirm Alert Details > Ignore" (or undo it) on an item of the task's latest finished run. An
 * ignore is remembered for the next run — this run's success rate does not change until Precheck
 * Again, as in DTS — while undoing an ignore this run already counts takes effect at once (the run's
 * verdict is recomputed and the task follows it).
 */
export async function setItemIgnored(taskId: string, itemId: number, ignored: boolean): Promise<PrecheckRunView> {
  const db = await getDb();
  const item = await db.precheckItem.findUnique({ where: { id: itemId }, include: { run: { include: { task: { select: { name: true, status: true } } } } } });
  if (!item || item.run.taskId !== taskId) throw new NotFoundError(`Precheck item ${itemId} of task ${taskId}`);
  if ((await latestRunId(taskId)) !== item.runId) throw new PrecheckConflictError('This precheck result has been replaced by a newer run.', 'Refresh the page to see the latest precheck.');
  if (item.run.status === 'Running') throw new PrecheckConflictError('The precheck is still running.', 'Wait until every item has a result.');
  const status = toStatus(item.run.task.status);
  if (status !== 'PrecheckFailed' && status !== 'PrecheckPassed') {
    throw new PrecheckConflictError(`Task "${item.run.task.name}" is ${TASK_STATUS_LABEL[status]}; its precheck can no longer be changed.`, 'Precheck results only matter before a task starts.');
  }
  if (ignored && !item.ignorable) {
    if (item.status !== 'failed') throw new PrecheckConflictError(`"${item.name}" passed; there is nothing to ignore.`, 'Only alerts (warnings) can be ignored.');
    throw new PrecheckConflictError(`"${item.name}" failed and cannot be ignored: only alerts (warnings) can, because the task would fail on a failed item.`, item.hint ?? 'Fix the cause, then click Precheck Again.');
  }
  if (ignored && !item.ignoreNext) {
    await db.precheckItem.update({ where: { id: itemId }, data: { ignoreNext: true } });
    await appendTaskLog(taskId, 'WARN', `Ignored precheck item ${item.code} (${item.name}); it counts as ignored from the next precheck run (Precheck Again).`);
  } else if (!ignored && (item.ignoreNext || item.ignored)) {
    await db.precheckItem.update({ where: { id: itemId }, data: { ignoreNext: false, ignored: false } });
    await appendTaskLog(taskId, 'INFO', `No longer ignoring precheck item ${item.code} (${item.name}).`);
  }
  if (!ignored && item.ignored) {
    const items = await db.precheckItem.findMany({ where: { runId: item.runId } });
    const summary = summarize(items, true);
    await db.precheckRun.update({ where: { id: item.runId }, data: { status: summary.outcome } });
    if (summary.outcome === 'Failed' && status === 'PrecheckPassed') {
      if (await moveTask(taskId, ['PrecheckPassed'], 'Prechecking')) await moveTask(taskId, ['Prechecking'], 'PrecheckFailed');
    }
  }
  return (await runView(item.runId))!;
}
