import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { randomBytes } from 'node:crypto';
import { beforeAll, describe, expect, it } from 'vitest';
import { sourceDestinationStepSchema } from '../model/task-draft';
import { createSimDatabase, installSampleSchema, LONG_TABLE_NAME, ManualClock, registerSimDatabase, SAMPLE_ACCOUNTS, type SimDatabaseOptions } from '../oracle/sim';
import type { ItemResult } from '../model/precheck-items';
import type { DestinationPlan } from './precheck-kafka';

// A private data folder and key: the store creates and migrates its own SQLite file there.
process.env.ORA2KAFKA_DATA_DIR = mkdtempSync(path.join(tmpdir(), 'o2k-precheck-'));
delete process.env.DATABASE_URL;
process.env.ORA2KAFKA_SECRET_KEY = randomBytes(32).toString('hex');

const { saveDraft, getTask } = await import('../store/task-repository');
const { getDb } = await import('../store/db');
const { beginRun } = await import('../store/precheck-repository');
const { evaluatePrecheck, latestPrecheck, planFromConfig, runPrecheck, startPrecheck, ignorePrecheckItem } = await import('./precheck');
const { taskConfigSchema } = await import('../model/task-config');

function simDb(name: string, options: SimDatabaseOptions) {
  const db = createSimDatabase({ clock: new ManualClock(), idleScnPerSecond: 0, ...options });
  installSampleSchema(db, { employees: 20, documents: 2, typeZooRows: 2 });
  registerSimDatabase(name, db);
  return db;
}

/** Destination side without a broker (the broker path is covered in test/integration). */
const kafkaOk = async (plan: DestinationPlan): Promise<ItemResult[]> => [
  { code: 'CHECK_CONN_DEST', status: 'passed', detail: `fake ${plan.destination.topic}`, hint: '' },
  { code: 'CHECK_DEST_TOPIC', status: 'passed', detail: 'Topic exists with 3 partitions', hint: '' },
  { code: 'CHECK_DEST_DDL_TOPIC', status: 'passed', detail: '', hint: '' },
  { code: 'CHECK_DEST_CHECKPOINT_TOPIC', status: 'passed', detail: '', hint: '' },
  { code: 'CHECK_DEST_CONFLICT', status: 'passed', detail: '', hint: '' },
];

async function task(host: string, settings: Record<string, unknown>, account: { user: string; password: string } = SAMPLE_ACCOUNTS.migration) {
  const step = sourceDestinationStepSchema.parse({
    name: `pre-${host}`,
    source: { host, port: 1521, kind: 'sid', database: 'SIMDB', ...account },
    destination: { brokers: '127.0.0.1:9092', topic: 'cdc' },
  });
  const { id } = await saveDraft(step);
  // What the Configure Objects and Advanced Settings steps add to the stored configuration.
  const db = await getDb();
  const row = await db.task.findUniqueOrThrow({ where: { id } });
  await db.task.update({ where: { id }, data: { config: JSON.stringify({ ...JSON.parse(row.config), ...settings }) } });
  return id;
}

const hrTables = (...names: string[]) => ({ schemas: [{ name: 'HR', tables: names.map((name) => ({ name })) }] });
const byCode = (items: { code: string }[]) => Object.fromEntries(items.map((i) => [i.code, i])) as Record<string, { id: number; code: string; status: string; detail: string; hint: string; ignorable: boolean; ignored: boolean; ignorePending?: boolean }>;

describe('precheck service on the simulator', () => {
  beforeAll(() => {
    simDb('pc-good', { supplementalLogging: { min: true, pk: true, ui: true }, archiveRetentionHours: 200, forceLogging: true });
    simDb('pc-bad', { archiveLog: false, supplementalLogging: { min: false } });
  });

  it('passes a prepared source with the migration account: every item passed, task PrecheckPassed', async () => {
    const id = await task('pc-good.sim', { objects: hrTables('EMPLOYEES', 'JOBS') });
    const run = await runPrecheck(id, { checkDestination: kafkaOk });
    const bad = run.items.filter((i) => i.status !== 'passed');
    expect(bad, JSON.stringify(bad)).toEqual([]);
    expect(run.status).toBe('Passed');
    expect(run.summary).toMatchObject({ successRate: 100, total: run.items.length, done: run.items.length });
    expect(run.items.map((i) => i.code)).toEqual([
      'CHECK_CONN_SRC', 'CHECK_SRC_VERSION', 'CHECK_SRC_OBJECTS', 'ORACLE_LOG_MODE', 'ORACLE_SUPPLEMENTAL_LOG', 'ORACLE_ARCHIVE_RETENTION',
      'ORACLE_FORCE_LOGGING', 'ORACLE_CONTAINER', 'ORACLE_FLUSH_TABLE', 'ORACLE_RAC_NODES', 'ORACLE_REDO_VOLUME', 'ORACLE_PRIVILEGES_SCHEMA', 'ORACLE_PRIVILEGES_FULL', 'ORACLE_PRIVILEGES_INCREMENTAL', 'ORACLE_TABLES_WITHOUT_KEY', 'ORACLE_NAME_LENGTH',
      'ORACLE_UNSUPPORTED_TYPES', 'CHECK_CONN_DEST', 'CHECK_DEST_TOPIC', 'CHECK_DEST_DDL_TOPIC', 'CHECK_DEST_CHECKPOINT_TOPIC', 'CHECK_DEST_CONFLICT',
    ]);
    expect(byCode(run.items).CHECK_SRC_VERSION!.detail).toContain('19c');
    expect((await getTask(id)).status).toBe('PrecheckPassed');
    const logs = await (await getDb()).taskLog.findMany({ where: { taskId: id }, orderBy: { id: 'asc' } });
    expect(logs.map((l) => l.message)).toEqual(['Precheck started (22 items).', 'Precheck passed: success rate 100% (22 passed, 0 ignored).']);
  });

  it('reports non-critical failures as alerts; an ignored alert counts only from Precheck Again; undo counts at once; failed items are never ignorable', async () => {
    const id = await task('pc-good.sim', { objects: { schemas: [{ name: 'HR', all: true }] } });
    const run = await runPrecheck(id, { checkDestination: kafkaOk });
    const items = byCode(run.items);
    expect(items.ORACLE_TABLES_WITHOUT_KEY).toMatchObject({ status: 'warning', ignorable: true, ignored: false, ignorePending: false });
    expect(items.ORACLE_TABLES_WITHOUT_KEY!.detail).toContain('HR.AUDIT_LOG');
    // Long table names are a DTS limit Kafka does not have: an alert, not a failure.
    expect(items.ORACLE_NAME_LENGTH).toMatchObject({ status: 'warning', ignorable: true });
    expect(items.ORACLE_NAME_LENGTH!.detail).toContain(LONG_TABLE_NAME);
    expect(run.items.filter((i) => i.status === 'failed')).toEqual([]);
    expect(run.status).toBe('Failed');
    const rateBefore = Math.floor((100 * (run.items.length - 2)) / run.items.length);
    expect(run.summary.successRate).toBe(rateBefore);
    expect((await getTask(id)).status).toBe('PrecheckFailed');

    // Ignoring both alerts changes nothing in this run: the rate stays, the task stays Precheck Failed.
    await ignorePrecheckItem(id, items.ORACLE_TABLES_WITHOUT_KEY!.id, true);
    const afterTwo = await ignorePrecheckItem(id, items.ORACLE_NAME_LENGTH!.id, true);
    expect(afterTwo).toMatchObject({ status: 'Failed', summary: { successRate: rateBefore, ignored: 0, warnings: 2 } });
    expect(byCode(afterTwo.items).ORACLE_NAME_LENGTH).toMatchObject({ ignored: false, ignorePending: true });
    expect((await getTask(id)).status).toBe('PrecheckFailed');
    // Undo of a pending ignore, and again.
    const undonePending = await ignorePrecheckItem(id, items.ORACLE_NAME_LENGTH!.id, false);
    expect(byCode(undonePending.items).ORACLE_NAME_LENGTH).toMatchObject({ ignored: false, ignorePending: false });
    await ignorePrecheckItem(id, items.ORACLE_NAME_LENGTH!.id, true);

    // Precheck Again: both alerts are found again and now count as ignored: 100%.
    const again = await runPrecheck(id, { checkDestination: kafkaOk });
    expect(again.id).toBeGreaterThan(run.id);
    expect(byCode(again.items).ORACLE_TABLES_WITHOUT_KEY).toMatchObject({ status: 'warning', ignored: true, ignorePending: false });
    expect(again).toMatchObject({ status: 'Passed', summary: { successRate: 100, ignored: 2 } });
    expect((await getTask(id)).status).toBe('PrecheckPassed');

    // Undoing a counted ignore takes effect at once; and it is not carried into the next run.
    const undone = await ignorePrecheckItem(id, byCode(again.items).ORACLE_NAME_LENGTH!.id, false);
    expect(undone).toMatchObject({ status: 'Failed', summary: { ignored: 1 } });
    expect((await getTask(id)).status).toBe('PrecheckFailed');
    const third = await runPrecheck(id, { checkDestination: kafkaOk });
    expect(byCode(third.items).ORACLE_NAME_LENGTH).toMatchObject({ ignored: false });
    expect(byCode(third.items).ORACLE_TABLES_WITHOUT_KEY).toMatchObject({ ignored: true });
    // Results of a replaced run can no longer be changed.
    await expect(ignorePrecheckItem(id, items.ORACLE_TABLES_WITHOUT_KEY!.id, false)).rejects.toMatchObject({ code: 'CONFLICT' });
  });

  it('fails the read-only account on privileges per migration type, with GRANT fixes, not ignorable', async () => {
    const id = await task('pc-good.sim', { objects: hrTables('EMPLOYEES'), migrationTypes: { schema: true, full: true, incremental: false } }, SAMPLE_ACCOUNTS.readOnly);
    const run = await runPrecheck(id, { checkDestination: kafkaOk });
    const items = byCode(run.items);
    expect(items.ORACLE_PRIVILEGES_INCREMENTAL).toBeUndefined();
    expect(items.ORACLE_PRIVILEGES_SCHEMA).toMatchObject({ status: 'failed', ignorable: false });
    expect(items.ORACLE_PRIVILEGES_FULL!.hint).toContain('GRANT FLASHBACK ON HR.EMPLOYEES TO READONLY;');
    await expect(ignorePrecheckItem(id, items.ORACLE_PRIVILEGES_FULL!.id, true)).rejects.toMatchObject({ code: 'CONFLICT', message: expect.stringContaining('failed and cannot be ignored: only alerts (warnings) can') });
    expect(run.status).toBe('Failed');
  });

  it('fails NOARCHIVELOG and missing supplemental logging for incremental migration', async () => {
    const id = await task('pc-bad.sim', { objects: hrTables('JOBS') });
    const items = byCode((await runPrecheck(id, { checkDestination: kafkaOk })).items);
    expect(items.ORACLE_LOG_MODE).toMatchObject({ status: 'failed', ignorable: false });
    expect(items.ORACLE_LOG_MODE!.hint).toContain('ALTER DATABASE ARCHIVELOG');
    expect(items.ORACLE_SUPPLEMENTAL_LOG).toMatchObject({ status: 'failed', ignorable: false });
    expect(items.ORACLE_ARCHIVE_RETENTION!.status).toBe('failed');
    expect(items.CHECK_CONN_SRC!.status).toBe('passed');
  });

  it('reports a wrong password as CHECK_CONN_SRC and marks the dependent items not checked', async () => {
    const id = await task('pc-good.sim', { objects: hrTables('JOBS') }, { user: 'DTS_SYNC', password: 'wrong' });
    const run = await runPrecheck(id, { checkDestination: kafkaOk });
    const items = byCode(run.items);
    expect(items.CHECK_CONN_SRC!.detail).toContain('ORA-01017');
    expect(items.CHECK_CONN_SRC!.hint).not.toBe('');
    expect(items.ORACLE_LOG_MODE!.detail).toBe('Not checked: the source database could not be reached.');
    expect(items.CHECK_CONN_DEST!.status).toBe('passed');
  });

  it('names missing objects, requires a selection, and checks row filters against the real columns', async () => {
    const none = byCode((await runPrecheck(await task('pc-good.sim', {}), { checkDestination: kafkaOk })).items);
    expect(none.CHECK_SRC_OBJECTS).toMatchObject({ status: 'failed' });
    expect(none.ORACLE_LOG_MODE!.detail).toContain('no objects are selected');

    const objects = { schemas: [{ name: 'HR', tables: [{ name: 'JOBS' }, { name: 'NOPE' }, { name: 'EMPLOYEES', filter: 'SALRY > 1000' }] }, { name: 'GHOST', all: true }] };
    const items = byCode((await runPrecheck(await task('pc-good.sim', { objects }), { checkDestination: kafkaOk })).items);
    expect(items.CHECK_SRC_OBJECTS!.detail).toContain('table HR.NOPE, schema GHOST');
    expect(items.ORACLE_PRIVILEGES_FULL!.status).toBe('passed');
    expect(items.ORACLE_ROW_FILTERS).toMatchObject({ status: 'failed' });
    expect(items.ORACLE_ROW_FILTERS!.detail).toMatch(/HR\.EMPLOYEES: .*SALRY.*SALARY/);
  });

  it('warns when a row filter reads a column UPDATE redo carries only when changed, with the ALL-columns fix', async () => {
    const objects = { schemas: [{ name: 'HR', tables: [{ name: 'JOBS', filter: "JOB_ID LIKE 'AD%'" }, { name: 'EMPLOYEES', filter: 'SALARY > 1000' }] }] };
    const items = byCode((await runPrecheck(await task('pc-good.sim', { objects }), { checkDestination: kafkaOk })).items);
    // JOBS filters on its key (always logged); EMPLOYEES on SALARY, which is not.
    expect(items.ORACLE_ROW_FILTERS).toMatchObject({ status: 'warning' });
    expect(items.ORACLE_ROW_FILTERS!.detail).toContain('"HR"."EMPLOYEES" reads SALARY');
    expect(items.ORACLE_ROW_FILTERS!.detail).not.toContain('JOBS');
    expect(items.ORACLE_ROW_FILTERS!.hint).toBe('Log every column of these tables so each change can be filtered: ALTER TABLE "HR"."EMPLOYEES" ADD SUPPLEMENTAL LOG DATA (ALL) COLUMNS;');
    // A full-only task reads no redo: nothing to warn about.
    const full = byCode((await runPrecheck(await task('pc-good.sim', { objects, migrationTypes: { schema: true, full: true, incremental: false } }), { checkDestination: kafkaOk })).items);
    expect(full.ORACLE_ROW_FILTERS!.status).toBe('passed');
  });

  it('shows progress while the destination side is still checking, and refuses a second run meanwhile', async () => {
    const id = await task('pc-good.sim', { objects: hrTables('JOBS') });
    let release!: () => void;
    const gate = new Promise<void>((r) => (release = r));
    const { runId, done } = await startPrecheck(id, { checkDestination: async (p) => (await gate, kafkaOk(p)) });
    await expect.poll(async () => (await latestPrecheck(id))?.summary.done).toBe(17);
    const mid = (await latestPrecheck(id))!;
    expect(mid).toMatchObject({ id: runId, status: 'Running', summary: { total: 22, outcome: 'Running' } });
    expect(byCode(mid.items).CHECK_CONN_DEST!.status).toBe('pending');
    expect((await getTask(id)).status).toBe('Prechecking');
    await expect(startPrecheck(id, { checkDestination: kafkaOk })).rejects.toThrow(/already running/);
    release();
    expect((await done).status).toBe('Passed');
  });

  it('closes a run left Running by a previous console process, and refuses tasks that have started', async () => {
    const id = await task('pc-good.sim', { objects: hrTables('JOBS') });
    await beginRun(id, ['CHECK_CONN_SRC']);
    const closed = (await latestPrecheck(id))!;
    expect(closed.status).toBe('Failed');
    expect(closed.items[0]!.detail).toContain('interrupted');
    expect((await getTask(id)).status).toBe('PrecheckFailed');

    await (await getDb()).task.update({ where: { id }, data: { status: 'Migrating' } });
    await expect(startPrecheck(id, { checkDestination: kafkaOk })).rejects.toMatchObject({ code: 'CONFLICT', message: expect.stringContaining('is Migrating') });
  });
  it('evaluates a whole task file without storing anything (CLI)', async () => {
    const config = taskConfigSchema.parse({
      name: 'cli',
      source: { host: 'pc-bad.sim', database: 'SIMDB', ...SAMPLE_ACCOUNTS.migration },
      destination: { brokers: 'k:9092', topic: 'cdc' },
      migrationTypes: { schema: true, full: true, incremental: false },
      objects: { schemas: [{ name: 'HR', tables: [{ name: 'AUDIT_LOG' }] }] },
    });
    const before = await (await getDb()).precheckRun.count();
    const { items, summary } = await evaluatePrecheck(planFromConfig(config), { checkDestination: kafkaOk });
    const r = Object.fromEntries(items.map((i) => [i.code, i]));
    // Full-only: NOARCHIVELOG does not matter; the keyless table is an ignorable warning.
    expect(r.ORACLE_LOG_MODE!.status).toBe('passed');
    expect(r.ORACLE_PRIVILEGES_INCREMENTAL).toBeUndefined();
    expect(r.ORACLE_TABLES_WITHOUT_KEY).toMatchObject({ status: 'warning', ignorable: true, name: 'Primary key or unique key of tables' });
    expect(summary).toMatchObject({ outcome: 'Failed', warnings: 1, total: items.length, successRate: Math.floor((100 * (items.length - 1)) / items.length) });
    expect(await (await getDb()).precheckRun.count()).toBe(before);
  });
});
