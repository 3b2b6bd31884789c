import { describe, expect, it } from 'vitest';
import type { LogMinerRow } from '../gateway';
import { CsfJoiner } from './csf-joiner';

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
