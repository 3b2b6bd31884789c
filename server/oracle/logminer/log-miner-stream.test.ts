import { mkdtempSync, readdirSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import type { TableMeta } from '../../model/oracle-types';
import { oraError } from '../errors';
import { createLogMinerStream, type LogMinerStreamOptions } from './log-miner-stream';
import { collectEvents } from './collect';
import { col, lmRow, RowsGateway, table } from '../../../test/support/oracle/logminer-fixtures';
import type { CommittedTransaction } from './types';

const EMP = table('HR', 'EMP', [col('ID'), col('NAME', 'VARCHAR2'), col('SAL')]);
const DOC = table('HR', 'DOC', [col('ID'), col('BODY', 'CLOB')]);

const ins = (scn: bigint, xid: string, id: number, name: string, rowId = `R${id}`) =>
  lmRow({ scn, xid, operationCode: 1, rowId, sqlRedo: `insert into "HR"."EMP"("ID","NAME","SAL") values ('${id}','${name}','100');` });
const upd = (scn: bigint, xid: string, id: number, sal: number, oldSal: number, rollback: 0 | 1 = 0) =>
  lmRow({ scn, xid, operationCode: 3, rowId: `R${id}`, rollback, sqlRedo: `update "HR"."EMP" set "SAL" = '${sal}' where "ID" = '${id}' and "SAL" = '${oldSal}';` });
const start = (scn: bigint, xid: string) => lmRow({ scn, xid, operationCode: 6 });
const commit = (scn: bigint, xid: string) => lmRow({ scn, xid, operationCode: 7 });
const rollback = (scn: bigint, xid: string) => lmRow({ scn, xid, operationCode: 36 });

function setup(rows: ReturnType<typeof lmRow>[], current: bigint, opts: Partial<LogMinerStreamOptions> = {}, metas: TableMeta[] = [EMP, DOC]) {
  const gw = new RowsGateway(rows, current);
  const spillDir = mkdtempSync(path.join(tmpdir(), 'lm-test-'));
  const stream = createLogMinerStream(gw.asGateway(), {
    startScn: 100n,
    owners: ['HR'],
    spillDir,
    pollIntervalMs: 0,
    windowSizes: { min: 5n, default: 1000n, max: 1000n, increment: 10n },
    resolveTable: async (o, t) => metas.find((m) => m.owner === o && m.name === t) ?? null,
    ...opts,
  });
  return { gw, stream, spillDir };
}

async function drain(stream: ReturnType<typeof createLogMinerStream>, calls = 20): Promise<CommittedTransaction[]> {
  const out: CommittedTransaction[] = [];
  for (let i = 0; i < calls; i++) out.push(...(await stream.next()));
  return out;
}

describe('createLogMinerStream', () => {
  it('emits committed transactions in commit order with typed, sequenced events; drops rolled-back ones', async () => {
    const rows = [
      start(100n, 'A'), ins(101n, 'A', 1, 'Ann'),
      start(102n, 'B'), ins(103n, 'B', 2, 'Bob'),
      start(104n, 'C'), ins(105n, 'C', 3, 'Cid'),
      upd(106n, 'A', 1, 200, 100),
      commit(107n, 'B'), rollback(108n, 'C'), commit(109n, 'A'),
    ];
    const { stream } = setup(rows, 200n);
    const txs = await drain(stream, 2);
    expect(txs.map((t) => [t.xid, t.commitScn, t.eventCount])).toEqual([['B', 107n, 1], ['A', 109n, 2]]);
    const a = txs[1]!.events!;
    expect(a.map((e) => [e.op, e.seqInTx, e.txSize, e.scn])).toEqual([['INSERT', 1, 2, 101n], ['UPDATE', 2, 2, 106n]]);
    expect(a[0]!.after).toEqual(['1', 'Ann', '100']);
    expect(a[1]!.before).toEqual(['1', undefined, '100']);
    expect(a[1]!.after).toEqual(['1', undefined, '200']);
    expect(a[1]).toMatchObject({ txId: 'A', commitScn: 109n, rowId: 'R1', userName: 'HR', owner: 'HR', table: 'EMP', primaryKey: ['ID'] });
    // B committed while A was open since 101: restarting after B must re-read from A's first row
    expect(txs[0]!.position).toEqual({ restartScn: 101n, lastCommitScn: 107n, lastXid: 'B' });
    expect(txs[1]!.position).toEqual({ restartScn: 109n, lastCommitScn: 109n, lastXid: 'A' });
    expect(stream.bufferStats()).toMatchObject({ openTransactions: 0, bufferedEvents: 0 });
  });

  it('honours a partial rollback inside a committed transaction', async () => {
    const rows = [start(100n, 'A'), ins(101n, 'A', 1, 'Ann'), upd(102n, 'A', 1, 300, 100), upd(103n, 'A', 1, 100, 300, 1), upd(104n, 'A', 1, 150, 100), commit(105n, 'A')];
    const { stream } = setup(rows, 200n);
    const [tx] = await drain(stream, 1);
    expect(tx!.events!.map((e) => [e.op, e.after?.[2]])).toEqual([['INSERT', '100'], ['UPDATE', '150']]);
    expect(tx!.eventCount).toBe(2);
    expect(stream.stats().unmatchedRollbacks).toBe(0);
  });

  it('joins CSF pieces and mines window by window without passing the current SCN', async () => {
    const long = `insert into "HR"."EMP"("ID","NAME","SAL") values ('7','${'x'.repeat(5000)}','1');`;
    const rows = [
      start(100n, 'A'),
      lmRow({ scn: 101n, xid: 'A', operationCode: 1, rowId: 'R7', csf: 1, sqlRedo: long.slice(0, 4000) }),
      lmRow({ scn: 101n, xid: 'A', operationCode: 1, rowId: 'R7', csf: 0, sqlRedo: long.slice(4000), ssn: 1 }),
      commit(130n, 'A'),
    ];
    const { stream, gw } = setup(rows, 125n, { windowSizes: { min: 10n, default: 10n, max: 10n, increment: 10n } });
    const first = await drain(stream, 5);
    expect(first).toEqual([]);
    expect(gw.mineCalls.map((c) => [c.fromScn, c.toScn])).toEqual([[100n, 110n], [110n, 120n], [120n, 126n]]);
    expect(stream.bufferStats()).toMatchObject({ openTransactions: 1, bufferedEvents: 1, oldestOpenScn: 100n });
    expect(stream.position().restartScn).toBe(101n);
    gw.current = 140n;
    const [tx] = await drain(stream, 2);
    expect((tx!.events![0]!.after![1] as string).length).toBe(5000);
  });

  it('spills a big transaction to disk, streams it back in order and deletes the file afterwards', async () => {
    const rows = [start(100n, 'BIG'), start(101n, 'S')];
    for (let i = 0; i < 25; i++) rows.push(ins(102n + BigInt(i), 'BIG', i, `n${i}`));
    rows.push(ins(130n, 'S', 99, 'small'), upd(131n, 'BIG', 3, 7, 100), upd(132n, 'BIG', 3, 100, 7, 1), commit(133n, 'S'));
    const { stream, gw, spillDir } = setup(rows, 140n, { maxEventsInMemoryPerTx: 5 });
    const early = await drain(stream, 1);
    expect(early.map((t) => t.xid)).toEqual(['S']);
    expect(stream.bufferStats()).toMatchObject({ openTransactions: 1, bufferedEvents: 27, spilledTransactions: 1 });
    expect(stream.bufferStats().spilledBytes).toBeGreaterThan(1000);
    gw.rows.push(commit(150n, 'BIG'));
    gw.current = 160n;
    const [big] = await drain(stream, 1);
    expect(big).toMatchObject({ xid: 'BIG', spilled: true, events: null, eventCount: 25 });
    const events = await collectEvents(big!);
    expect(events.map((e) => e.after![0])).toEqual(Array.from({ length: 25 }, (_, i) => String(i)));
    expect(events.map((e) => e.seqInTx)).toEqual(Array.from({ length: 25 }, (_, i) => i + 1));
    expect(events.every((e) => e.txSize === 25)).toBe(true);
    expect(readdirSync(spillDir)).toHaveLength(1);
    await stream.next();
    expect(readdirSync(spillDir)).toHaveLength(0);
    expect(stream.bufferStats()).toMatchObject({ spilledTransactions: 0, spilledBytes: 0 });
  });

  it('skips commits up to the hand-off SCN and resumes from a position with no loss and no duplicates', async () => {
    const rows = [
      start(100n, 'A'), ins(101n, 'A', 1, 'a'),
      start(102n, 'B'), ins(103n, 'B', 2, 'b'), commit(104n, 'B'),
      start(105n, 'C'), ins(106n, 'C', 3, 'c'), commit(107n, 'C'),
      commit(110n, 'A'),
      start(111n, 'D'), ins(112n, 'D', 4, 'd'), commit(113n, 'D'),
    ];
    const first = setup(rows, 200n, { emitAfterCommitScn: 104n });
    const all = await drain(first.stream, 1);
    expect(all.map((t) => t.xid)).toEqual(['C', 'A', 'D']);
    // crash after Kafka acknowledged C only
    const resumed = setup(rows, 200n, { resume: all[0]!.position, startScn: undefined });
    expect(all[0]!.position.restartScn).toBe(101n);
    const rest = await drain(resumed.stream, 1);
    expect(rest.map((t) => t.xid)).toEqual(['A', 'D']);
    expect(rest[0]!.events!.map((e) => e.after![0])).toEqual(['1']);
  });

  it('emits DDL at once and reads later rows with the new table definition', async () => {
    let version = 0;
    const v1 = EMP;
    const v2 = table('HR', 'EMP', [...EMP.columns, col('BONUS')]);
    const rows = [
      start(100n, 'A'), ins(101n, 'A', 1, 'a'), commit(102n, 'A'),
      start(103n, 'X'), lmRow({ scn: 103n, xid: 'X', operationCode: 5, sqlRedo: 'ALTER TABLE "HR"."EMP" ADD ("BONUS" NUMBER)', info: 'TABLE' }), commit(104n, 'X'),
      start(105n, 'B'),
      lmRow({ scn: 106n, xid: 'B', operationCode: 1, rowId: 'R2', sqlRedo: `insert into "HR"."EMP"("ID","NAME","SAL","BONUS") values ('2','b','1','5');` }),
      commit(107n, 'B'),
    ];
    const { stream } = setup(rows, 200n, {
      resolveTable: async () => {
        version++;
        return version === 1 ? v1 : v2;
      },
    });
    const txs = await drain(stream, 1);
    expect(txs.map((t) => t.events![0]!.op)).toEqual(['INSERT', 'DDL', 'INSERT']);
    expect(txs[1]!.events![0]).toMatchObject({ ddl: 'ALTER TABLE "HR"."EMP" ADD ("BONUS" NUMBER)', ddlObjectType: 'TABLE', table: 'EMP', commitScn: 103n });
    expect(txs[0]!.events![0]!.after).toEqual(['1', 'a', '100']);
    expect(txs[2]!.events![0]!.after).toEqual(['2', 'b', '1', '5']);
  });

  it('merges LOB redo into the row image', async () => {
    const loc = `DECLARE loc_c CLOB; buf_c VARCHAR2(6174); loc_b BLOB; buf_b RAW(6174); loc_nc NCLOB; buf_nc NVARCHAR2(6174); BEGIN select "BODY" into loc_c from "HR"."DOC" where "ID" = '2' for update;`;
    const doc = { segOwner: 'HR', tableName: 'DOC' };
    const rows = [
      start(100n, 'A'),
      lmRow({ scn: 101n, xid: 'A', operationCode: 1, rowId: 'D1', ...doc, sqlRedo: `insert into "HR"."DOC"("ID","BODY") values ('1',EMPTY_CLOB());` }),
      lmRow({ scn: 101n, xid: 'A', operationCode: 3, rowId: 'D1', ...doc, sqlRedo: `update "HR"."DOC" set "BODY" = 'short' where "ID" = '1';` }),
      lmRow({ scn: 102n, xid: 'A', operationCode: 1, rowId: 'D2', ...doc, sqlRedo: `insert into "HR"."DOC"("ID","BODY") values ('2',EMPTY_CLOB());` }),
      lmRow({ scn: 102n, xid: 'A', operationCode: 9, rowId: 'D2', ...doc, sqlRedo: loc }),
      lmRow({ scn: 102n, xid: 'A', operationCode: 10, rowId: 'D2', ...doc, sqlRedo: " buf_c := 'abc';\n  dbms_lob.write(loc_c, 3, 1, buf_c);" }),
      lmRow({ scn: 102n, xid: 'A', operationCode: 10, rowId: 'D2', ...doc, sqlRedo: " buf_c := 'def';\n  dbms_lob.write(loc_c, 3, 4, buf_c);" }),
      lmRow({ scn: 103n, xid: 'A', operationCode: 9, rowId: 'D3', ...doc, sqlRedo: loc.replace("'2'", "'3'") }),
      lmRow({ scn: 103n, xid: 'A', operationCode: 10, rowId: 'D3', ...doc, sqlRedo: " buf_c := 'zz';\n  dbms_lob.write(loc_c, 2, 1, buf_c);" }),
      commit(104n, 'A'),
    ];
    const { stream } = setup(rows, 200n);
    const [tx] = await drain(stream, 1);
    expect(tx!.events!.map((e) => [e.op, e.after])).toEqual([
      ['INSERT', ['1', 'short']],
      ['INSERT', ['2', 'abcdef']],
      ['UPDATE', ['3', 'zz']],
    ]);
    expect(tx!.eventCount).toBe(3);
  });

  it('keeps only the selected tables and counts rows it cannot read', async () => {
    const rows = [
      start(100n, 'A'),
      ins(101n, 'A', 1, 'a'),
      lmRow({ scn: 102n, xid: 'A', operationCode: 1, rowId: 'D1', segOwner: 'HR', tableName: 'DOC', sqlRedo: `insert into "HR"."DOC"("ID","BODY") values ('1',NULL);` }),
      lmRow({ scn: 103n, xid: 'A', operationCode: 255, segOwner: 'HR', tableName: 'EMP', sqlRedo: 'Unsupported' }),
      lmRow({ scn: 104n, xid: 'A', operationCode: 1, rowId: 'G1', segOwner: 'HR', tableName: 'GONE', sqlRedo: `insert into "HR"."GONE"("ID") values ('1');` }),
      commit(105n, 'A'),
    ];
    const only = setup(rows, 200n, { tables: [{ owner: 'HR', table: 'EMP' }, { owner: 'HR', table: 'GONE' }] });
    const [tx] = await drain(only.stream, 1);
    expect(tx!.events!.map((e) => e.table)).toEqual(['EMP']);
    expect(only.stream.stats()).toMatchObject({ unsupportedRows: 1, unknownTableRows: 1, transactionsEmitted: 1 });
    expect(only.gw.mineCalls[0]!.owners).toEqual(['HR']);
  });

  it('never mines past what every open redo thread has written, and flushes the log writers first', async () => {
    // Thread 2 (another RAC instance) has written only up to SCN 130, though the current SCN is 200.
    const rows = [start(100n, 'A'), ins(101n, 'A', 1, 'a'), commit(102n, 'A'), start(128n, 'B'), ins(129n, 'B', 2, 'b'), ins(135n, 'B', 3, 'c'), commit(140n, 'B')];
    const { stream, gw } = setup(rows, 200n);
    gw.threads = [
      { thread: 1, open: true, lastRedoScn: 201n, sequence: 7 },
      { thread: 2, open: true, lastRedoScn: 130n, sequence: 4 },
      { thread: 3, open: false, lastRedoScn: 90n, sequence: 2 }, // a closed instance holds nothing back
    ];
    expect((await stream.next()).map((t) => t.xid)).toEqual(['A']);
    expect(gw.mineCalls.map((c) => c.toScn)).toEqual([130n]);
    expect(gw.flushes).toBe(1);
    gw.threads[1] = { thread: 2, open: true, lastRedoScn: 180n, sequence: 4 };
    expect((await drain(stream, 2)).map((t) => [t.xid, t.eventCount])).toEqual([['B', 2]]);
    expect(gw.mineCalls.map((c) => c.toScn)).toEqual([130n, 180n]);
  });

  it('polls adaptively when caught up: short right after work, doubling up to the poll interval', async () => {
    const waits: number[] = [];
    const { stream } = setup([start(100n, 'A'), ins(101n, 'A', 1, 'a'), commit(102n, 'A')], 200n, { pollIntervalMs: 800, sleep: async (ms) => void waits.push(ms) });
    await drain(stream, 6);
    expect(waits).toEqual([100, 200, 400, 800, 800]);
  });

  it('retries a window after a log switch error and stops on a non-retriable one', async () => {
    const rows = [start(100n, 'A'), ins(101n, 'A', 1, 'a'), commit(102n, 'A')];
    const { stream, gw } = setup(rows, 200n, { sleep: async () => undefined });
    let failures = 2;
    gw.fail = () => (failures-- > 0 ? oraError('ORA-00310', 'archived log contains sequence 5; sequence 2 required', { retriable: true }) : null);
    const txs = await drain(stream, 1);
    expect(txs).toHaveLength(1);
    expect(gw.mineCalls).toHaveLength(3);
    gw.fail = () => oraError('ORA-01031', 'insufficient privileges');
    gw.current = 300n;
    await expect(stream.next()).rejects.toThrow(/ORA-01031/);
  });

  it('reads the cursor only as fast as transactions are taken: returns mid-window, the session still open', async () => {
    // 300 one-row transactions in one window; the gateway yields 50 rows per fetch.
    const rows = Array.from({ length: 300 }, (_, i) => {
      const scn = 100n + BigInt(i) * 3n;
      const xid = `T${String(i).padStart(3, '0')}`;
      return [start(scn, xid), ins(scn + 1n, xid, i, `n${i}`), commit(scn + 2n, xid)];
    }).flat();
    const { stream, gw } = setup(rows, 2000n, { maxReadyEvents: 40 });
    gw.batchRows = 50;
    let fetched = 0;
    gw.fail = (_req, atRow) => {
      fetched = atRow;
      return null;
    };
    const first = await stream.next();
    // Returned after ~40 committed events, with most of the window still unread in the cursor.
    expect(first.length).toBeGreaterThanOrEqual(40);
    expect(fetched).toBeLessThan(300);
    expect(gw.mineCalls).toHaveLength(1);
    // Positions mid-window: restart at the last transaction's own commit (nothing open before it).
    const lastFirst = first[first.length - 1]!;
    expect(lastFirst.position).toEqual({ restartScn: lastFirst.commitScn, lastCommitScn: lastFirst.commitScn, lastXid: lastFirst.xid });
    const all = [...first];
    while (all.length < 300) all.push(...(await stream.next()));
    expect(gw.mineCalls).toHaveLength(1); // one LogMiner session served every batch
    expect(all.map((t) => t.xid)).toEqual(rows.filter((r) => r.operationCode === 7).map((r) => r.xid));
  });

  it('hands out a transaction committed at the last scanned SCN only once no later row can share that SCN', async () => {
    // B and A commit at the same SCN (RAC: two threads); order is by XID, whichever row comes first.
    const rows = [start(100n, 'B'), ins(101n, 'B', 1, 'b'), start(102n, 'A'), ins(103n, 'A', 2, 'a'), commit(110n, 'B'), commit(110n, 'A'), start(111n, 'C'), ins(112n, 'C', 3, 'c'), commit(113n, 'C')];
    const { stream, gw } = setup(rows, 200n, { maxReadyEvents: 1 });
    gw.batchRows = 5; // the first batch ends with B's commit at 110; A's commit at 110 is in the next one
    const txs = await drain(stream, 3);
    expect(txs.map((t) => t.xid)).toEqual(['A', 'B', 'C']);
  });

  it('a bulk transaction larger than the memory bound streams through the spill file, fetched batch by batch', async () => {
    // One transaction of 5,000 UPDATEs, all under one SCN, followed by a small one.
    const rows = [start(100n, 'BULK'), ...Array.from({ length: 5000 }, (_, i) => upd(101n, 'BULK', i, 2, 1)), commit(102n, 'BULK'), start(103n, 'S'), ins(104n, 'S', 9, 's'), commit(105n, 'S')];
    const { stream, gw } = setup(rows, 200n, { maxEventsInMemoryPerTx: 100 });
    gw.batchRows = 250;
    let peakBuffered = 0;
    gw.fail = () => {
      peakBuffered = Math.max(peakBuffered, stream.bufferStats().bufferedEvents);
      return null;
    };
    const txs = await drain(stream, 1);
    expect(txs.map((t) => [t.xid, t.spilled, t.eventCount])).toEqual([['BULK', true, 5000], ['S', false, 1]]);
    expect((await collectEvents(txs[0]!)).map((e) => e.seqInTx).slice(-2)).toEqual([4999, 5000]);
    expect(peakBuffered).toBeGreaterThan(100); // the transaction grew across fetches …
    expect(gw.mineCalls).toHaveLength(1);
  });

  it('a failure after rows were processed fails the stream (recreate it from the checkpoint); before any row it retries', async () => {
    const rows = Array.from({ length: 20 }, (_, i) => [start(100n + BigInt(i) * 3n, `X${i}`), ins(101n + BigInt(i) * 3n, `X${i}`, i, 'x'), commit(102n + BigInt(i) * 3n, `X${i}`)]).flat();
    const { stream, gw } = setup(rows, 500n, { sleep: async () => undefined, maxReadyEvents: 1_000_000 });
    gw.batchRows = 10;
    gw.fail = (_req, atRow) => (atRow === 30 ? oraError('ORA-03113', 'end-of-file on communication channel', { retriable: true }) : null);
    await expect(stream.next()).rejects.toThrow(/ORA-03113/);
    await expect(stream.next()).rejects.toThrow(/ORA-03113/); // stays failed
    expect(gw.mineCalls).toHaveLength(1);
  });
});
