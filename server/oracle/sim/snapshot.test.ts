import { describe, expect, it } from 'vitest';
import { minerGateway, testDb } from '../../../test/support/oracle/sim-fixtures';

const read = async (gw: ReturnType<typeof minerGateway>, scn: bigint, limit = 100) =>
  (await gw.readChunk({ owner: 'APP', table: 'EMP', scn, keyColumns: ['ID'], afterKey: null, limit })).rows.map((r) => `${r[0]}:${r[1]}`);

describe('AS OF SCN reads', () => {
  it('return exactly the state committed at each SCN with interleaved transactions', async () => {
    const { db } = testDb();
    const gw = minerGateway(db);
    const a = db.session('APP');
    const b = db.session('APP');
    a.insert('APP', 'EMP', { ID: 1, NAME: 'one' });
    b.insert('APP', 'EMP', { ID: 2, NAME: 'two' });
    a.commit();
    const afterA = await gw.currentScn();
    b.update('APP', 'EMP', { ID: 2 }, { NAME: 'TWO' });
    a.update('APP', 'EMP', { ID: 1 }, { NAME: 'ONE' });
    b.commit();
    const afterB = await gw.currentScn();
    a.delete('APP', 'EMP', { ID: 1 });
    a.commit();
    const end = await gw.currentScn();

    expect(await read(gw, afterA)).toEqual(['1:one']);
    expect(await read(gw, afterB)).toEqual(['1:one', '2:TWO']);
    expect(await read(gw, end)).toEqual(['2:TWO']);
  });

  it('hide open transactions from snapshots and list them in V$TRANSACTION with their start SCN', async () => {
    const { db } = testDb();
    const gw = minerGateway(db);
    const s = db.session('APP');
    s.insert('APP', 'EMP', { ID: 1, NAME: 'committed' });
    s.commit();
    const open = db.session('APP');
    open.update('APP', 'EMP', { ID: 1 }, { NAME: 'dirty' });
    open.insert('APP', 'EMP', { ID: 2, NAME: 'dirty-new' });
    const snap = await gw.currentScn();

    const txs = await gw.openTransactions();
    expect(txs).toHaveLength(1);
    expect(txs[0]!.xid).toMatch(/^[0-9A-F]{16}$/);
    expect(txs[0]!.startScn).toBeLessThanOrEqual(snap);
    expect(txs[0]!.xid).toBe(open.transaction!.xid);
    expect(await read(gw, snap)).toEqual(['1:committed']);
    // The session itself sees its own changes.
    expect(open.get('APP', 'EMP', { ID: 1 })![1]).toBe('dirty');

    open.commit();
    expect(await gw.openTransactions()).toEqual([]);
    expect(await read(gw, snap)).toEqual(['1:committed']);
    expect(await read(gw, await gw.currentScn())).toEqual(['1:dirty', '2:dirty-new']);
  });

  it('page by key with afterKey, ordering NUMBER keys numerically', async () => {
    const { db } = testDb();
    const gw = minerGateway(db);
    db.loadRows('APP', 'EMP', [9, 10, 100, 2, 11].map((id) => ({ ID: id, NAME: `n${id}` })));
    const scn = await gw.currentScn();
    const seen: string[] = [];
    let afterKey = null;
    for (let guard = 0; guard < 10; guard++) {
      const chunk = await gw.readChunk({ owner: 'APP', table: 'EMP', scn, keyColumns: ['ID'], afterKey, limit: 2 });
      seen.push(...chunk.rows.map((r) => String(r[0])));
      if (!chunk.lastKey) break;
      afterKey = chunk.lastKey;
    }
    expect(seen).toEqual(['2', '9', '10', '11', '100']);
  });

  it('apply the row filter and count rows as of the SCN', async () => {
    const { db } = testDb();
    const gw = minerGateway(db);
    db.loadRows('APP', 'EMP', [1, 2, 3, 4].map((id) => ({ ID: id, NAME: id % 2 ? 'odd' : 'even', SALARY: id * 1000 })));
    const scn = await gw.currentScn();
    const filter = { kind: 'compare', op: '>=', left: { kind: 'column', name: 'SALARY' }, right: { kind: 'number', text: '2000' } } as const;
    const chunk = await gw.readChunk({ owner: 'APP', table: 'EMP', scn, keyColumns: ['ID'], afterKey: null, limit: 10, filter });
    expect(chunk.rows.map((r) => r[0])).toEqual(['2', '3', '4']);
    expect(await gw.countRows('APP', 'EMP', scn)).toBe(4);
    expect(await gw.countRows('APP', 'EMP', scn, filter)).toBe(3);
  });

  it('order by a non-key column and page keyless tables by ROWID', async () => {
    const { db } = testDb();
    const gw = minerGateway(db);
    db.loadRows('APP', 'EMP', [{ ID: 1, NAME: 'c' }, { ID: 2, NAME: 'a' }, { ID: 3, NAME: 'b' }]);
    db.session('APP').ddl('CREATE TABLE LOGS (MSG VARCHAR2(10))');
    db.loadRows('APP', 'LOGS', [['x'], ['y'], ['z']]);
    const scn = await gw.currentScn();
    const byName = await gw.readChunk({ owner: 'APP', table: 'EMP', scn, keyColumns: ['NAME'], afterKey: ['a'], limit: 5 });
    expect(byName.rows.map((r) => r[1])).toEqual(['b', 'c']);
    const first = await gw.readChunk({ owner: 'APP', table: 'LOGS', scn, keyColumns: ['ROWID'], afterKey: null, limit: 2 });
    expect(first.rows).toEqual([['x'], ['y']]);
    expect(first.lastKey![0]).toMatch(/^[A-Za-z0-9+/]{18}$/);
    const rest = await gw.readChunk({ owner: 'APP', table: 'LOGS', scn, keyColumns: ['ROWID'], afterKey: first.lastKey, limit: 2 });
    expect(rest).toEqual({ rows: [['z']], lastKey: null });
  });

  it('raise ORA-01555 once the versions a read needs passed undo retention', async () => {
    const { db, clock } = testDb({ undoRetentionSeconds: 60 });
    const gw = minerGateway(db);
    const s = db.session('APP');
    s.insert('APP', 'EMP', { ID: 1, NAME: 'v1' });
    s.commit();
    const old = await gw.currentScn();
    s.update('APP', 'EMP', { ID: 1 }, { NAME: 'v2' });
    s.commit();
    clock.advance(30_000);
    // Undo of the v1→v2 change is still within retention: the old read works.
    s.update('APP', 'EMP', { ID: 1 }, { NAME: 'v3' });
    s.commit();
    expect(await read(gw, old)).toEqual(['1:v1']);
    clock.advance(120_000);
    s.update('APP', 'EMP', { ID: 1 }, { NAME: 'v4' });
    s.commit();
    await expect(read(gw, old)).rejects.toMatchObject({ code: 'ORA-01555' });
    expect(await read(gw, await gw.currentScn())).toEqual(['1:v4']);
  });

  it('raise ORA-01466 for reads older than a DDL on the table', async () => {
    const { db } = testDb();
    const gw = minerGateway(db);
    const before = await gw.currentScn();
    db.session('APP').ddl('ALTER TABLE EMP ADD (NOTE VARCHAR2(10))');
    await expect(read(gw, before)).rejects.toMatchObject({ code: 'ORA-01466' });
  });
});
