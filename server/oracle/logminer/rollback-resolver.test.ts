import { describe, expect, it } from 'vitest';
import type { TableMeta } from '../../model/oracle-types';
import { resolveRollbacks } from './rollback-resolver';
import { col, lmRow, table } from '../../../test/support/oracle/logminer-fixtures';

const EMP = table('HR', 'EMP', [col('ID'), col('SAL')]);
const DOC = table('HR', 'DOC', [col('ID'), col('BODY', 'CLOB')]);
const metas = new Map<string, TableMeta | null>([
  ['HR\u0000EMP', EMP],
  ['HR\u0000DOC', DOC],
]);
const cancelled = (r: ReturnType<typeof resolveRollbacks>, n: number) => Array.from({ length: n }, (_, i) => i).filter((i) => r.isCancelled(i));

const upd = (scn: bigint, set: string, rowId: string | null, rollback: 0 | 1 = 0, tableName = 'EMP') =>
  lmRow({ scn, xid: 'T', operationCode: 3, rowId, rollback, tableName, sqlRedo: `update "HR"."${tableName}" set ${set} where "ID" = '1';` });
const locator = (scn: bigint, id: string) =>
  lmRow({ scn, xid: 'T', operationCode: 9, rowId: null, tableName: 'DOC', sqlRedo: `DECLARE loc_c CLOB; buf_c VARCHAR2(6174); BEGIN select "BODY" into loc_c from "HR"."DOC" where "ID" = '${id}' for update;` });
const lobWrite = (scn: bigint, text: string) => lmRow({ scn, xid: 'T', operationCode: 10, rowId: null, tableName: 'DOC', sqlRedo: ` buf_c := '${text}';\n  dbms_lob.write(loc_c, ${text.length}, 1, buf_c);` });

describe('resolveRollbacks', () => {
  it('cancels the most recent change of the same row, not older ones', () => {
    const rows = [upd(1n, `"SAL" = '200'`, 'R1'), upd(2n, `"SAL" = '300'`, 'R1'), upd(3n, `"SAL" = '200'`, 'R1', 1)];
    const r = resolveRollbacks(rows, metas);
    expect(cancelled(r, 2)).toEqual([1]);
    expect(r.unmatched).toBe(0);
  });

  it('matches the inverse operation and cancels everything after it (the LOB update of an insert)', () => {
    const rows = [
      lmRow({ scn: 1n, xid: 'T', operationCode: 1, rowId: 'R2', tableName: 'DOC', sqlRedo: `insert into "HR"."DOC"("ID","BODY") values ('2',EMPTY_CLOB());` }),
      upd(1n, `"BODY" = 'x'`, 'R2', 0, 'DOC'),
      lmRow({ scn: 4n, xid: 'T', operationCode: 2, rowId: 'R2', rollback: 1, tableName: 'DOC', sqlRedo: `delete from "HR"."DOC" where "ID" = '2';` }),
    ];
    const r = resolveRollbacks(rows, metas);
    expect(cancelled(r, 2)).toEqual([0, 1]);
  });

  it('picks the UPDATE with the same SET columns when a LOB update follows it', () => {
    const rows = [upd(1n, `"SAL" = '5'`, 'R1'), upd(1n, `"BODY" = 'lob'`, 'R1'), upd(2n, `"SAL" = '4'`, 'R1', 1)];
    const r = resolveRollbacks(rows, metas);
    expect(cancelled(r, 2)).toEqual([0, 1]);
  });

  it('undoes a delete with the re-insert, and counts rollbacks that match nothing', () => {
    const rows = [
      lmRow({ scn: 1n, xid: 'T', operationCode: 2, rowId: 'R9', sqlRedo: `delete from "HR"."EMP" where "ID" = '9';` }),
      lmRow({ scn: 2n, xid: 'T', operationCode: 1, rowId: 'R9', rollback: 1, sqlRedo: `insert into "HR"."EMP"("ID") values ('9');` }),
      lmRow({ scn: 3n, xid: 'T', operationCode: 1, rowId: 'R7', rollback: 1, sqlRedo: `insert into "HR"."EMP"("ID") values ('7');` }),
    ];
    const r = resolveRollbacks(rows, metas);
    expect(cancelled(r, 1)).toEqual([0]);
    expect(r.unmatched).toBe(1);
  });

  // Sequences as Oracle 23ai writes them (Debezium dbz#1960 recordings): out-of-line LOB rows and
  // the INSERT of a row with LOB values carry no ROW_ID; the compensating row carries the real one.
  it('a LOB-only UPDATE written through a locator (no ROW_ID) is undone by an UPDATE with the ROW_ID', () => {
    const rows = [
      lmRow({ scn: 1n, xid: 'T', operationCode: 1, rowId: null, tableName: 'DOC', sqlRedo: `insert into "HR"."DOC"("ID","BODY") values ('1',EMPTY_CLOB());` }),
      upd(1n, `"BODY" = 'first'`, 'D1', 0, 'DOC'),
      // SAVEPOINT s1; UPDATE DOC SET BODY = RPAD('x', 5000) WHERE ID = 1; ROLLBACK TO s1;
      locator(2n, '1'),
      lobWrite(2n, 'xxxx'),
      lobWrite(2n, 'yyyy'),
      upd(3n, `"BODY" = 'first'`, 'D1', 1, 'DOC'),
    ];
    const r = resolveRollbacks(rows, metas);
    expect(cancelled(r, 5)).toEqual([2, 3, 4]);
    expect(r.unmatched).toBe(0);
  });

  it('an INSERT without ROW_ID (LOB values) is undone by a DELETE with the ROW_ID, matched by key', () => {
    const rows = [
      lmRow({ scn: 1n, xid: 'T', operationCode: 1, rowId: null, tableName: 'DOC', sqlRedo: `insert into "HR"."DOC"("ID","BODY") values ('5',EMPTY_CLOB());` }),
      locator(1n, '5'),
      lobWrite(1n, 'abc'),
      lmRow({ scn: 2n, xid: 'T', operationCode: 2, rowId: 'D5', rollback: 1, tableName: 'DOC', sqlRedo: `delete from "HR"."DOC" where "ID" = '5';` }),
    ];
    const r = resolveRollbacks(rows, metas);
    expect(cancelled(r, 3)).toEqual([0, 1, 2]);
  });

  it('index-organized tables: no ROW_ID anywhere, changes and undo matched by primary key', () => {
    const iot = (op: number, sql: string, rollback: 0 | 1 = 0) => lmRow({ scn: 1n, xid: 'T', operationCode: op, rowId: null, rollback, sqlRedo: sql });
    const rows = [
      iot(3, `update "HR"."EMP" set "SAL" = '10' where "ID" = '1' and "SAL" = '5';`),
      iot(3, `update "HR"."EMP" set "SAL" = '20' where "ID" = '2' and "SAL" = '5';`),
      iot(3, `update "HR"."EMP" set "SAL" = '5' where "ID" = '2' and "SAL" = '20';`, 1),
    ];
    const r = resolveRollbacks(rows, metas);
    expect(cancelled(r, 2)).toEqual([1]);
    expect(r.unmatched).toBe(0);
  });
});
