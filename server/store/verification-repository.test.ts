import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { randomBytes } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { sourceDestinationStepSchema } from '../model/task-draft';
import type { VerificationReport } from '../model/verification';

process.env.ORA2KAFKA_DATA_DIR = mkdtempSync(path.join(tmpdir(), 'o2k-verification-'));
delete process.env.DATABASE_URL;
process.env.ORA2KAFKA_SECRET_KEY = randomBytes(32).toString('hex');

const { saveDraft } = await import('./task-repository');
const repo = await import('./verification-repository');

const newTask = async () => (await saveDraft(sourceDestinationStepSchema.parse({ name: 'verify', source: { host: 'db1', database: 'ORCL', user: 'dts', password: 'pw' }, destination: { brokers: '127.0.0.1', topic: 'cdc' } }))).id;

const report = (over: Partial<VerificationReport> = {}): VerificationReport => ({
  taskId: 'x',
  scn: '5012345',
  topic: 'cdc',
  format: 'dts-avro',
  recordsRead: 12,
  recordsApplied: 12,
  otherTables: [],
  outcome: 'differences',
  startedAt: '',
  finishedAt: '',
  notes: ['a note'],
  tables: [
    { table: 'HR.EMP', sourceTable: 'HR.EMP', status: 'differences', sourceRows: 3, kafkaRows: 3, compared: 3, matched: 2, missingCount: 0, extraCount: 0, differentCount: 1, missing: [], extra: [], different: [{ key: '7', columns: ['SAL'], source: { ID: '7', SAL: '1' }, kafka: { ID: '7', SAL: '2' } }] },
    { table: 'HR.DEPT', sourceTable: 'HR.DEPT', status: 'unprovable', reason: 'no key', sourceRows: 2, kafkaRows: 2, compared: 0, matched: 0, missingCount: 0, extraCount: 0, differentCount: 0, missing: [], extra: [], different: [] },
  ],
  ...over,
});

describe('verification runs', () => {
  it('stores a run with its tables and differences, one running run per task', async () => {
    const taskId = await newTask();
    const runId = await repo.beginVerificationRun(taskId, 'alice');
    await expect(repo.beginVerificationRun(taskId, 'bob')).rejects.toThrow(/already running \(run \d+\)/);
    expect((await repo.listVerificationRuns(taskId))[0]).toMatchObject({ id: runId, status: 'Running', requestedBy: 'alice', results: [] });
    await repo.completeVerificationRun(runId, report());
    const [run] = await repo.listVerificationRuns(taskId);
    expect(run).toMatchObject({ status: 'differences', scn: '5012345', recordsRead: 12, notes: ['a note'] });
    expect(run!.results.map((r) => [r.table, r.status, r.differentCount, r.reason])).toEqual([
      ['HR.DEPT', 'unprovable', 0, 'no key'],
      ['HR.EMP', 'differences', 1, null],
    ]);
    const detail = await repo.getVerificationDetail(runId, 'HR.EMP');
    expect(detail.different).toEqual([{ key: '7', columns: ['SAL'], source: { ID: '7', SAL: '1' }, kafka: { ID: '7', SAL: '2' } }]);
    // Finished: a new run may start.
    const second = await repo.beginVerificationRun(taskId, 'bob');
    await repo.failVerificationRun(second, 'Task has committed nothing.');
    expect((await repo.listVerificationRuns(taskId))[0]).toMatchObject({ id: second, status: 'failed', errorMessage: 'Task has committed nothing.' });
  });

  it('refuses an unknown task, and marks runs a stopped console left Running as failed', async () => {
    await expect(repo.beginVerificationRun('no-such-task', 'alice')).rejects.toThrow(/no-such-task/);
    const taskId = await newTask();
    await repo.beginVerificationRun(taskId, 'alice');
    expect(await repo.abandonRunningVerifications()).toBeGreaterThanOrEqual(1);
    expect((await repo.listVerificationRuns(taskId))[0]!.status).toBe('failed');
  });
});
