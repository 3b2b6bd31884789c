import { mkdtempSync, readdirSync, rmSync, truncateSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { col, lmRow, RowsGateway, table } from '../../../test/support/oracle/logminer-fixtures';
import { collectEvents } from './collect';
import { createLogMinerStream, type LogMinerStream } from './log-miner-stream';
import type { CommittedTransaction, MiningPosition } from './types';

/**
 * A large transaction open a long time pins the restart position at its first row. Spilled to
 * disk, it is taken over from its file at resume instead: mining restarts after it, its later
 * rows and its COMMIT are mined again, and the result is the same as without a restart.
 */
const EMP = table('HR', 'EMP', [col('ID'), col('NAME', 'VARCHAR2'), col('SAL')]);
const ins = (scn: bigint, xid: string, id: number) => lmRow({ scn, xid, operationCode: 1, rowId: `R${id}`, sqlRedo: `insert into "HR"."EMP"("ID","NAME","SAL") values ('${id}','n${id}','100');` });
const upd = (scn: bigint, xid: string, id: number, sal: number, oldSal: number, rollback: 0 | 1 = 0) =>
  lmRow({ scn, xid, operationCode: 3, rowId: `R${id}`, rollback, sqlRedo: `update "HR"."EMP" set "SAL" = '${sal}' where "ID" = '${id}' and "SAL" = '${oldSal}';` });
const start = (scn: bigint, xid: string) => lmRow({ scn, xid, operationCode: 6 });
const commit = (scn: bigint, xid: string) => lmRow({ scn, xid, operationCode: 7 });

/**
 * BIG opens at 100 and writes 40 rows (SCN 101..140) interleaved with small transactions S1..S8
 * committing at 145..215; a partial rollback inside BIG (153/154) must still resolve after a
 * resume. BIG commits at 300 after 20 more rows.
 */
function history(bigCommit = 300n) {
  const rows = [start(100n, 'BIG')];
  for (let i = 0; i < 40; i++) rows.push(ins(101n + BigInt(i), 'BIG', i));
  for (let k = 1; k <= 8; k++) {
    const s = 140n + BigInt(k) * 10n;
    rows.push(start(s, `S${k}`), ins(s + 1n, `S${k}`, 1000 + k), upd(s + 3n, 'BIG', k, 200 + k, 100), upd(s + 4n, 'BIG', k, 100, 200 + k, k === 1 ? 1 : 0), commit(s + 5n, `S${k}`));
  }
  for (let i = 0; i < 20; i++) rows.push(ins(230n + BigInt(i), 'BIG', 100 + i));
  rows.push(commit(bigCommit, 'BIG'));
  return rows.sort((a, b) => (a.scn < b.scn ? -1 : a.scn > b.scn ? 1 : 0));
}

function open(gw: RowsGateway, spillDir: string, from: { startScn: bigint } | { resume: MiningPosition }): LogMinerStream {
  return createLogMinerStream(gw.asGateway(), {
    ...from,
    owners: ['HR'],
    spillDir,
    pollIntervalMs: 0,
    maxEventsInMemoryPerTx: 10,
    windowSizes: { min: 5n, default: 20n, max: 20n, increment: 5n },
    resolveTable: async (o, t) => (o === 'HR' && t === 'EMP' ? EMP : null),
  });
}

async function drain(stream: LogMinerStream, until: (txs: CommittedTransaction[]) => boolean): Promise<CommittedTransaction[]> {
  const out: CommittedTransaction[] = [];
  for (let i = 0; i < 200 && !until(out); i++) out.push(...(await stream.next()));
  return out;
}

const shape = async (txs: CommittedTransaction[]) => Promise.all(txs.map(async (t) => [t.xid, t.commitScn, (await collectEvents(t)).map((e) => [e.op, e.seqInTx, e.txSize, e.after?.[0], e.after?.[2]])]));

async function reference() {
  const gw = new RowsGateway(history(), 400n);
  const stream = open(gw, mkdtempSync(path.join(tmpdir(), 'spill-ref-')), { startScn: 100n });
  const txs = await drain(stream, (t) => t.some((x) => x.xid === 'BIG'));
  const out = await shape(txs);
  await stream.close();
  return out;
}

/** Mines until S6 committed (BIG open and spilled), checkpoints S6's position, stops as a crash would. */
async function firstRun(spillDir: string) {
  const gw = new RowsGateway(history(), 400n);
  const stream = open(gw, spillDir, { startScn: 100n });
  const txs = await drain(stream, (t) => t.some((x) => x.xid === 'S6'));
  const upToS6 = txs.slice(0, txs.findIndex((x) => x.xid === 'S6') + 1);
  return { stream, emitted: await shape(upToS6), checkpoint: upToS6.at(-1)!.position };
}

describe('spilled transactions across a restart', () => {
  it('a position names the spill file and a later restart SCN; resuming mines from there, not from the transaction start, with the same result', async () => {
    const want = await reference();
    const spillDir = mkdtempSync(path.join(tmpdir(), 'spill-resume-'));
    const first = await firstRun(spillDir);
    const cp = first.checkpoint;
    expect(cp.restartScn).toBe(101n); // BIG's first row: without its file, everything from there
    expect(cp.spilled).toBeDefined();
    expect(cp.spilled!.restartScn).toBe(cp.lastCommitScn); // nothing else is open: right after S6
    expect(cp.spilled!.transactions.map((t) => [t.xid, t.startScn])).toEqual([['BIG', 100n]]);
    expect(readdirSync(spillDir)).toContain(cp.spilled!.transactions[0]!.file);
    // A crash: the stream is never closed. A new one (another process, as far as files go) resumes.
    const gw = new RowsGateway(history(), 400n);
    const resumed = open(gw, spillDir, { resume: cp });
    const rest = await drain(resumed, (t) => t.some((x) => x.xid === 'BIG'));
    expect(Math.min(...gw.mineCalls.map((c) => Number(c.fromScn)))).toBe(Number(cp.spilled!.restartScn));
    expect(resumed.stats().spilledTransactionsAdopted).toBe(1);
    expect([...first.emitted, ...(await shape(rest))]).toEqual(want);
    await resumed.close();
  });

  it('without the file (another machine), or with a file cut short, it mines from the transaction start: still the same result', async () => {
    const want = await reference();
    for (const damage of ['missing', 'short'] as const) {
      const spillDir = mkdtempSync(path.join(tmpdir(), `spill-${damage}-`));
      const first = await firstRun(spillDir);
      const file = path.join(spillDir, first.checkpoint.spilled!.transactions[0]!.file);
      if (damage === 'missing') rmSync(file);
      else truncateSync(file, statSync(file).size - 50); // the tail a machine crash can lose
      const gw = new RowsGateway(history(), 400n);
      const resumed = open(gw, spillDir, { resume: first.checkpoint });
      const rest = await drain(resumed, (t) => t.some((x) => x.xid === 'BIG'));
      expect(gw.mineCalls[0]!.fromScn).toBe(101n);
      expect(resumed.stats().spilledTransactionsAdopted).toBe(0);
      expect([...first.emitted, ...(await shape(rest))]).toEqual(want);
      await resumed.close();
    }
  });

  it('a stream closed (pause) keeps the file; a resume adopts it and files no position names are removed', async () => {
    const want = await reference();
    const spillDir = mkdtempSync(path.join(tmpdir(), 'spill-pause-'));
    const first = await firstRun(spillDir);
    await first.stream.close();
    const named = first.checkpoint.spilled!.transactions[0]!.file;
    expect(readdirSync(spillDir)).toContain(named);
    const gw = new RowsGateway(history(), 400n);
    const resumed = open(gw, spillDir, { resume: first.checkpoint });
    const rest = await drain(resumed, (t) => t.some((x) => x.xid === 'BIG'));
    expect([...first.emitted, ...(await shape(rest))]).toEqual(want);
    await resumed.next(); // BIG's file is deleted once it was handed out and read
    expect(readdirSync(spillDir)).toEqual([]);
    await resumed.close();
  });

  it('the position of a transaction handed out just before the big one (a crash while the big one is written) skips its redo too', async () => {
    // X commits at 303 and BIG at 305: one window, one batch, X's position taken while BIG is committed but not written.
    const rows = () => [...history(305n), start(301n, 'X'), ins(302n, 'X', 7000), commit(303n, 'X')].sort((a, b) => (a.scn < b.scn ? -1 : a.scn > b.scn ? 1 : 0));
    const gw1 = new RowsGateway(rows(), 400n);
    const s1 = open(gw1, mkdtempSync(path.join(tmpdir(), 'spill-ref2-')), { startScn: 100n });
    const want = await shape(await drain(s1, (t) => t.some((x) => x.xid === 'BIG')));
    const spillDir = mkdtempSync(path.join(tmpdir(), 'spill-batch-'));
    const s2 = open(new RowsGateway(rows(), 400n), spillDir, { startScn: 100n });
    const txs = await drain(s2, (t) => t.some((x) => x.xid === 'BIG'));
    const x = txs.findIndex((t) => t.xid === 'X');
    expect(txs[x + 1]!.xid).toBe('BIG');
    const cp = txs[x]!.position;
    expect(cp.restartScn).toBe(101n);
    expect(cp.spilled!.restartScn).toBe(303n);
    const gw = new RowsGateway(rows(), 400n);
    const resumed = open(gw, spillDir, { resume: cp });
    const rest = await drain(resumed, (t) => t.some((y) => y.xid === 'BIG'));
    expect(gw.mineCalls[0]!.fromScn).toBe(303n);
    expect([...(await shape(txs.slice(0, x + 1))), ...(await shape(rest))]).toEqual(want);
    await Promise.all([s1.close(), s2.close(), resumed.close()]);
  });

  it('a small transaction open since before the big one bounds the later restart SCN', async () => {
    const rows = history();
    rows.unshift(start(95n, 'OLD'), ins(96n, 'OLD', 5000));
    rows.push(commit(310n, 'OLD'));
    const gw = new RowsGateway(rows, 400n);
    const stream = open(gw, mkdtempSync(path.join(tmpdir(), 'spill-old-')), { startScn: 95n });
    const txs = await drain(stream, (t) => t.some((x) => x.xid === 'S6'));
    const cp = txs.find((x) => x.xid === 'S6')!.position;
    expect(cp.restartScn).toBe(96n);
    expect(cp.spilled).toBeUndefined(); // OLD is in memory: a restart needs SCN 96 anyway
    await stream.close();
  });
});

describe('SpilledRefs', () => {
  it('names at most MAX_NAMED_SPILLS files, oldest first, and then restarts at the first row of the oldest one left out; positions needing the same files share one list', async () => {
    const { SpillStore } = await import('./spill-store');
    const { SpilledRefs, MAX_NAMED_SPILLS } = await import('./spilled-resume');
    const store = new SpillStore(mkdtempSync(path.join(tmpdir(), 'spill-refs-')));
    const candidates = Array.from({ length: MAX_NAMED_SPILLS + 5 }, (_, i) => {
      const spill = store.create(`X${i}`);
      spill.append(ins(1000n + BigInt(i), `X${i}`, i));
      return { xid: `X${i}`, startScn: 999n + BigInt(i), startTimeMs: 0, firstRowScn: 1000n + BigInt(i), userName: 'HR', spill };
    });
    const refs = new SpilledRefs([...candidates].reverse());
    const capped = refs.forRestart(990n, 5000n)!;
    expect(capped.transactions).toHaveLength(MAX_NAMED_SPILLS);
    expect(capped.transactions[0]!.xid).toBe('X0');
    expect(capped.restartScn).toBe(1000n + BigInt(MAX_NAMED_SPILLS)); // the oldest one not named
    expect(refs.forRestart(990n, 1003n)!.transactions.map((t) => [t.xid, t.rows])).toEqual([['X0', 1], ['X1', 1], ['X2', 1]]);
    expect(refs.forRestart(990n, 1003n)!.transactions).toBe(refs.forRestart(980n, 1003n)!.transactions);
    expect(refs.forRestart(1003n, 1003n)).toBeNull();
    expect(refs.forRestart(990n, 1000n)).toBeNull(); // nothing below the later point: no file needed
    store.close();
  });
});
