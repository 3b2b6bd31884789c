import { describe, expect, it } from 'vitest';
import type { TaskCheckpoint } from '../model/pending-record';
import { taskConfigSchema } from '../model/task-config';
import { createFormat, decodeRecord } from '../formats';
import { employeeDelete, employeeInit, employeeInsert, employeeUpdate, EMPLOYEE_COLUMNS } from '../formats/fixtures/events';
import { frameConfluent } from '../kafka/confluent-frame';
import { recordReader } from './record-reader';
import { differingColumns, imageObject, sameImage } from './row-image';
import { applyRecord, liveRows, newReplayTable } from './topic-replay';
import { provableScns, verificationScn } from './verification-scn';

const config = (over: object = {}) =>
  taskConfigSchema.parse({
    name: 'verify_unit',
    source: { host: 'db.sim', database: 'SIMDB', user: 'U', password: 'p' },
    destination: { brokers: '127.0.0.1:9092', topic: 't' },
    objects: { schemas: [{ name: 'HR', all: true }] },
    ...over,
  });

const checkpoint = (over: Partial<TaskCheckpoint>): TaskCheckpoint => ({
  taskId: 'x',
  phase: 'incremental',
  schema: null,
  full: { snapshotScn: '1000', miningStartScn: '990', tables: { 'HR.A': { lastKey: null, rows: 3, done: true } } },
  incremental: null,
  finished: ['full'],
  nextRecordId: 4,
  partitions: {},
  writtenAtMs: 0,
  ...over,
});

describe('provableScns', () => {
  it('refuses a task that committed nothing, or whose full load is still running, with the fix', () => {
    expect(() => provableScns(config(), null, 'x')).toThrow(/committed nothing/);
    expect(() => provableScns(config(), checkpoint({ finished: [] }), 'x')).toThrow(/has not finished its full data migration/);
  });

  it('is the snapshot SCN after a full load, and the mined position during incremental migration', () => {
    expect(provableScns(config({ migrationTypes: { schema: false, full: true, incremental: false } }), checkpoint({ phase: 'full' }), 'x')).toEqual({ lowest: 1000n, highest: 1000n });
    // Idle: everything committed below restartScn was written.
    expect(provableScns(config(), checkpoint({ incremental: { restartScn: '1500', lastCommitScn: '1200', lastXid: 'A', partial: null } }), 'x')).toEqual({ lowest: 1000n, highest: 1499n });
    // A transaction open since 1100 holds restartScn back; the last commit is still provable.
    expect(provableScns(config(), checkpoint({ incremental: { restartScn: '1100', lastCommitScn: '1300', lastXid: 'A', partial: null } }), 'x').highest).toBe(1300n);
    // A transaction written in part caps it below its commit.
    expect(provableScns(config(), checkpoint({ incremental: { restartScn: '1500', lastCommitScn: '1200', lastXid: 'A', partial: { commitScn: '1400', xid: 'B', seq: 3 } } }), 'x').highest).toBe(1399n);
  });

  it('takes an asked SCN only inside the provable range, naming the bounds', () => {
    const range = { lowest: 1000n, highest: 1499n };
    expect(verificationScn(range, undefined)).toBe(1499n);
    expect(verificationScn(range, 1200n)).toBe(1200n);
    expect(() => verificationScn(range, 1500n)).toThrow(/past what the task has committed to Kafka \(up to SCN 1499\)/);
    expect(() => verificationScn(range, 999n)).toThrow(/before the task's snapshot SCN 1000/);
  });
});

describe('topic replay', () => {
  const dts = createFormat({ name: 'dts-avro', sourceVersion: '19' });
  const rec = (e: Parameters<typeof dts.encode>[0], over: object = {}) => ({ ...decodeRecord('dts-avro', dts.encode(e, { recordId: 1 }).value), ...over });

  it('applies INIT, UPDATE and DELETE per key, keeping columns an update does not carry', () => {
    const t = newReplayTable(EMPLOYEE_COLUMNS, ['ID']);
    applyRecord(t, rec(employeeInit));
    expect(liveRows(t)).toBe(1);
    const init = imageObject(t.names, t.rows.get('7')!.image!);
    const partial = { ...employeeUpdate, before: employeeUpdate.before!.map((v, i) => (i === 0 || i === 5 ? v : undefined)), after: employeeUpdate.after!.map((v, i) => (i === 0 || i === 5 ? v : undefined)) };
    applyRecord(t, rec(partial));
    const row = imageObject(t.names, t.rows.get('7')!.image!);
    expect(row.SALARY).toBe('1200.50');
    expect(row).toEqual({ ...init, SALARY: '1200.50' });
    applyRecord(t, rec(employeeDelete));
    expect(liveRows(t)).toBe(0);
  });

  it('never lets an older change overwrite a newer one read from another partition', () => {
    const t = newReplayTable(EMPLOYEE_COLUMNS, ['ID']);
    applyRecord(t, rec(employeeDelete)); // commit SCN of the fixtures' transaction
    applyRecord(t, rec(employeeInsert, { commitScn: employeeDelete.commitScn - 1n })); // read later, committed earlier
    expect(liveRows(t)).toBe(0);
  });

  it('finds equal images equal and names the columns that differ', () => {
    expect(sameImage(['1', null], ['1', null])).toBe(true);
    expect(sameImage(['1', null], ['1', undefined])).toBe(false);
    expect(sameImage(['1', null], ['1', 'null'])).toBe(false);
    expect(sameImage(['ab', 'c'], ['a', 'bc'])).toBe(false);
    // A slot past one image's end is one that image does not carry.
    expect(sameImage(['1', undefined], ['1'])).toBe(true);
    expect(sameImage(['1', null], ['1'])).toBe(false);
    expect(differingColumns(['A', 'B', 'C'], ['1', '2', null], ['1', '3', undefined])).toEqual(['B', 'C']);
  });

  it('reads Schema Registry framed DTS Avro when the task registers its schema', () => {
    const value = dts.encode(employeeInsert, { recordId: 5 }).value;
    const framed = recordReader(config({ destination: { brokers: '127.0.0.1:9092', topic: 't', schemaRegistry: { enabled: true, url: 'http://r:8081' } } }));
    expect(framed(frameConfluent(7, value)).op).toBe('INSERT');
    expect(recordReader(config())(value).op).toBe('INSERT');
  });
});

describe('splitKeyText', () => {
  it('undoes the message key escaping', async () => {
    const { splitKeyText } = await import('./verify-recent');
    const { keyTextAt } = await import('../formats');
    for (const parts of [['7'], ['7', '2'], ['a,b', 'c\\d'], ['', 'x'], ['\\,']]) expect(splitKeyText(keyTextAt(parts, parts.map((_, i) => i)))).toEqual(parts);
  });
});
