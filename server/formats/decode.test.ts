import { describe, expect, it } from 'vitest';
import type { ChangeEvent } from '../model/change-event';
import { allTypesInsert, employeeDdl, employeeDelete, employeeInit, employeeInsert, employeeUpdate } from './fixtures/events';
import { createFormat, decodeRecord, dtsRecordType, imageText, type FormatName } from './index';
import { valueText } from './value-text';

/**
 * Reading back what the encoders write: for each format and representative event, the decoded
 * record names the same table, operation, SCNs and transaction, and every value carried prints
 * the same text as the source value did (the comparison verification relies on).
 */
const EVENTS: ChangeEvent[] = [employeeInit, employeeInsert, employeeUpdate, employeeDelete, allTypesInsert];

function sourceText(e: ChangeEvent, image: ChangeEvent['after']): Record<string, string | null> {
  const out: Record<string, string | null> = {};
  e.columns.forEach((c, i) => {
    const v = image?.[i];
    if (v !== undefined) out[c.name] = valueText(c, v);
  });
  return out;
}

describe.each<FormatName>(['dts-avro', 'shareplex-json'])('decodeRecord(%s)', (name) => {
  const format = createFormat(name === 'dts-avro' ? { name, sourceVersion: '19.0.0.0.0' } : { name });

  it.each(EVENTS.map((e) => [`${e.op} ${e.table}`, e] as const))('%s reads back with the same values', (_label, e) => {
    const r = decodeRecord(name, format.encode(e, { recordId: 7, nowMs: 1763900000123 }).value);
    expect(r.op).toBe(e.op);
    expect(`${r.owner}.${r.table}`).toBe(`${e.owner}.${e.table}`);
    expect(r.commitScn).toBe(e.commitScn);
    const columns = new Map(e.columns.map((c) => [c.name, c]));
    if (e.after) {
      const want = sourceText(e, e.after);
      const got = imageText(r.columns, r.after!, columns);
      // SharePlex writes only the changed columns of an update.
      if (name === 'shareplex-json' && e.op === 'UPDATE') for (const k of Object.keys(want)) if (!(k in got)) delete want[k];
      expect(got).toEqual(want);
    } else expect(r.after).toBeNull();
    if (e.before) expect(imageText(r.columns, r.before!, columns)).toEqual(sourceText(e, e.before));
    if (name === 'dts-avro') {
      expect(r.scn).toBe(e.scn);
      expect(r.keyColumns).toEqual(e.primaryKey);
    }
  });

  it('reads a DDL record as DDL with its text', () => {
    const r = decodeRecord(name, format.encode(employeeDdl, { recordId: 8 }).value);
    expect(r.op).toBe('DDL');
    expect(r.ddl).toBe(employeeDdl.ddl);
  });

  it('refuses bytes that are not a record of the format, with the reason', () => {
    expect(() => decodeRecord(name, Buffer.from('{"x":1'))).toThrow(name === 'dts-avro' ? /not a DTS Avro record/ : /not a SharePlex JSON message/);
  });
});

describe('DTS Avro records not written by our encoder', () => {
  it('reads every branch avsc writes: processTimestamps, Timestamp, TextGeometry, EmptyObject NULL, blocks with byte sizes', () => {
    const NS = 'com.alibaba.dts.formats.avro';
    const record = {
      version: 0,
      id: 9,
      sourceTimestamp: 1700000000,
      sourcePosition: '10@12@3',
      safeSourcePosition: '9@12@3',
      sourceTxid: '0A0B',
      source: { sourceType: 'Oracle', version: '19' },
      operation: 'INSERT',
      objectName: 'HR.ODD\\u002ENAME',
      processTimestamps: [1, 2, 3],
      tags: { pk_uk_info: '{"UK_1":["C"]}', other: 'x' },
      fields: [{ name: 'T', dataTypeNumber: 180 }, { name: 'G', dataTypeNumber: 29 }, { name: 'E', dataTypeNumber: 1 }, { name: 'C', dataTypeNumber: 1 }],
      beforeImages: null,
      afterImages: [{ [`${NS}.Timestamp`]: { timestamp: 1700000000, millis: 250 } }, { [`${NS}.TextGeometry`]: { type: 'POINT', value: 'POINT(1 2)' } }, { [`${NS}.EmptyObject`]: 'NULL' }, { [`${NS}.Character`]: { charset: 'utf8', value: Buffer.from('ä,b') } }],
      bornTimestamp: 1700000000123,
    };
    const bytes = dtsRecordType().toBuffer(record);
    const r = decodeRecord('dts-avro', bytes);
    expect(r).toMatchObject({ op: 'INSERT', owner: 'HR', table: 'ODD.NAME', scn: 10n, commitScn: 12n, seq: 3, txId: '0A0B', commitTimeMs: 1700000000123, keyColumns: ['C'], columns: ['T', 'G', 'E', 'C'] });
    expect(r.after).toEqual([{ year: 2023, month: 11, day: 14, hour: 22, minute: 13, second: 20, nanos: 250_000_000 }, 'POINT(1 2)', null, 'ä,b']);
    // A record cut short is refused, not half read.
    expect(() => decodeRecord('dts-avro', bytes.subarray(0, bytes.length - 3))).toThrow(/not a DTS Avro record/);
  });

  it('reads sourcePosition exactly: SCNs past 2^53, no sequence, and refuses anything else', () => {
    const NS = 'com.alibaba.dts.formats.avro';
    const record = (sourcePosition: string, objectName = 'HR.T', fields = [{ name: 'C', dataTypeNumber: 1 }]) =>
      dtsRecordType().toBuffer({
        version: 0, id: 1, sourceTimestamp: 0, sourcePosition, safeSourcePosition: '', sourceTxid: '0', source: { sourceType: 'Oracle', version: '19' },
        operation: 'INSERT', objectName, processTimestamps: null, tags: {}, fields, beforeImages: null,
        afterImages: fields.map((f) => ({ [`${NS}.Character`]: { charset: 'utf8', value: Buffer.from(f.name.toLowerCase()) } })), bornTimestamp: 0,
      });
    expect(decodeRecord('dts-avro', record('18446744073709551615@18446744073709551614@3'))).toMatchObject({ scn: 18446744073709551615n, commitScn: 18446744073709551614n, seq: 3 });
    expect(decodeRecord('dts-avro', record('9007199254740993@9007199254740993@1'))).toMatchObject({ scn: 9007199254740993n, commitScn: 9007199254740993n });
    expect(decodeRecord('dts-avro', record('10@12'))).toMatchObject({ scn: 10n, commitScn: 12n, seq: 0 });
    for (const bad of ['10', '10@', '@12@1', '10-12-1', 'x@12@1']) expect(() => decodeRecord('dts-avro', record(bad)), bad).toThrow(/sourcePosition|not a DTS Avro record/);
    // Records of two tables interleaved: each keeps its own name and field list.
    const a = decodeRecord('dts-avro', record('1@2@1', 'HR.A', [{ name: 'X', dataTypeNumber: 1 }]));
    const b = decodeRecord('dts-avro', record('1@2@2', 'HR.B', [{ name: 'X', dataTypeNumber: 1 }, { name: 'Y', dataTypeNumber: 1 }]));
    const a2 = decodeRecord('dts-avro', record('1@2@3', 'HR.A', [{ name: 'X', dataTypeNumber: 1 }]));
    expect([a.table, a.columns, a.after]).toEqual(['A', ['X'], ['x']]);
    expect([b.table, b.columns, b.after]).toEqual(['B', ['X', 'Y'], ['x', 'y']]);
    expect([a2.table, a2.columns, a2.commitScn]).toEqual(['A', ['X'], 2n]);
  });
});
