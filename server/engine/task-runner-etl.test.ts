import { createHash } from 'node:crypto';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { createDtsAvroFormat } from '../formats/dts-avro/dts-avro-format';
import { createSharePlexJsonFormat } from '../formats/shareplex-json/shareplex-json-format';
import { EtlRunner } from '../model/etl';
import { taskConfigSchema } from '../model/task-config';
import { createSimDatabase, installSampleSchema, ManualClock, SimGateway } from '../oracle/sim';
import { MemoryTarget } from '../../test/support/engine/memory-target';
import { memoryOpenTarget } from '../../test/support/engine/source-state';
import { decodingType } from '../../test/support/formats/dts-avro-reference-type';
import { MemoryReporter } from './task-reporter';
import { TaskRunner } from './task-runner';

/**
 * Configure ETL in the engine, with the real DTS Avro format (its per-column-list plan cache
 * included) decoded with the reference schema: full-load rows and incremental changes of
 * HR.EMPLOYEES carry the same transformed `fields` and images — a derived column, a hashed and a
 * partially masked one, a dropped one, an audit column — and rows the keep condition refuses are
 * not written, in either phase.
 */
const NS = 'com.alibaba.dts.formats.avro.';
const TASK_ID = 'etl-task';
const SCRIPT = `
for HR.EMPLOYEES {
  keep when DEPARTMENT_ID <> 50 OR DEPARTMENT_ID IS NULL;
  set FULL_NAME = UPPER(FIRST_NAME || ' ' || LAST_NAME);
  mask EMAIL hash;
  mask PHONE_NUMBER partial(3, 2);
  drop COMMISSION_PCT;
  set HIRED_ON = TO_CHAR(HIRE_DATE, 'YYYY-MM-DD');
  set REVIEW_DUE = ADD_MONTHS(HIRE_DATE, 6);
  audit op AS CHANGE_OP;
}
audit commit_time AS CHANGED_AT;
audit scn AS AT_SCN;
audit xid AS XID;`;
const FIELDS = ['EMPLOYEE_ID', 'FIRST_NAME', 'LAST_NAME', 'EMAIL', 'PHONE_NUMBER', 'HIRE_DATE', 'JOB_ID', 'SALARY', 'MANAGER_ID', 'DEPARTMENT_ID', 'LAST_UPDATED', 'FULL_NAME', 'HIRED_ON', 'REVIEW_DUE', 'CHANGE_OP', 'CHANGED_AT', 'AT_SCN', 'XID'];

const runners: TaskRunner[] = [];
afterEach(async () => {
  for (const r of runners.splice(0)) await r.release().catch(() => undefined);
});

type Image = Record<string, Record<string, unknown>> | null;
interface Decoded {
  operation: string;
  objectName: string;
  fields: { name: string }[];
  afterImages: Image[] | null;
}

/** The text of an image value (Integer/Decimal value, Character bytes as UTF-8). */
function text(v: Image): string | null {
  if (v === null) return null;
  const [member, body] = Object.entries(v)[0]!;
  if (member === `${NS}Character`) return (body.value as Buffer).toString('utf8');
  return String(body.value);
}

async function until(cond: () => boolean, what: string): Promise<void> {
  const end = Date.now() + 20_000;
  while (!cond()) {
    if (Date.now() > end) throw new Error(`timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 10));
  }
}

describe('Configure ETL in the engine', () => {
  it('full-load and incremental records carry the transformed fields; kept rows only', async () => {
    const db = createSimDatabase({ clock: new ManualClock(), idleScnPerSecond: 0, supplementalLogging: { pk: true, ui: true, all: true } });
    installSampleSchema(db, { employees: 40 });
    const gateway = () => new SimGateway(db, { host: 'e.sim', port: 1521, kind: 'sid', database: 'SIMDB', user: 'DTS_SYNC', password: 'dts_sync' });
    const reader = gateway();
    const cols = (await reader.describeTable('HR', 'EMPLOYEES')).columns.map((c) => c.name);
    const chunk = await reader.readChunk({ owner: 'HR', table: 'EMPLOYEES', scn: await reader.currentScn(), keyColumns: ['EMPLOYEE_ID'], afterKey: null, limit: 1000 });
    await reader.close();
    const sourceRows = new Map(chunk.rows.map((row) => [String(row[0]), row as unknown[]]));
    const config = taskConfigSchema.parse({
      name: 'etl',
      source: { host: 'e.sim', database: 'SIMDB', user: 'DTS_SYNC', password: 'dts_sync' },
      destination: { brokers: 'k:9092', topic: 'data', ddlTopic: 'ddl' },
      migrationTypes: { schema: false, full: true, incremental: true },
      objects: { schemas: [{ name: 'HR', tables: [{ name: 'EMPLOYEES' }] }] },
      advanced: { etl: { enabled: true, script: SCRIPT } },
    });
    const target = new MemoryTarget();
    const reporter = new MemoryReporter();
    const r = new TaskRunner({
      taskId: TASK_ID,
      config,
      openGateway: async () => gateway(),
      openTarget: memoryOpenTarget(target),
      format: async () => createDtsAvroFormat({ sourceVersion: '19.0.0.0.0' }),
      reporter,
      tuning: { spillDir: mkdtempSync(path.join(tmpdir(), 'o2k-etl-')), pollIntervalMs: 10, idleCheckpointMs: 30, lingerMs: 1 },
      retry: { baseDelayMs: 10, maxDelayMs: 20 },
    });
    runners.push(r);
    r.start();
    await until(() => r.currentPhase === 'incremental' && r.lastCheckpoint?.phase === 'incremental', 'incremental migration');

    const session = db.session('HR');
    session.insert('HR', 'EMPLOYEES', { EMPLOYEE_ID: 9001, FIRST_NAME: 'Grace', LAST_NAME: 'Hopper', EMAIL: 'GHOPPER', PHONE_NUMBER: '650.555.0199', HIRE_DATE: { year: 2020, month: 1, day: 2, hour: 0, minute: 0, second: 0, nanos: 0 }, JOB_ID: 'IT_PROG', SALARY: '9000', COMMISSION_PCT: '0.1', DEPARTMENT_ID: 60 });
    session.insert('HR', 'EMPLOYEES', { EMPLOYEE_ID: 9002, FIRST_NAME: 'Kept', LAST_NAME: 'Out', EMAIL: 'KOUT', HIRE_DATE: { year: 2020, month: 1, day: 2, hour: 0, minute: 0, second: 0, nanos: 0 }, JOB_ID: 'IT_PROG', DEPARTMENT_ID: 50 });
    session.commit();
    session.update('HR', 'EMPLOYEES', { EMPLOYEE_ID: 9001 }, { LAST_NAME: 'Murray Hopper' });
    session.commit();
    const decode = () => target.committed.map((c) => decodingType().type.fromBuffer(c.value) as Decoded);
    await until(() => decode().some((d) => d.operation === 'UPDATE'), 'the incremental UPDATE');
    await r.stop();

    const records = decode();
    const init = records.filter((d) => d.operation === 'INIT');
    const expectedInit = [...sourceRows.values()].filter((row) => row[cols.indexOf('DEPARTMENT_ID')] !== '50');
    expect(init.length).toBe(expectedInit.length);
    expect(expectedInit.length).toBeLessThan(sourceRows.size); // the keep condition dropped department 50
    // The dashboard's Tables section counts them as filtered out.
    expect(reporter.phases.get('full')!.tables).toContainEqual(expect.objectContaining({ table: 'HR.EMPLOYEES', rowsDone: sourceRows.size, rowsFilteredOut: sourceRows.size - expectedInit.length }));
    for (const d of records) expect(d.fields.map((f) => f.name)).toEqual(FIELDS);

    const value = (d: Decoded, name: string) => text(d.afterImages![FIELDS.indexOf(name)]!);
    const src = (row: unknown[], name: string) => row[cols.indexOf(name)] as string | null;
    for (const d of init) {
      const row = sourceRows.get(value(d, 'EMPLOYEE_ID')!)!;
      expect(value(d, 'FULL_NAME')).toBe(`${src(row, 'FIRST_NAME') ?? ''} ${src(row, 'LAST_NAME')}`.toUpperCase());
      expect(value(d, 'EMAIL')).toBe(createHash('sha256').update(`${TASK_ID}\u0000${src(row, 'EMAIL')}`).digest('hex'));
      expect(value(d, 'CHANGE_OP')).toBe('INIT');
    }

    const inserts = records.filter((d) => d.operation === 'INSERT');
    expect(inserts.map((d) => value(d, 'EMPLOYEE_ID'))).toEqual(['9001']); // 9002 is in department 50
    expect(value(inserts[0]!, 'FULL_NAME')).toBe('GRACE HOPPER');
    expect(value(inserts[0]!, 'PHONE_NUMBER')).toBe('650*******99');
    expect(value(inserts[0]!, 'EMAIL')).toBe(createHash('sha256').update(`${TASK_ID}\u0000GHOPPER`).digest('hex'));
    expect(value(inserts[0]!, 'CHANGE_OP')).toBe('INSERT');
    expect(value(inserts[0]!, 'HIRED_ON')).toBe('2020-01-02');
    const image = (d: Decoded, name: string) => d.afterImages![FIELDS.indexOf(name)];
    expect(Object.values(image(inserts[0]!, 'REVIEW_DUE')!)[0]).toMatchObject({ year: 2020, month: 7, day: 2 });
    expect(Object.keys(image(inserts[0]!, 'CHANGED_AT')!)[0]).toBe(`${NS}DateTime`);
    expect(value(inserts[0]!, 'XID')).toMatch(/^[0-9A-F]{16}$/);
    expect(BigInt(value(inserts[0]!, 'AT_SCN')!)).toBeGreaterThan(0n);
    expect(value(init[0]!, 'XID')).toBe(null);
    const update = records.find((d) => d.operation === 'UPDATE')!;
    expect(value(update, 'FULL_NAME')).toBe('GRACE MURRAY HOPPER');
    expect(value(update, 'CHANGE_OP')).toBe('UPDATE');
  });

  it('SharePlex JSON messages carry the transformed row too', async () => {
    const db = createSimDatabase({ clock: new ManualClock(), idleScnPerSecond: 0 });
    installSampleSchema(db, { employees: 3 });
    const gw = new SimGateway(db, { host: 'e.sim', port: 1521, kind: 'sid', database: 'SIMDB', user: 'DTS_SYNC', password: 'dts_sync' });
    const meta = await gw.describeTable('HR', 'EMPLOYEES');
    const scn = await gw.currentScn();
    const chunk = await gw.readChunk({ owner: 'HR', table: 'EMPLOYEES', scn, keyColumns: ['EMPLOYEE_ID'], afterKey: null, limit: 1 });
    await gw.close();
    const row = chunk.rows[0]!;
    const event = new EtlRunner(SCRIPT, TASK_ID).apply({ op: 'INSERT', owner: 'HR', table: 'EMPLOYEES', columns: meta.columns, primaryKey: meta.primaryKey, uniqueKeys: meta.uniqueKeys, before: null, after: row, scn, commitScn: scn, txId: '0A001F00D3040000', seqInTx: 1, txSize: 1, commitTimeMs: 0 }).event!;
    const msg = createSharePlexJsonFormat().encode(event, { recordId: 1, nowMs: 0 });
    const data = (JSON.parse(msg.value.toString('utf8')) as { data: Record<string, string | null> }).data;
    const col = (name: string) => row[meta.columns.findIndex((c) => c.name === name)] as string | null;
    expect(Object.keys(data)).toEqual(FIELDS);
    expect(data.FULL_NAME).toBe(`${col('FIRST_NAME') ?? ''} ${col('LAST_NAME')}`.toUpperCase());
    expect(data.EMAIL).toBe(createHash('sha256').update(`${TASK_ID}\u0000${col('EMAIL')}`).digest('hex'));
    expect(data.XID).toBe('0A001F00D3040000');
  });

  it('tables read while the stream runs (an added table) carry the transformed fields too', async () => {
    const clock = new ManualClock();
    const db = createSimDatabase({ clock, idleScnPerSecond: 0, supplementalLogging: { pk: true, ui: true, all: true } });
    installSampleSchema(db, { employees: 20 });
    const gateway = () => new SimGateway(db, { host: 'e.sim', port: 1521, kind: 'sid', database: 'SIMDB', user: 'DTS_SYNC', password: 'dts_sync' });
    const target = new MemoryTarget();
    const start = (tables: string[], snapshots: { id: string; tables: string[] }[]) => {
      const config = taskConfigSchema.parse({
        name: 'etl-add',
        source: { host: 'e.sim', database: 'SIMDB', user: 'DTS_SYNC', password: 'dts_sync' },
        destination: { brokers: 'k:9092', topic: 'data', ddlTopic: 'ddl' },
        migrationTypes: { schema: false, full: true, incremental: true },
        objects: { schemas: [{ name: 'HR', tables: tables.map((name) => ({ name })) }] },
        advanced: { etl: { enabled: true, script: 'for HR.JOBS { set TITLE_UPPER = UPPER(JOB_TITLE); mask JOB_TITLE partial(2, 0); }' } },
        snapshots,
      });
      const r = new TaskRunner({
        taskId: TASK_ID,
        config,
        openGateway: async () => gateway(),
        openTarget: memoryOpenTarget(target),
        format: async () => createDtsAvroFormat({ sourceVersion: '19.0.0.0.0' }),
        reporter: new MemoryReporter(),
        tuning: { spillDir: mkdtempSync(path.join(tmpdir(), 'o2k-etl-')), pollIntervalMs: 10, idleCheckpointMs: 30, lingerMs: 1 },
        retry: { baseDelayMs: 10, maxDelayMs: 20 },
      });
      runners.push(r);
      r.start();
      return r;
    };
    const first = start(['REGIONS'], []);
    await until(() => first.currentPhase === 'incremental' && first.lastCheckpoint?.phase === 'incremental', 'incremental migration');
    await first.stop();
    const second = start(['REGIONS', 'JOBS'], [{ id: 'add-1', tables: ['HR.JOBS'] }]);
    // The stream moves on (a chunk is read between whole transactions, AS OF the stream's position).
    const session = db.session('HR');
    let n = 0;
    await until(() => {
      session.update('HR', 'REGIONS', { REGION_ID: 1 }, { REGION_NAME: `Europe ${++n}` });
      session.commit();
      clock.advance(300);
      return (target.checkpoint?.incremental?.snapshotsDone ?? []).includes('add-1');
    }, 'HR.JOBS read while the stream runs');
    await second.stop();
    const jobs = target.committed.map((c) => decodingType().type.fromBuffer(c.value) as Decoded).filter((d) => d.objectName === 'HR.JOBS');
    expect(jobs.length).toBeGreaterThan(5);
    for (const d of jobs) {
      expect(d.fields.map((f) => f.name)).toEqual(['JOB_ID', 'JOB_TITLE', 'MIN_SALARY', 'MAX_SALARY', 'TITLE_UPPER']);
      const title = text(d.afterImages![1]!)!;
      expect(title).toMatch(/^.{2}\*+$/);
      expect(text(d.afterImages![4]!)!.slice(0, 2)).toBe(title.slice(0, 2).toUpperCase());
    }
  });
});
