import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { randomBytes } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { sourceDestinationStepSchema } from '../model/task-draft';

process.env.ORA2KAFKA_DATA_DIR = mkdtempSync(path.join(tmpdir(), 'o2k-progress-'));
delete process.env.DATABASE_URL;
process.env.ORA2KAFKA_SECRET_KEY = randomBytes(32).toString('hex');

const { saveDraft } = await import('./task-repository');
const { getDb } = await import('./db');
const repo = await import('./task-progress-repository');

async function newTask(extra: Record<string, unknown> = {}) {
  const { id } = await saveDraft(
    sourceDestinationStepSchema.parse({
      name: 'dash',
      source: { host: 'db1', database: 'ORCL', user: 'dts', password: 'pw' },
      destination: { brokers: '127.0.0.1', topic: 'cdc' },
    }),
  );
  if (Object.keys(extra).length > 0) {
    const db = await getDb();
    const row = await db.task.findUniqueOrThrow({ where: { id } });
    await db.task.update({ where: { id }, data: { config: JSON.stringify({ ...JSON.parse(row.config), ...extra }) } });
  }
  return id;
}

describe('task progress read side', () => {
  it('describes a task that has not started: every phase Not Started, types unknown until chosen', async () => {
    const id = await newTask();
    const p = await repo.getTaskProgress(id);
    expect(p.status).toBe('NotStarted');
    expect(p.migrationTypes).toBeNull();
    expect(p.phases.map((x) => [x.phase, x.status, x.percent, x.selected, x.latest])).toEqual([
      ['schema', 'NotStarted', 0, true, null],
      ['full', 'NotStarted', 0, true, null],
      ['incremental', 'NotStarted', 0, true, null],
    ]);
    expect(await repo.getTaskMetrics(id, { minutes: 60 })).toMatchObject({ points: [] });
    expect(await repo.getTaskLogs(id, {})).toEqual({ logs: [], nextCursor: null });
    await expect(repo.getTaskProgress('nope')).rejects.toMatchObject({ code: 'NOT_FOUND' });
  });

  it('reads phase rows and the newest sample per phase', async () => {
    const id = await newTask({ migrationTypes: { schema: true, full: true, incremental: false } });
    const db = await getDb();
    await db.taskPhase.create({ data: { taskId: id, phase: 'schema', status: 'Finished', percent: 100, objectsDone: 12, objectsTotal: 12 } });
    await db.taskPhase.create({ data: { taskId: id, phase: 'full', status: 'Running', percent: 42.5, rowsDone: 425_000n, rowsTotal: 1_000_000n, bytesDone: 90_000_000n, etaSeconds: 31 } });
    const t0 = Date.now() - 60_000;
    await db.metricSample.createMany({ data: [0, 1, 2].map((i) => ({ taskId: id, phase: 'full', time: new Date(t0 + i * 5000), rps: 1000 * (i + 1), bps: 2e5 * (i + 1), latencyMs: null })) });
    const p = await repo.getTaskProgress(id);
    expect(p.migrationTypes).toEqual({ schema: true, full: true, incremental: false });
    const [schema, full, inc] = p.phases;
    expect(schema).toMatchObject({ status: 'Finished', percent: 100, objectsDone: 12, latest: null });
    expect(full).toMatchObject({ status: 'Running', percent: 42.5, rowsDone: 425_000, rowsTotal: 1_000_000, bytesDone: 90_000_000, etaSeconds: 31 });
    expect(full!.latest).toMatchObject({ rps: 3000, bps: 6e5, t: t0 + 10_000 });
    expect(inc).toMatchObject({ selected: false, status: 'NotStarted' });
    const list = await repo.listTaskProgress();
    expect(list[id]!.phases).toEqual(expect.arrayContaining([{ phase: 'full', status: 'Running', percent: 42.5 }]));
  });

  it('returns the metric window, averaged into buckets when dense, and the last window of a task that stopped long ago', async () => {
    const id = await newTask();
    const db = await getDb();
    const now = Date.UTC(2026, 10, 23, 12, 0, 0);
    // 1,200 one-second samples of the last 20 minutes: rps alternates 100/300 → buckets average 200.
    await db.metricSample.createMany({
      data: Array.from({ length: 1200 }, (_, i) => ({ taskId: id, phase: 'incremental', time: new Date(now - (1200 - i) * 1000), rps: i % 2 ? 300 : 100, bps: 1000, latencyMs: 50 })),
    });
    const m = await repo.getTaskMetrics(id, { minutes: 10, maxPoints: 100, now });
    expect(m.to).toBe(now);
    expect(m.points.length).toBeLessThanOrEqual(100);
    expect(m.points.length).toBeGreaterThan(50);
    for (const p of m.points) expect(p).toMatchObject({ phase: 'incremental', rps: 200, bps: 1000, latencyMs: 50 });
    const short = await repo.getTaskMetrics(id, { minutes: 1, now });
    expect(short.points).toHaveLength(60);

    // Two days later the dashboard still shows the last activity: all 20 minutes of it, in 240 buckets at most.
    const later = await repo.getTaskMetrics(id, { minutes: 60, now: now + 2 * 86_400_000 });
    expect(later.to).toBe(now - 1000);
    expect(later.from).toBeLessThan(now - 1_200_000);
    expect(later.points.length).toBeGreaterThan(200);
    expect(later.points.length).toBeLessThanOrEqual(240);
  });

  it("ranges a young task's charts over its samples, not over the last pixels of the window", async () => {
    const id = await newTask();
    const db = await getDb();
    const now = Date.UTC(2026, 10, 23, 12, 0, 0);
    await db.metricSample.createMany({ data: Array.from({ length: 24 }, (_, i) => ({ taskId: id, phase: 'full', time: new Date(now - 120_000 + i * 5000), rps: 10, bps: 10, latencyMs: null })) });
    const m = await repo.getTaskMetrics(id, { minutes: 15, now });
    expect(m.to).toBe(now);
    expect(m.from).toBe(now - 120_000 - 6000); // 5% of the two minutes before the first sample
    // Once older samples exist, the window is the chosen one again.
    await db.metricSample.create({ data: { taskId: id, phase: 'full', time: new Date(now - 30 * 60_000), rps: 1, bps: 1, latencyMs: null } });
    expect((await repo.getTaskMetrics(id, { minutes: 15, now })).from).toBe(now - 15 * 60_000);
  });

  it('shows the phases of a released task as Stopped, never Running, and per-table rows as stored', async () => {
    const id = await newTask();
    const db = await getDb();
    const tables = [{ table: 'HR.JOBS', status: 'Done', rowsDone: 19, rowsEstimate: 19, rowsFilteredOut: null, error: null }];
    await db.taskPhase.create({ data: { taskId: id, phase: 'full', status: 'Finished', percent: 100, tables: JSON.stringify(tables) } });
    await db.taskPhase.create({ data: { taskId: id, phase: 'incremental', status: 'Running', percent: 100 } });
    await db.task.update({ where: { id }, data: { status: 'Released' } });
    const p = await repo.getTaskProgress(id);
    expect(p.phases.map((x) => x.status)).toEqual(['NotStarted', 'Finished', 'Stopped']);
    expect(p.phases[1]!.tables).toEqual(tables);
  });

  it('lists logs newest first with a level filter that matches either case, page by page', async () => {
    const id = await newTask();
    const db = await getDb();
    for (const [level, message] of [['INFO', 'one'], ['warn', 'two'], ['ERROR', 'three'], ['info', 'four'], ['WARN', 'five']] as const) {
      await db.taskLog.create({ data: { taskId: id, level, message } });
    }
    const all = await repo.getTaskLogs(id, {});
    expect(all.logs.map((l) => `${l.level}:${l.message}`)).toEqual(['WARN:five', 'INFO:four', 'ERROR:three', 'WARN:two', 'INFO:one']);
    const warns = await repo.getTaskLogs(id, { levels: ['WARN', 'ERROR'] });
    expect(warns.logs.map((l) => l.message)).toEqual(['five', 'three', 'two']);
    const page1 = await repo.getTaskLogs(id, { limit: 2 });
    expect(page1.logs.map((l) => l.message)).toEqual(['five', 'four']);
    const page2 = await repo.getTaskLogs(id, { limit: 2, beforeId: page1.nextCursor! });
    expect(page2.logs.map((l) => l.message)).toEqual(['three', 'two']);
    const page3 = await repo.getTaskLogs(id, { limit: 2, beforeId: page2.nextCursor! });
    expect(page3).toMatchObject({ nextCursor: null, logs: [{ message: 'one' }] });
  });
});
