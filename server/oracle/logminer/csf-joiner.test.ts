import { describe, expect, it } from 'vitest';
import type { LogMinerRow } from '../gateway';
import { CsfJoiner } from './csf-joiner';
import { RowDeduplicator } from './row-dedup';

const row = (over: Partial<LogMinerRow>): LogMinerRow => ({
  scn: 100n, operationCode: 1, operation: 'INSERT', sqlRedo: '', xid: 'X1', csf: 0, rowId: 'R1', rollback: 0, segOwner: 'HR', tableName: 'T',
  timestampMs: 0, commitScn: null, userName: 'HR', rsId: ' 0x1 ', ssn: 0, ...over,
});

describe('CsfJoiner', () => {
  it('joins continuation pieces into one row with the first piece’s columns', () => {
    const j = new CsfJoiner();
    expect(j.push(row({ csf: 1, sqlRedo: 'insert into "HR"."T"("A") values (\'ab', ssn: 0 }))).toBeNull();
    expect(j.push(row({ csf: 1, sqlRedo: 'cd', ssn: 1 }))).toBeNull();
    expect(j.pendingCount).toBe(1);
    const other = j.push(row({ xid: 'X2', sqlRedo: 'commit;', operationCode: 7 }));
    expect(other?.xid).toBe('X2');
    const done = j.push(row({ csf: 0, sqlRedo: "ef');", ssn: 2 }))!;
    expect(done).toMatchObject({ csf: 0, ssn: 0, sqlRedo: 'insert into "HR"."T"("A") values (\'abcdef\');' });
    expect(j.pendingCount).toBe(0);
  });
});

describe('RowDeduplicator', () => {
  it('drops rows re-read from an overlapping window, but not new rows written late below it', () => {
    const d = new RowDeduplicator();
    const a = row({ scn: 95n, rsId: 'a' });
    const b = row({ scn: 99n, rsId: 'b' });
    expect(d.filter([a, b], 100n, 90n)).toEqual([a, b]);
    const late = row({ scn: 98n, rsId: 'late' });
    const c = row({ scn: 101n, rsId: 'c' });
    // second window re-reads [90, 100) and finds a, b again plus a late row
    expect(d.filter([a, late, b, c], 110n, 100n)).toEqual([late, c]);
    // a third window that re-reads only from 100 forgets a and b
    expect(d.filter([c, row({ scn: 111n, rsId: 'd' })], 120n, 110n).map((r) => r.rsId)).toEqual(['d']);
  });

  it('counts identical keys instead of collapsing them', () => {
    const d = new RowDeduplicator();
    const a = row({ scn: 95n, rsId: 'same' });
    expect(d.filter([a, { ...a }], 100n, 90n)).toHaveLength(2);
    expect(d.filter([a, { ...a }, { ...a }], 110n, 100n)).toHaveLength(1);
  });
});
