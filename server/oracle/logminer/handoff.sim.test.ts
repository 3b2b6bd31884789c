import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import type { TableMeta } from '../../model/oracle-types';
import { isOra2KafkaError } from '../../model/errors';
import { LogMissingError } from '../errors';
import type { OracleGateway } from '../gateway';
import { createSimDatabase, installSampleSchema, LONG_TABLE_NAME, ManualClock, SAMPLE_ACCOUNTS, SimGateway, Workload, type SimDatabase } from '../sim';
import { planHandoff, readTableChunks } from '../snapshot';
import { contentsOf, TableModel } from '../../../test/support/oracle/handoff-model';
import { collectEvents, createLogMinerStream, type CommittedTransaction, type LogMinerStream, type LogMinerStreamOptions } from './index';

/**
 * THE hand-off proof: full load AS OF S + mining from the oldest transaction open at S, emitting
 * commits after S, applied to a model, equals the source — with transactions in flight across S,
 * partial and full rollbacks, LOBs, a keyless table, a transaction big enough to spill, tiny redo
 * logs that switch while mining, and a crash + resume in the middle.
 */

const PLAIN = ['REGIONS', 'COUNTRIES', 'LOCATIONS', 'DEPARTMENTS', 'JOBS', 'EMPLOYEES', 'JOB_HISTORY', 'AUDIT_LOG', LONG_TABLE_NAME];
const LOBS = ['DOCUMENTS', 'TYPE_ZOO'];

function setupDb(logSizeBytes = 30_000): { db: SimDatabase; clock: ManualClock; gw: SimGateway } {
  const clock = new ManualClock();
  const db = createSimDatabase({ clock, idleScnPerSecond: 0, logSizeBytes, supplementalLogging: { pk: true, ui: true } });
  installSampleSchema(db, { employees: 200, documents: 15, typeZooRows: 20 });
  const { user, password } = SAMPLE_ACCOUNTS.migration;
  const gw = new SimGateway(db, { host: 'handoff.sim', port: 1521, kind: 'sid', database: 'SIMDB', user, password });
  return { db, clock, gw };
}

function streamOptions(extra: Partial<LogMinerStreamOptions>): LogMinerStreamOptions {
  return {
    owners: ['HR'],
    spillDir: mkdtempSync(path.join(tmpdir(), 'handoff-spill-')),
    maxEventsInMemoryPerTx: 16,
    pollIntervalMs: 0,
    windowSizes: { min: 40n, default: 150n, max: 400n, increment: 40n },
    ...extra,
  };
}

async function readTable(gw: OracleGateway, meta: TableMeta, scn: bigint) {
  const rows = [];
  for await (const c of readTableChunks(gw, meta, { scn, chunkSize: 37 })) rows.push(...c.rows);
  return rows;
}

describe('snapshot → LogMiner hand-off through the mining pipeline (simulator)', () => {
  it('reproduces the source exactly: no change lost, none applied twice', async () => {
    const { db, clock, gw } = setupDb();
    const plain = new Workload(db, { seed: 3, tables: PLAIN.map((t) => `HR.${t}`), longTxRate: 0.2, longTxMs: 2_500, rollbackRate: 0.1, savepointRate: 0.25 });
    // LOB-only updates write no compensation rows, so LOB tables get no savepoint rollbacks (see rollback-resolver.ts).
    const lob = new Workload(db, { seed: 5, tables: LOBS.map((t) => `HR.${t}`), longTxRate: 0.15, longTxMs: 2_500, rollbackRate: 0.1, savepointRate: 0, opsPerTx: [1, 3] });
    const big = db.session('HR');
    const round = (n: number) => {
      plain.runTransactions(n);
      lob.runTransactions(Math.ceil(n / 3));
      clock.advance(700);
    };
    for (let i = 0; i < 5; i++) round(15);
    for (let i = 0; i < 20; i++) big.insert('HR', LONG_TABLE_NAME, { REVIEW_ID: 900_000 + i, RATING: i % 10, NOTES: `big ${i}` });
    const bigXid = big.transaction!.xid;
    const small = db.session('HR');
    small.insert('HR', 'REGIONS', { REGION_ID: 800, REGION_NAME: 'small' });
    const smallXid = small.transaction!.xid;

    const handoff = await planHandoff(gw);
    expect(handoff.openAtSnapshot.length).toBeGreaterThan(2);
    expect(handoff.miningStartScn).toBeLessThan(handoff.snapshotScn);
    const models = new Map<string, TableModel>();
    for (const t of [...PLAIN, ...LOBS]) {
      const meta = await gw.describeTable('HR', t);
      const m = new TableModel(meta);
      for (const r of await readTable(gw, meta, handoff.snapshotScn)) m.load(r);
      models.set(t, m);
    }

    const violations: string[] = [];
    const acked: CommittedTransaction[] = [];
    const apply = async (tx: CommittedTransaction) => {
      const events = await collectEvents(tx);
      expect(events.map((e) => e.seqInTx)).toEqual(events.map((_, i) => i + 1));
      for (const e of events) {
        const v = models.get(e.table)?.apply(e);
        if (v) violations.push(`${tx.xid}@${tx.commitScn} ${e.table}: ${v}`);
      }
      acked.push(tx);
    };
    const opts = streamOptions({ startScn: handoff.miningStartScn, emitAfterCommitScn: handoff.snapshotScn });
    let stream: LogMinerStream = createLogMinerStream(gw, opts);
    let maxSpilled = 0;
    let resumed = false;
    for (let i = 0; i < 14; i++) {
      round(12);
      if (i === 2) {
        big.savepoint('HALF');
        for (let k = 20; k < 32; k++) big.insert('HR', LONG_TABLE_NAME, { REVIEW_ID: 900_000 + k, RATING: 1 });
        big.update('HR', LONG_TABLE_NAME, { REVIEW_ID: 900_003 }, { NOTES: 'kept' });
        big.rollbackTo('HALF');
        big.update('HR', LONG_TABLE_NAME, { REVIEW_ID: 900_004 }, { NOTES: 'after rollback' });
        big.delete('HR', LONG_TABLE_NAME, { REVIEW_ID: 900_005 });
      }
      if (i === 3) {
        small.savepoint('S1');
        small.insert('HR', 'REGIONS', { REGION_ID: 801, REGION_NAME: 'gone' });
        small.update('HR', 'REGIONS', { REGION_ID: 800 }, { REGION_NAME: 'gone too' });
        small.rollbackTo('S1');
        small.update('HR', 'REGIONS', { REGION_ID: 800 }, { REGION_NAME: 'kept' });
        small.commit();
      }
      if (i === 5) big.commit();
      for (let k = 0; k < 3; k++) {
        const batch = await stream.next();
        maxSpilled = Math.max(maxSpilled, stream.bufferStats().spilledTransactions);
        if (i === 7 && !resumed && batch.length >= 2) {
          // Crash after Kafka acknowledged only the first half of this batch.
          const half = Math.floor(batch.length / 2);
          for (const tx of batch.slice(0, half)) await apply(tx);
          await stream.close();
          stream = createLogMinerStream(gw, streamOptions({ resume: batch[half - 1]!.position }));
          resumed = true;
          break;
        }
        for (const tx of batch) await apply(tx);
      }
    }
    plain.drain();
    lob.drain();
    const end = await gw.currentScn();
    while ((stream.stats().lastWindow?.toScn ?? 0n) <= end) for (const tx of await stream.next()) await apply(tx);
    await stream.close();

    expect(resumed).toBe(true);
    expect(maxSpilled).toBeGreaterThanOrEqual(1);
    expect(db.redo.currentSequence()).toBeGreaterThan(5); // many log switches while mining
    expect(violations).toEqual([]);
    const xids = acked.map((t) => t.xid);
    expect(new Set(xids).size).toBe(xids.length);
    expect(acked.every((t) => t.commitScn > handoff.snapshotScn)).toBe(true);
    for (let i = 1; i < acked.length; i++) expect(acked[i]!.commitScn >= acked[i - 1]!.commitScn).toBe(true);
    const straddlers = handoff.openAtSnapshot.map((t) => t.xid).filter((x) => xids.includes(x));
    expect(straddlers.length).toBeGreaterThan(1);
    const bigTx = acked.find((t) => t.xid === bigXid);
    expect(bigTx).toMatchObject({ spilled: true, eventCount: 22 }); // 20 inserts + update + delete; the rolled-back part is gone
    const smallTx = acked.find((t) => t.xid === smallXid)!;
    expect(smallTx.events!.map((e) => [e.op, e.after?.[1]])).toEqual([['INSERT', 'small'], ['UPDATE', 'kept']]);
    expect(plain.stats.rolledBack + lob.stats.rolledBack).toBeGreaterThan(3);

    for (const [t, model] of models) {
      const source = contentsOf(await readTable(gw, model.meta, end));
      expect(model.contents(), t).toEqual(source);
    }
  });

  it('cannot miss a transaction that starts between the V$TRANSACTION query and the snapshot SCN', async () => {
    const { db, gw } = setupDb();
    const late = db.session('HR');
    const racing = new Proxy(gw, {
      get(target, prop, receiver) {
        if (prop === 'openTransactions') {
          return async () => {
            const open = await target.openTransactions();
            late.insert('HR', 'REGIONS', { REGION_ID: 77, REGION_NAME: 'Late' }); // starts after the query…
            return open;
          };
        }
        const v = Reflect.get(target, prop, receiver) as unknown;
        return typeof v === 'function' ? (v as (...a: unknown[]) => unknown).bind(target) : v;
      },
    }) as OracleGateway;
    const handoff = await planHandoff(racing);
    expect(handoff.openAtSnapshot).toEqual([]);
    late.commit(); // …and commits after S
    const meta = await gw.describeTable('HR', 'REGIONS');
    expect((await readTable(gw, meta, handoff.snapshotScn)).map((r) => r[0])).not.toContain('77');
    const stream = createLogMinerStream(gw, streamOptions({ startScn: handoff.miningStartScn, emitAfterCommitScn: handoff.snapshotScn }));
    const txs = await stream.next();
    await stream.close();
    expect(txs.flatMap((t) => t.events!).map((e) => [e.op, e.table, e.after?.[0]])).toEqual([['INSERT', 'REGIONS', '77']]);
  });

  it('fails with LogMissingError naming the sequence when a needed archived log was purged', async () => {
    const { db, clock, gw } = setupDb(6_000);
    const open = db.session('HR');
    open.insert('HR', 'REGIONS', { REGION_ID: 50, REGION_NAME: 'Open' });
    const handoff = await planHandoff(gw);
    const w = new Workload(db, { seed: 9, tables: ['HR.EMPLOYEES'], longTxRate: 0, rollbackRate: 0, savepointRate: 0 });
    for (let i = 0; i < 4; i++) {
      w.runTransactions(30);
      clock.advance(1000);
    }
    open.commit();
    const files = await gw.logFilesFor(handoff.miningStartScn, null);
    expect(files[0]!.kind).toBe('ARCHIVED');
    expect(db.faults.purgeLog(files[0]!.sequence)).toBe(true);
    const stream = createLogMinerStream(gw, streamOptions({ startScn: handoff.miningStartScn, emitAfterCommitScn: handoff.snapshotScn }));
    const err = await stream.next().then(() => null, (e: unknown) => e);
    expect(err).toBeInstanceOf(LogMissingError);
    expect(err).toMatchObject({ thread: 1, sequence: files[0]!.sequence, retriable: false, code: 'ORACLE_LOG_MISSING' });
    expect((err as LogMissingError).message).toContain(`SCN ${handoff.miningStartScn}`);
    expect((err as LogMissingError).hint).toMatch(/retention/);
  });

  it('re-lists the logs and retries when an online log is switched and reused during a mining call', async () => {
    const { db, gw } = setupDb();
    const start = await gw.currentScn();
    const s = db.session('HR');
    s.insert('HR', 'REGIONS', { REGION_ID: 60, REGION_NAME: 'Switch' });
    s.commit();
    const end = await gw.currentScn();
    let switched = 0;
    let reused = 0;
    const switching = new Proxy(gw, {
      get(target, prop, receiver) {
        if (prop === 'logFilesFor') {
          return async (from: bigint, to: bigint | null) => {
            const files = await target.logFilesFor(from, to);
            if (switched++ === 0) for (let i = 0; i < 4; i++) db.switchLogfile(); // the listed CURRENT group is archived and reused
            return files;
          };
        }
        if (prop === 'mine') {
          return async function* (req: Parameters<OracleGateway['mine']>[0]) {
            try {
              yield* target.mine(req);
            } catch (e) {
              if (isOra2KafkaError(e) && e.code === 'ORA-00310') reused++;
              throw e;
            }
          };
        }
        const v = Reflect.get(target, prop, receiver) as unknown;
        return typeof v === 'function' ? (v as (...a: unknown[]) => unknown).bind(target) : v;
      },
    }) as OracleGateway;
    const stream = createLogMinerStream(switching, streamOptions({ startScn: start, sleep: async () => undefined }));
    const txs: CommittedTransaction[] = [];
    while ((stream.stats().lastWindow?.toScn ?? 0n) <= end) txs.push(...(await stream.next()));
    await stream.close();
    expect(reused).toBe(1);
    expect(txs.flatMap((t) => t.events!).map((e) => e.after?.[1])).toEqual(['Switch']);
  });
});
