import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { createSimDatabase, installSampleSchema, ManualClock, SAMPLE_ACCOUNTS, SimGateway } from '../sim';
import { collectEvents } from './collect';
import { createLogMinerStream, type LogMinerStream } from './log-miner-stream';
import type { MiningPosition } from './types';

/**
 * Dropping an open transaction (the lag explainer's Drop, later retention rules): its buffered rows
 * are discarded (spilled ones too), its later rows and COMMIT are ignored, the restart position is
 * no longer held back by it, and the drop survives a restart through the position's `dropped` list
 * until mining has passed the transaction's end.
 */
function setup() {
  const db = createSimDatabase({ clock: new ManualClock(), idleScnPerSecond: 0, supplementalLogging: { pk: true, ui: true } });
  installSampleSchema(db, { employees: 50, documents: 1, typeZooRows: 1 });
  const { user, password } = SAMPLE_ACCOUNTS.migration;
  return { db, gw: new SimGateway(db, { host: 'drop.sim', port: 1521, kind: 'sid', database: 'SIMDB', user, password }) };
}

function stream(gw: SimGateway, from: { startScn: bigint } | { resume: MiningPosition }, spillDir = mkdtempSync(path.join(tmpdir(), 'drop-'))): LogMinerStream {
  return createLogMinerStream(gw, { ...from, owners: ['HR'], spillDir, pollIntervalMs: 0, maxEventsInMemoryPerTx: 5 });
}

/** Mines until the stream's window passed `scn`; returns the salaries of committed events. */
async function mineTo(s: LogMinerStream, gw: SimGateway, scn?: bigint): Promise<number[]> {
  const end = scn ?? (await gw.currentScn());
  const out: number[] = [];
  while ((s.stats().lastWindow?.toScn ?? 0n) <= end) for (const tx of await s.next()) for (const e of await collectEvents(tx)) out.push(Number(e.after?.[7]));
  return out;
}

describe('dropping an open transaction (simulator)', () => {
  it('discards its rows (spilled too), ignores its later rows and COMMIT, and frees the restart position', async () => {
    const { db, gw } = setup();
    const spillDir = mkdtempSync(path.join(tmpdir(), 'drop-spill-'));
    const start = await gw.currentScn();
    const long = db.session('HR');
    for (let i = 0; i < 8; i++) long.update('HR', 'EMPLOYEES', { EMPLOYEE_ID: 100 + i }, { SALARY: 90_000 + i }); // > 5 rows: spilled
    const other = db.session('HR');
    other.update('HR', 'EMPLOYEES', { EMPLOYEE_ID: 120 }, { SALARY: 1 });
    other.commit();
    const s = stream(gw, { startScn: start }, spillDir);
    expect(await mineTo(s, gw)).toEqual([1]);
    const open = s.openTransactions();
    expect(open).toHaveLength(1);
    const xid = open[0]!.xid;
    expect(open[0]).toMatchObject({ rows: 8, spilled: true, userName: 'HR', tables: ['HR.EMPLOYEES'] });
    expect(s.position().restartScn).toBeLessThanOrEqual(open[0]!.firstRowScn!);

    const dropped = s.dropTransaction(xid, 'operator alice: older than retention');
    expect(dropped).toMatchObject({ xid, rows: 8, spilled: true, reason: 'operator alice: older than retention' });
    expect(dropped!.bytes).toBeGreaterThan(0);
    expect(s.dropTransaction(xid, 'again')).toBeNull();
    expect(s.openTransactions()).toEqual([]);
    // More changes of it, then its COMMIT: nothing of it reaches the consumer.
    long.update('HR', 'EMPLOYEES', { EMPLOYEE_ID: 110 }, { SALARY: 90_010 });
    long.commit();
    other.update('HR', 'EMPLOYEES', { EMPLOYEE_ID: 121 }, { SALARY: 2 });
    other.commit();
    expect(await mineTo(s, gw)).toEqual([2]);
    const pos = s.position();
    expect(pos.restartScn).toBeGreaterThan(open[0]!.firstRowScn!);
    // Its end is below the restart position now: no restart can read it, so it is forgotten.
    expect(pos.dropped).toBeUndefined();
    expect(s.stats().droppedTransactions).toBe(1);
    await s.close();
  });

  it('survives a restart: the position carries the XID while a restart could still read its rows', async () => {
    const { db, gw } = setup();
    const start = await gw.currentScn();
    const holder = db.session('HR'); // an older open transaction keeps the restart position low
    holder.update('HR', 'EMPLOYEES', { EMPLOYEE_ID: 140 }, { SALARY: 7 });
    const long = db.session('HR');
    long.update('HR', 'EMPLOYEES', { EMPLOYEE_ID: 100 }, { SALARY: 90_000 });
    const s1 = stream(gw, { startScn: start });
    await mineTo(s1, gw);
    const xid = s1.openTransactions().find((t) => t.rows === 1 && t.startScn > s1.openTransactions()[0]!.startScn)!.xid;
    s1.dropTransaction(xid, 'test');
    long.update('HR', 'EMPLOYEES', { EMPLOYEE_ID: 101 }, { SALARY: 90_001 });
    long.commit();
    await mineTo(s1, gw);
    const pos = s1.position();
    // Held back by the older transaction, below the dropped one's rows: the XID must travel with it.
    expect(pos.dropped).toEqual([{ xid, endScn: expect.any(BigInt) }]);
    await s1.close();

    // "Crash" and restart from the position: the dropped transaction's rows and COMMIT are re-read and ignored.
    holder.commit();
    const s2 = stream(gw, { resume: pos });
    expect(await mineTo(s2, gw)).toEqual([7]);
    expect(s2.position().dropped).toBeUndefined();
    await s2.close();

    // Without the list the same restart would have emitted the dropped transaction.
    const s3 = stream(gw, { resume: { ...pos, dropped: undefined } });
    expect((await mineTo(s3, gw)).sort()).toEqual([7, 90_000, 90_001]);
    await s3.close();
  });
});
