import { describe, expect, it } from 'vitest';
import type { ChangeEvent } from '../model/change-event';
import { allTypesInsert, employeeDdl, employeeDelete, employeeInit, employeeInsert, employeeUpdate } from './fixtures/events';
import { createFormat, decodeRecord, imageText, type FormatName } from './index';
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
      const got = imageText(r.after!, columns);
      // SharePlex writes only the changed columns of an update.
      if (name === 'shareplex-json' && e.op === 'UPDATE') for (const k of Object.keys(want)) if (!(k in got)) delete want[k];
      expect(got).toEqual(want);
    } else expect(r.after).toBeNull();
    if (e.before) expect(imageText(r.before!, columns)).toEqual(sourceText(e, e.before));
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
