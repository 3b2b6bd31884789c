import { Ora2KafkaError } from '../model/errors';
import type { RowDifference, TableVerdict, VerificationReport } from '../model/verification';
import { getDb } from './db';
import { NotFoundError } from './task-repository';

/**
 * VerificationRun / VerificationResult rows: a run is created Running when asked for, and ends
 * with its report (one result row per table, the listed differences as JSON) or with the error
 * that stopped it. One run at a time per task.
 */
export type RunStatus = 'Running' | VerificationReport['outcome'] | 'failed';

export interface VerificationResultView {
  table: string;
  sourceTable: string;
  status: TableVerdict;
  reason: string | null;
  sourceRows: number;
  kafkaRows: number;
  compared: number;
  matched: number;
  missingCount: number;
  extraCount: number;
  differentCount: number;
}

export interface VerificationRunView {
  id: number;
  taskId: string;
  status: RunStatus;
  scn: string | null;
  requestedBy: string;
  startedAt: Date;
  finishedAt: Date | null;
  recordsRead: number;
  notes: string[];
  errorMessage: string | null;
  results: VerificationResultView[];
}

export interface VerificationDetail extends VerificationResultView {
  missing: RowDifference[];
  extra: RowDifference[];
  different: RowDifference[];
}

export class VerificationConflictError extends Ora2KafkaError {
  constructor(message: string) {
    super('CONFLICT', message, { hint: 'Wait for the running verification to finish; its result appears on the task page.' });
  }
}

export async function beginVerificationRun(taskId: string, requestedBy: string): Promise<number> {
  const db = await getDb();
  if (!(await db.task.findUnique({ where: { id: taskId }, select: { id: true } }))) throw new NotFoundError(`Task ${taskId}`);
  const running = await db.verificationRun.findFirst({ where: { taskId, status: 'Running' }, select: { id: true } });
  if (running) throw new VerificationConflictError(`A verification of task ${taskId} is already running (run ${running.id}).`);
  const run = await db.verificationRun.create({ data: { taskId, requestedBy } });
  return run.id;
}

export async function completeVerificationRun(runId: number, report: VerificationReport): Promise<void> {
  const db = await getDb();
  await db.$transaction([
    db.verificationResult.createMany({
      data: report.tables.map((t) => ({
        runId,
        tableName: t.table,
        sourceTable: t.sourceTable,
        status: t.status,
        reason: t.reason ?? null,
        sourceRows: t.sourceRows,
        kafkaRows: t.kafkaRows,
        compared: t.compared,
        matched: t.matched,
        missingCount: t.missingCount,
        extraCount: t.extraCount,
        differentCount: t.differentCount,
        differences: JSON.stringify({ missing: t.missing, extra: t.extra, different: t.different }),
      })),
    }),
    db.verificationRun.update({ where: { id: runId }, data: { status: report.outcome, scn: report.scn, recordsRead: report.recordsRead, notes: JSON.stringify(report.notes), finishedAt: new Date() } }),
  ]);
}

export async function failVerificationRun(runId: number, message: string): Promise<void> {
  const db = await getDb();
  await db.verificationRun.update({ where: { id: runId }, data: { status: 'failed', errorMessage: message, finishedAt: new Date() } });
}

/** The task's latest finished run, with its differences over all tables (the verification alert rule). */
export async function latestFinishedVerification(taskId: string): Promise<{ runId: number; status: string; scn: string | null; differences: number; errorMessage: string | null } | null> {
  const db = await getDb();
  const r = await db.verificationRun.findFirst({
    where: { taskId, status: { not: 'Running' } },
    orderBy: { id: 'desc' },
    select: { id: true, status: true, scn: true, errorMessage: true, results: { select: { missingCount: true, extraCount: true, differentCount: true } } },
  });
  if (!r) return null;
  const differences = r.results.reduce((n, t) => n + t.missingCount + t.extraCount + t.differentCount, 0);
  return { runId: r.id, status: r.status, scn: r.scn, differences, errorMessage: r.errorMessage };
}

/** Runs a console stopped in the middle of: they will never finish. */
export async function abandonRunningVerifications(): Promise<number> {
  const db = await getDb();
  const r = await db.verificationRun.updateMany({ where: { status: 'Running' }, data: { status: 'failed', errorMessage: 'The console stopped while this verification ran; start it again.', finishedAt: new Date() } });
  return r.count;
}

export async function listVerificationRuns(taskId: string, limit = 10): Promise<VerificationRunView[]> {
  const db = await getDb();
  const runs = await db.verificationRun.findMany({
    where: { taskId },
    orderBy: { id: 'desc' },
    take: limit,
    include: { results: { orderBy: { tableName: 'asc' }, omit: { differences: true } } },
  });
  return runs.map((r) => ({
    id: r.id,
    taskId: r.taskId,
    status: r.status as RunStatus,
    scn: r.scn,
    requestedBy: r.requestedBy,
    startedAt: r.startedAt,
    finishedAt: r.finishedAt,
    recordsRead: r.recordsRead,
    notes: JSON.parse(r.notes) as string[],
    errorMessage: r.errorMessage,
    results: r.results.map(resultView),
  }));
}

/** One table of a run with its listed keys and images. */
export async function getVerificationDetail(runId: number, table: string): Promise<VerificationDetail> {
  const db = await getDb();
  const r = await db.verificationResult.findFirst({ where: { runId, tableName: table } });
  if (!r) throw new NotFoundError(`Table ${table} in verification run ${runId}`);
  const lists = JSON.parse(r.differences) as Pick<VerificationDetail, 'missing' | 'extra' | 'different'>;
  return { ...resultView(r), ...lists };
}

function resultView(r: { tableName: string; sourceTable: string; status: string; reason: string | null; sourceRows: number; kafkaRows: number; compared: number; matched: number; missingCount: number; extraCount: number; differentCount: number }): VerificationResultView {
  return {
    table: r.tableName,
    sourceTable: r.sourceTable,
    status: r.status as TableVerdict,
    reason: r.reason,
    sourceRows: r.sourceRows,
    kafkaRows: r.kafkaRows,
    compared: r.compared,
    matched: r.matched,
    missingCount: r.missingCount,
    extraCount: r.extraCount,
    differentCount: r.differentCount,
  };
}
