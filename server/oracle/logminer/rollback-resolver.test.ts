import { describe, expect, it } from 'vitest';
import { resolveRollbacks } from './rollback-resolver';
import { lmRow } from './test-support';

const upd = (scn: bigint, set: string, rowId: string, rollback: 0 | 1 = 0) =>
  lmRow({ scn, xid: 'T', operationCode: 3, rowId, rollback, sqlRedo: `update "HR"."EMP" set ${set} where "ID" = '1';` });

describe('resolveRollbacks', () => {
  it('cancels the most recent change of the same row, not older ones', () => {
    const rows = [upd(1n, `"SAL" = '200'`, 'R1'), upd(2n, `"SAL" = '300'`, 'R1'), upd(3n, `"SAL" = '200'`, 'R1', 1)];
    const r = resolveRollbacks(rows, new Set(['R1']));
    expect([...r.cancelled]).toEqual([1]);
    expect(r.unmatched).toBe(0);
  });

  it('matches the inverse operation and cancels companions after it (LOB update of an insert)', () => {
    const rows = [
      lmRow({ scn: 1n, xid: 'T', operationCode: 1, rowId: 'R2', sqlRedo: `insert into "HR"."DOC"("ID","BODY") values ('2',EMPTY_CLOB());` }),
      upd(1n, `"BODY" = 'x'`, 'R2'),
      lmRow({ scn: 2n, xid: 'T', operationCode: 1, rowId: 'R3', sqlRedo: `insert into "HR"."DOC"("ID") values ('3');` }),
      lmRow({ scn: 4n, xid: 'T', operationCode: 2, rowId: 'R2', rollback: 1, sqlRedo: `delete from "HR"."DOC" where "ID" = '2';` }),
    ];
    const r = resolveRollbacks(rows, new Set(['R2']));
    expect([...r.cancelled].sort()).toEqual([0, 1]);
  });

  it('picks the UPDATE with the same SET columns when a LOB update follows it', () => {
    const rows = [upd(1n, `"SAL" = '5'`, 'R1'), upd(1n, `"BODY" = 'lob'`, 'R1'), upd(2n, `"SAL" = '4'`, 'R1', 1)];
    const r = resolveRollbacks(rows, new Set(['R1']));
    expect([...r.cancelled].sort()).toEqual([0, 1]);
  });

  it('undoes a delete with the re-insert, and counts rollbacks that match nothing', () => {
    const rows = [
      lmRow({ scn: 1n, xid: 'T', operationCode: 2, rowId: 'R9', sqlRedo: `delete from "HR"."EMP" where "ID" = '9';` }),
      lmRow({ scn: 2n, xid: 'T', operationCode: 1, rowId: 'R9', rollback: 1, sqlRedo: `insert into "HR"."EMP"("ID") values ('9');` }),
      lmRow({ scn: 3n, xid: 'T', operationCode: 1, rowId: 'R7', rollback: 1, sqlRedo: `insert into "HR"."EMP"("ID") values ('7');` }),
    ];
    const r = resolveRollbacks(rows, new Set(['R9', 'R7']));
    expect([...r.cancelled]).toEqual([0]);
    expect(r.unmatched).toBe(1);
  });
});
