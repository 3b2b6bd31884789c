import { describe, expect, it } from 'vitest';
import { mineAll, minerGateway, testDb } from '../../../test/support/oracle/sim-fixtures';
import { LGWR_TIMER_MS } from './redo-logs';

const shape = (r: { operation: string; rollback: number; sqlRedo: string | null }) => `${r.operation}${r.rollback ? '(rb)' : ''} ${r.sqlRedo}`;

describe('transactions and their redo', () => {
  it('frames a transaction with START and COMMIT rows carrying the XID and COMMIT_SCN', async () => {
    const { db } = testDb();
    const gw = minerGateway(db);
    const from = await gw.currentScn();
    const s = db.session('APP');
    s.insert('APP', 'EMP', { ID: 1, NAME: 'a' });
    s.commit();
    const rows = await mineAll(gw, from);
    expect(rows.map((r) => r.operation)).toEqual(['START', 'INSERT', 'COMMIT']);
    const [start, insert, commit] = rows;
    expect(new Set(rows.map((r) => r.xid)).size).toBe(1);
    expect(start!.sqlRedo).toBe('set transaction read write;');
    expect(start!.scn).toBe(insert!.scn);
    expect(commit!.sqlRedo).toBe('commit;');
    expect(commit!.commitScn).toBe(commit!.scn);
    expect(commit!.scn).toBeGreaterThan(insert!.scn);
    expect(insert!.commitScn).toBeNull();
    expect(insert!.userName).toBe('APP');
    expect([start!.segOwner, commit!.tableName]).toEqual([null, null]);
    expect(new Set(rows.map((r) => `${r.rsId}/${r.ssn}`)).size).toBe(3);
  });

  it('undoes changes after a savepoint and logs the undo as ROLLBACK=1 rows', async () => {
    const { db } = testDb({ supplementalLogging: { pk: true } });
    const gw = minerGateway(db);
    db.loadRows('APP', 'EMP', [{ ID: 5, NAME: 'five' }]);
    const from = await gw.currentScn();
    const s = db.session('APP');
    s.insert('APP', 'EMP', { ID: 1, NAME: 'kept' });
    s.savepoint('sp1');
    s.insert('APP', 'EMP', { ID: 2, NAME: 'undone' });
    s.update('APP', 'EMP', { ID: 5 }, { NAME: 'FIVE' });
    s.rollbackTo('SP1');
    s.commit();
    const rows = await mineAll(gw, from);
    expect(rows.map(shape)).toEqual([
      'START set transaction read write;',
      `INSERT insert into "APP"."EMP"("ID","NAME","HIRED","SALARY") values ('1','kept',NULL,NULL);`,
      `INSERT insert into "APP"."EMP"("ID","NAME","HIRED","SALARY") values ('2','undone',NULL,NULL);`,
      `UPDATE update "APP"."EMP" set "NAME" = 'FIVE' where "ID" = '5' and "NAME" = 'five';`,
      `UPDATE(rb) update "APP"."EMP" set "NAME" = 'five' where "ID" = '5' and "NAME" = 'FIVE';`,
      `DELETE(rb) delete from "APP"."EMP" where "ID" = '2' and "NAME" = 'undone' and "HIRED" IS NULL and "SALARY" IS NULL;`,
      'COMMIT commit;',
    ]);
    // The undo row points at the row it undoes.
    expect(rows[5]!.rowId).toBe(rows[2]!.rowId);
    expect(rows[4]!.rowId).toBe(rows[3]!.rowId);
    const scn = await gw.currentScn();
    const chunk = await gw.readChunk({ owner: 'APP', table: 'EMP', scn, keyColumns: ['ID'], afterKey: null, limit: 10 });
    expect(chunk.rows.map((r) => `${r[0]}:${r[1]}`)).toEqual(['1:kept', '5:five']);
  });

  it('rolls back a whole transaction: undo rows, then a ROLLBACK row, and no data change', async () => {
    const { db, clock } = testDb();
    const gw = minerGateway(db);
    const from = await gw.currentScn();
    const s = db.session('APP');
    s.insert('APP', 'EMP', { ID: 1, NAME: 'gone' });
    s.rollback();
    // A rollback does not wait for the log writer: its redo is on disk only after LGWR's next write.
    expect(await mineAll(gw, from)).toEqual([]);
    clock.advance(LGWR_TIMER_MS);
    const rows = await mineAll(gw, from);
    expect(rows.map((r) => `${r.operation}:${r.rollback}`)).toEqual(['START:0', 'INSERT:0', 'DELETE:1', 'ROLLBACK:0']);
    expect(rows[3]!.sqlRedo).toBe('rollback;');
    expect(await gw.countRows('APP', 'EMP', await gw.currentScn())).toBe(0);
    expect(await gw.openTransactions()).toEqual([]);
  });

  it('gives concurrent transactions distinct XIDs and interleaves their rows in SCN order', async () => {
    const { db } = testDb();
    const gw = minerGateway(db);
    const from = await gw.currentScn();
    const a = db.session('APP');
    const b = db.session('APP');
    a.insert('APP', 'EMP', { ID: 1 });
    b.insert('APP', 'EMP', { ID: 2 });
    a.insert('APP', 'EMP', { ID: 3 });
    b.commit();
    a.commit();
    const rows = await mineAll(gw, from);
    const scns = rows.map((r) => r.scn);
    expect([...scns].sort((x, y) => (x < y ? -1 : x > y ? 1 : 0))).toEqual(scns);
    const xa = rows[0]!.xid;
    const xb = rows.find((r) => r.xid !== xa)!.xid;
    expect(xa).not.toBe(xb);
    expect(rows.map((r) => `${r.xid === xa ? 'a' : 'b'}:${r.operation}`)).toEqual([
      'a:START', 'a:INSERT', 'b:START', 'b:INSERT', 'a:INSERT', 'b:COMMIT', 'a:COMMIT',
    ]);
  });

  it('refuses a row locked by another transaction (ORA-00054) and a duplicate key (ORA-00001)', () => {
    const { db } = testDb();
    db.loadRows('APP', 'EMP', [{ ID: 1, NAME: 'x' }]);
    const a = db.session('APP');
    const b = db.session('APP');
    a.update('APP', 'EMP', { ID: 1 }, { NAME: 'y' });
    expect(() => b.delete('APP', 'EMP', { ID: 1 })).toThrow(expect.objectContaining({ code: 'ORA-00054' }));
    expect(() => b.insert('APP', 'EMP', { ID: 1 })).toThrow(expect.objectContaining({ code: 'ORA-00054' }));
    a.commit();
    expect(() => b.insert('APP', 'EMP', { ID: 1 })).toThrow(expect.objectContaining({ code: 'ORA-00001' }));
    expect(() => b.insert('APP', 'EMP', { NAME: 'no id' })).toThrow(expect.objectContaining({ code: 'ORA-01400' }));
    expect(b.update('APP', 'EMP', { ID: 99 }, { NAME: 'z' })).toBe(false);
  });

  it('moves a row whose key is updated, keeping AS OF reads at both SCNs right', async () => {
    const { db } = testDb({ supplementalLogging: { pk: true } });
    const gw = minerGateway(db);
    db.loadRows('APP', 'EMP', [{ ID: 1, NAME: 'x' }, { ID: 3, NAME: 'z' }]);
    const before = await gw.currentScn();
    const s = db.session('APP');
    s.update('APP', 'EMP', { ID: 1 }, { ID: 4 });
    s.commit();
    const read = async (scn: bigint) =>
      (await gw.readChunk({ owner: 'APP', table: 'EMP', scn, keyColumns: ['ID'], afterKey: null, limit: 10 })).rows.map((r) => r[0]);
    expect(await read(before)).toEqual(['1', '3']);
    expect(await read(await gw.currentScn())).toEqual(['3', '4']);
    const upd = (await mineAll(gw, before)).find((r) => r.operation === 'UPDATE')!;
    expect(upd.sqlRedo).toBe(`update "APP"."EMP" set "ID" = '4' where "ID" = '1';`);
  });
});
