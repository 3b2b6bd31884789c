import { describe, expect, it } from 'vitest';
import iconv from 'iconv-lite';
import type { ChangeEvent } from '../../model/change-event';
import { allTypesInsert, employeeDdl, employeeDelete, employeeInit, employeeInsert, employeeUpdate } from '../fixtures/events';
import { createSharePlexJsonFormat, FULL_LOAD_TRANS } from './shareplex-json-format';

const format = createSharePlexJsonFormat({ resolveUserId: (name) => (name === 'HR' ? 84 : undefined) });
const NOW = Date.UTC(2025, 10, 23, 12, 0, 5);
const encode = (e: ChangeEvent) => format.encode(e, { recordId: 1, nowMs: NOW });
const parse = (e: ChangeEvent) => JSON.parse(encode(e).value.toString('utf8'));

describe('SharePlex JSON encoder', () => {
  it('writes the meta block in the documented field order', () => {
    const msg = parse(employeeInsert);
    expect(Object.keys(msg)).toEqual(['meta', 'data']);
    expect(msg.meta).toEqual({
      time: '2025-11-23T12:13:20',
      userid: 84,
      op: 'ins',
      scn: '5012350',
      rowid: 'AAAR3sAAEAAAACXAAA',
      trans: '10.31.1235',
      seq: 1,
      size: 3,
      table: 'HR.EMPLOYEES',
      idx: '1/3',
      posttime: '2025-11-23T12:00:05',
    });
    expect(Object.keys(msg.meta)).toEqual(['time', 'userid', 'op', 'scn', 'rowid', 'trans', 'seq', 'size', 'table', 'idx', 'posttime']);
  });

  it('puts the whole after image, as strings or null, in data for an insert', () => {
    expect(parse(employeeInsert).data).toEqual({
      ID: '7',
      FIRST_NAME: 'Zoë',
      LAST_NAME: 'Ng',
      EMAIL: 'ZNG',
      HIRE_DATE: '2024-03-01T00:00:00',
      SALARY: '1000.00',
      COMMISSION_PCT: null,
      DEPARTMENT_ID: '90',
      UPDATED_AT: '2024-03-01T08:05:09.123456',
      NOTES: 'new hire',
    });
  });

  it('writes only the changed columns in data and the old values in key for an update', () => {
    const msg = parse(employeeUpdate);
    expect(msg.meta.op).toBe('upd');
    expect(msg.data).toEqual({ SALARY: '1200.50' });
    expect(msg.key).toEqual({ ID: '7', EMAIL: 'ZNG', SALARY: '1000.00' });
    expect(Object.keys(msg)).toEqual(['meta', 'data', 'key']);
  });

  it('counts a column as changed when it had no before value', () => {
    const e: ChangeEvent = { ...employeeUpdate, before: employeeUpdate.before!.map((v, i) => (i === 5 ? undefined : v)) };
    expect(parse(e).data).toEqual({ SALARY: '1200.50' });
    const noChange: ChangeEvent = { ...employeeUpdate, after: employeeUpdate.before };
    expect(parse(noChange).data).toEqual({});
  });

  it('puts the before image in data for a delete', () => {
    const msg = parse(employeeDelete);
    expect(msg.meta).toMatchObject({ op: 'del', idx: '3/3' });
    expect(msg.data).toMatchObject({ ID: '7', SALARY: '1200.50', NOTES: null });
    expect(msg.key).toBeUndefined();
  });

  it('writes full-load rows as inserts, each a one-row unit with the placeholder transaction', () => {
    const msg = parse(employeeInit);
    expect(msg.meta).toMatchObject({ op: 'ins', trans: FULL_LOAD_TRANS, seq: 1, size: 1, idx: '1/1', rowid: null, userid: null, scn: '5000000' });
    // The full load numbers rows per table in seqInTx; that must never leak out as seq > size.
    const ninth = parse({ ...employeeInit, seqInTx: 9 });
    expect(ninth.meta).toMatchObject({ trans: '0.0.0', seq: 1, size: 1, idx: '1/1' });
  });

  it('writes DDL text, with TRUNCATE as its own operation', () => {
    expect(parse(employeeDdl)).toMatchObject({ meta: { op: 'ddl', table: 'HR.EMPLOYEES' }, data: { ddl: employeeDdl.ddl } });
    const trunc = parse({ ...employeeDdl, ddl: 'truncate table "HR"."EMPLOYEES"' });
    expect(trunc.meta.op).toBe('truncate');
    expect(encode(employeeDdl).key).toBeNull();
  });

  it('falls back to the user name when no id resolver knows it', () => {
    const plain = createSharePlexJsonFormat();
    expect(JSON.parse(plain.encode(employeeInsert, { recordId: 1, nowMs: NOW }).value.toString()).meta.userid).toBe('HR');
  });

  it('renders every Oracle type as text', () => {
    const d = parse(allTypesInsert).data;
    expect(d).toMatchObject({
      N_FREE: '-0.05',
      BF: '0.10000000149011612',
      BD: '-2.5e-300',
      D: '2024-03-01T08:05:09',
      TS: '2024-03-01T08:05:09.123456789',
      TSTZ: '2024-03-01T08:05:09.500000+08:00',
      TSTZ_REGION: '2024-03-01T08:05:09.000000[Asia/Shanghai]',
      TSLTZ: '2024-03-01T00:05:09.000000+00:00',
      IYM: '+02-03',
      R: '00FF10',
      BL: '01020304',
      V: 'héllo, 世界',
    });
    expect(parse(allTypesInsert).meta.table).toBe('APP.ALL.TYPES');
  });

  it('keeps column order even for numeric-looking quoted column names', () => {
    const e: ChangeEvent = {
      ...employeeInsert,
      columns: [employeeInsert.columns[0], { ...employeeInsert.columns[1], name: '2' }],
      after: ['7', 'x'],
    };
    expect(encode(e).value.toString()).toContain('"data":{"ID":"7","2":"x"}');
  });

  it('keys the message by the primary-key values', () => {
    expect(encode(employeeUpdate).key?.toString()).toBe('7');
  });
});

describe('SharePlex JSON Actual Write Code', () => {
  const chinese: ChangeEvent = { ...employeeInsert, after: employeeInsert.after!.map((v, i) => (i === 1 ? '张伟' : v)) };

  it('writes the whole message in Big5, which decodes back to the same JSON', () => {
    const big5 = createSharePlexJsonFormat({ writeCharset: 'big5' });
    const value = big5.encode({ ...chinese, after: chinese.after!.map((v, i) => (i === 1 ? '張偉' : v)) }, { recordId: 1, nowMs: NOW }).value;
    expect(value.includes(Buffer.from('張偉', 'utf8'))).toBe(false);
    expect(JSON.parse(iconv.decode(value, 'big5')).data.FIRST_NAME).toBe('張偉');
  });

  it('names the column and key of a character the charset lacks', () => {
    const latin1 = createSharePlexJsonFormat({ writeCharset: 'ISO-8859-1' });
    expect(() => latin1.encode(chinese, { recordId: 1, nowMs: NOW })).toThrow(
      'Actual Write Code ISO-8859-1 (Latin-1) has no encoding for "张" (U+5F20) in column HR.EMPLOYEES.FIRST_NAME of the row with key ID = 7 (INSERT at SCN 5012345)',
    );
  });
});
