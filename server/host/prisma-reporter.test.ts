import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { randomBytes } from 'node:crypto';
import { describe, expect, it } from 'vitest';

process.env.ORA2KAFKA_DATA_DIR = mkdtempSync(path.join(tmpdir(), 'o2k-report-'));
delete process.env.DATABASE_URL;
process.env.ORA2KAFKA_SECRET_KEY = randomBytes(32).toString('hex');

describe('PrismaReporter', () => {
  it('writes status, phase progress, metric samples and logs in order', async () => {
    const { getDb } = await import('../store/db');
    const { PrismaReporter } = await import('./prisma-reporter');
    const db = await getDb();
    await db.task.create({ data: { id: 'rep-1', name: 'rep', config: '{}' } });
    const r = new PrismaReporter(getDb, 'rep-1');
    r.status({ status: 'Migrating', atMs: 1000 });
    const base = { phase: 'full' as const, status: 'Running' as const, rowsTotal: 100, bytesDone: 0, objectsDone: 0, objectsTotal: 2, etaSeconds: 5, warnings: [] };
    const tables = [{ table: 'HR.JOBS', status: 'Reading' as const, rowsDone: 55, rowsEstimate: 60, rowsFilteredOut: null, error: null }];
    r.phase({ ...base, percent: 10, rowsDone: 10, tables: [] });
    r.phase({ ...base, percent: 55, rowsDone: 55, tables }); // coalesced with the one before
    r.metrics({ phase: 'full', records: 55, bytes: 5500, rps: 11, bps: 1100, latency: { p50: 40, p99: 90, max: 95, count: 9 } }, 2000);
    r.log('warn', 'Trigger HR.T was migrated as DDL', 3000);
    r.status({ status: 'Retrying', reason: 'ORA-03113: end-of-file', retryTimeLeftMs: 60_000, atMs: 4000 });
    r.status({ status: 'Migrating', atMs: 5000 }); // recovered: the start time stays
    r.status({ status: 'Retrying', reason: 'ORA-03113: end-of-file', retryTimeLeftMs: 60_000, atMs: 6000 });
    await r.idle();
    const task = await db.task.findUniqueOrThrow({ where: { id: 'rep-1' } });
    expect(task).toMatchObject({ status: 'Retrying', errorMessage: 'ORA-03113: end-of-file' });
    expect(task.startedAt?.getTime()).toBe(1000);
    const phase = await db.taskPhase.findUniqueOrThrow({ where: { taskId_phase: { taskId: 'rep-1', phase: 'full' } } });
    expect(phase).toMatchObject({ status: 'Running', percent: 55, rowsDone: 55n, rowsTotal: 100n, objectsTotal: 2, etaSeconds: 5 });
    expect(JSON.parse(phase.tables)).toEqual(tables);
    expect(phase.startedAt).toBeInstanceOf(Date);
    const samples = await db.metricSample.findMany({ where: { taskId: 'rep-1' } });
    expect(samples).toMatchObject([{ phase: 'full', rps: 11, bps: 1100, latencyMs: 40 }]);
    const logs = await db.taskLog.findMany({ where: { taskId: 'rep-1' } });
    expect(logs.map((l) => [l.level, l.message])).toEqual([['WARN', 'Trigger HR.T was migrated as DDL']]);
  });

  it('on a worker, writes status and phases only while the task is still that worker\'s', async () => {
    const { getDb } = await import('../store/db');
    const { PrismaReporter } = await import('./prisma-reporter');
    const db = await getDb();
    await db.task.create({ data: { id: 'rep-own', name: 'own', config: '{}', status: 'Migrating', workerId: 'w-old' } });
    const base = { phase: 'full' as const, status: 'Running' as const, rowsTotal: 100, bytesDone: 0, objectsDone: 0, objectsTotal: 2, etaSeconds: 5, warnings: [], tables: [] };
    const old = new PrismaReporter(getDb, 'rep-own', 'w-old');
    old.phase({ ...base, percent: 10, rowsDone: 10 });
    await old.idle();
    // Another worker takes the task over; the old one wakes up and reports its fenced producer.
    await db.task.update({ where: { id: 'rep-own' }, data: { workerId: 'w-new' } });
    old.status({ status: 'Failed', reason: 'Another Ora2Kafka process took over task rep-own', atMs: 5000 });
    old.phase({ ...base, status: 'Failed', percent: 12, rowsDone: 12 });
    await old.idle();
    expect(await db.task.findUniqueOrThrow({ where: { id: 'rep-own' } })).toMatchObject({ status: 'Migrating', errorMessage: null });
    expect(await db.taskPhase.findUniqueOrThrow({ where: { taskId_phase: { taskId: 'rep-own', phase: 'full' } } })).toMatchObject({ status: 'Running', rowsDone: 10n });
    const current = new PrismaReporter(getDb, 'rep-own', 'w-new');
    current.phase({ ...base, percent: 30, rowsDone: 30 });
    await current.idle();
    expect(await db.taskPhase.findUniqueOrThrow({ where: { taskId_phase: { taskId: 'rep-own', phase: 'full' } } })).toMatchObject({ rowsDone: 30n });
  });
});
