import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { createSimDatabase, installSampleSchema, ManualClock, SAMPLE_ACCOUNTS, SimGateway } from '../sim';
import { createLogMinerStream, type LogMinerStream } from './log-miner-stream';

/**
 * The database host's clock need not agree with the worker's: redo row times, transaction start
 * times and commit times are in the database's clock. The stream reads that clock with each upper
 * bound, so the time it has mined through is database time whether or not the window had rows,
 * and it reports the offset (database − worker) that carries the worker's now into it.
 */
const DAY = 86_400_000;
const HOST_NOW = Date.UTC(2026, 11, 7, 13, 30, 0);

function setup(databaseStartMs: number) {
  const clock = new ManualClock(databaseStartMs);
  const db = createSimDatabase({ clock, idleScnPerSecond: 0, supplementalLogging: { pk: true, ui: true } });
  installSampleSchema(db, { employees: 20, documents: 1, typeZooRows: 1 });
  const { user, password } = SAMPLE_ACCOUNTS.migration;
  const gw = new SimGateway(db, { host: 'clock.sim', port: 1521, kind: 'sid', database: 'SIMDB', user, password });
  // The worker's clock: moves only when the test says, independently of the database's.
  const host = { now: HOST_NOW };
  return { db, clock, gw, host };
}

function stream(gw: SimGateway, startScn: bigint, host: { now: number }): LogMinerStream {
  return createLogMinerStream(gw, { startScn, owners: ['HR'], spillDir: mkdtempSync(path.join(tmpdir(), 'clock-')), pollIntervalMs: 0, now: () => host.now });
}

/** Mines until a window has reached the database's current SCN. */
async function catchUp(s: LogMinerStream, gw: SimGateway): Promise<void> {
  const end = await gw.currentScn();
  while ((s.stats().lastWindow?.toScn ?? 0n) <= end) await s.next();
}

describe("mining when the database's clock differs from the worker's (simulator)", () => {
  for (const [label, skewMs] of [['700 days behind', -700 * DAY], ['2 hours ahead', 2 * 3_600_000], ['the same', 0]] as const) {
    it(`database clock ${label}: mined-through time, open transaction ages and drops are in database time`, async () => {
      const { db, clock, gw, host } = setup(HOST_NOW + skewMs);
      const s = stream(gw, await gw.currentScn(), host);
      await catchUp(s, gw);
      expect(s.stats().databaseClockOffsetMs).toBe(skewMs);
      // An empty window mined to the bound: the time mined through is the database's clock then.
      expect(s.stats().minedThroughMs).toBe(clock.nowMs());

      const started = clock.nowMs();
      const open = db.session('HR');
      open.update('HR', 'EMPLOYEES', { EMPLOYEE_ID: 100 }, { SALARY: 1 });
      // 90 s pass on the database, 5 s on the worker (a worker's clock that runs slow, too).
      clock.advance(90_000);
      host.now += 5_000;
      await catchUp(s, gw);
      const [tx] = s.openTransactions();
      expect(tx?.startTimeMs).toBe(started);
      expect(s.stats().minedThroughMs! - tx!.startTimeMs).toBe(90_000);
      expect(s.stats().databaseClockOffsetMs).toBe(skewMs + 85_000);
      const dropped = s.dropTransaction(tx!.xid, 'test');
      expect(dropped).toMatchObject({ ageMs: 90_000, droppedAtMs: host.now });
      open.rollback();
      await s.close();
    });
  }
});
