import { describe, expect, it } from 'vitest';
import type { ChangeEvent } from '../model/change-event';
import { allTypesInsert, employeeDdl, employeeDelete, employeeInsert, employeeUpdate } from '../formats/fixtures/events';
import { choosePartition, createPartitioner, javaStringHashCode, partitionIndex, partitionKeyText } from './partitioner';

// Expected values printed by OpenJDK 17: s.hashCode(), Math.abs(h % 12), Math.abs(h % 7).
const JAVA: [string, number, number, number][] = [
  ['hello', 99162322, 10, 0],
  ['', 0, 0, 0],
  ['polygenelubricants', -2147483648, 8, 2],
  ['\uD83D\uDE42', 1772965, 1, 5],
  ['HR.EMPLOYEES', 62658433, 1, 5],
  ['7', 55, 7, 6],
  ['Zoë', 90166, 10, 6],
  ['APP.ALL\\u002ETYPES', 1885532121, 9, 4],
  ['ORDER-000123', -767319679, 7, 0],
];

describe('Java String.hashCode and the partition index', () => {
  it.each(JAVA)('%j hashes and indexes as Java does', (s, hash, mod12, mod7) => {
    expect(javaStringHashCode(s)).toBe(hash);
    expect(partitionIndex(hash, 12)).toBe(mod12);
    expect(partitionIndex(hash, 7)).toBe(mod7);
  });

  it('never returns a negative or out-of-range index', () => {
    for (let i = 0; i < 2000; i++) {
      const h = javaStringHashCode(`key-${i}-${'x'.repeat(i % 13)}`);
      for (const n of [1, 2, 3, 12, 64]) {
        const p = partitionIndex(h, n);
        expect(p >= 0 && p < n && Number.isInteger(p)).toBe(true);
      }
    }
    expect(Object.is(partitionIndex(-6, 3), 0)).toBe(true);
  });
});

describe('partition policies', () => {
  const ddlNoTable: ChangeEvent = { ...employeeDdl, table: '', ddl: 'CREATE USER X IDENTIFIED BY y' };

  it('partition-0 sends everything to partition 0', () => {
    const p = createPartitioner({ policy: 'partition-0' });
    for (const e of [employeeInsert, employeeUpdate, employeeDdl, allTypesInsert]) expect(p(e, 12)).toBe(0);
  });

  it('hash-table hashes OWNER.TABLE, so rows and DDL of a table share its partition', () => {
    const opts = { policy: 'hash-table' as const };
    expect(partitionKeyText(employeeInsert, opts)).toBe('HR.EMPLOYEES');
    expect(choosePartition(employeeInsert, 12, opts)).toBe(1);
    expect(choosePartition(employeeDdl, 12, opts)).toBe(1);
    expect(choosePartition(employeeDelete, 7, opts)).toBe(5);
    expect(partitionKeyText(allTypesInsert, opts)).toBe('APP.ALL\\u002ETYPES');
    expect(choosePartition(allTypesInsert, 12, opts)).toBe(9);
    expect(choosePartition(ddlNoTable, 12, opts)).toBe(0);
  });

  it('hash-pk hashes the key text; DDL and keyless tables go to partition 0', () => {
    const opts = { policy: 'hash-pk' as const };
    expect(choosePartition(employeeInsert, 12, opts)).toBe(7);
    expect(choosePartition(employeeUpdate, 12, opts)).toBe(7);
    expect(choosePartition(employeeDelete, 12, opts)).toBe(7);
    expect(choosePartition(employeeDdl, 12, opts)).toBe(0);
    expect(choosePartition({ ...employeeInsert, primaryKey: null, uniqueKeys: [] }, 12, opts)).toBe(0);
  });

  it('hash-pk falls back to the first unique key, and honours user-chosen columns', () => {
    const ukOnly = { ...employeeInsert, primaryKey: null };
    expect(partitionKeyText(ukOnly, { policy: 'hash-pk' })).toBe('ZNG');
    expect(choosePartition(ukOnly, 12, { policy: 'hash-pk' })).toBe(partitionIndex(javaStringHashCode('ZNG'), 12));
    const chosen = { policy: 'hash-pk' as const, keyColumns: { 'HR.EMPLOYEES': ['DEPARTMENT_ID', 'LAST_NAME'] } };
    expect(partitionKeyText(employeeInsert, chosen)).toBe('90,Ng');
  });

  it('keeps one key on one partition whatever the operation', () => {
    const p = createPartitioner({ policy: 'hash-pk' });
    const rows = Array.from({ length: 200 }, (_, i) => String(i * 7919));
    for (const id of rows) {
      const ins = { ...employeeInsert, after: [id, ...employeeInsert.after!.slice(1)] };
      const del = { ...employeeDelete, before: [id, ...employeeDelete.before!.slice(1)] };
      expect(p(del, 16)).toBe(p(ins, 16));
    }
    const used = new Set(rows.map((id) => p({ ...employeeInsert, after: [id, ...employeeInsert.after!.slice(1)] }, 16)));
    expect(used.size).toBeGreaterThan(8);
  });

  it('rejects a partition count that is not a positive integer', () => {
    expect(() => choosePartition(employeeInsert, 0, { policy: 'hash-pk' })).toThrowError(RangeError);
    expect(() => choosePartition(employeeInsert, 2.5, { policy: 'partition-0' })).toThrowError(RangeError);
  });
});
