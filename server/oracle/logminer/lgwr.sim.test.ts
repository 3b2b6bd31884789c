import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import type { ChangeEvent } from '../../model/change-event';
import { createSimDatabase, installSampleSchema, ManualClock, SAMPLE_ACCOUNTS, SimGateway } from '../sim';
import { collectEvents, collectMined } from './collect';
import { createLogMinerStream } from './log-miner-stream';

/**
 * Redo LogMiner cannot see yet: what LGWR has not written. The simulator keeps each instance's
 * redo in its log buffer until a commit on that instance, LGWR's 3-second timer, a log switch or
 * the flush table; RAC instances write their own threads. Mining up to "the current SCN" (or the
 * SCN current 5 s ago) skipped such redo for good; the bound is V$THREAD.LAST_REDO_CHANGE#.
 */
function rac(racNodes?: string[]) {
  const clock = new ManualClock();
  const db = createSimDatabase({ clock, idleScnPerSecond: 0, instances: 2, supplementalLogging: { pk: true, ui: true } });
  installSampleSchema(db, { employees: 20, documents: 1, typeZooRows: 1 });
  const { user, password } = SAMPLE_ACCOUNTS.migration;
  const gw = new SimGateway(db, { host: 'rac.sim', port: 1521, kind: 'service', database: 'SIMPDB', user, password, ...(racNodes ? { racNodes } : {}) }, { instance: 1 });
  return { db, clock, gw };
}

describe('LGWR and redo threads (simulator)', () => {
  it('redo still in a log buffer is invisible to LogMiner until its instance writes it', async () => {
    const { db, clock, gw } = rac();
    const from = await gw.currentScn();
    const s2 = db.session('HR', { instance: 2 });
    s2.update('HR', 'REGIONS', { REGION_ID: 1 }, { REGION_NAME: 'buffered' });
    const mine = async () => (await collectMined(gw.mine({ fromScn: from, toScn: (await gw.currentScn()) + 1n, logFiles: await gw.logFilesFor(from, null), owners: ['HR'] }))).filter((r) => r.operationCode === 3);
    expect(await mine()).toEqual([]);
    const before = (await gw.redoThreads()).find((t) => t.thread === 2)!.lastRedoScn;
    clock.advance(3000); // LGWR's timer
    expect((await mine()).map((r) => r.tableName)).toEqual(['REGIONS']);
    expect((await gw.redoThreads()).find((t) => t.thread === 2)!.lastRedoScn).toBeGreaterThan(before);
  });

  it('a change buffered on instance 2 while instance 1 commits on is not skipped (no flush reaches instance 2)', async () => {
    const { db, gw } = rac();
    const start = await gw.currentScn();
    const stream = createLogMinerStream(gw, { startScn: start, owners: ['HR'], spillDir: mkdtempSync(path.join(tmpdir(), 'lgwr-')), pollIntervalMs: 0, sleep: async () => undefined });
    const events: ChangeEvent[] = [];
    const s2 = db.session('HR', { instance: 2 });
    s2.update('HR', 'REGIONS', { REGION_ID: 1 }, { REGION_NAME: 'from instance 2' }); // in instance 2's log buffer
    const s1 = db.session('HR', { instance: 1 });
    for (let i = 0; i < 5; i++) {
      s1.update('HR', 'JOBS', { JOB_ID: 'AD_PRES' }, { MAX_SALARY: 40000 + i });
      s1.commit();
      for (const tx of await stream.next()) events.push(...(await collectEvents(tx)));
    }
    s2.commit();
    db.switchLogfile(2); // an idle thread moves on at its next log switch (ARCHIVE_LAG_TARGET)
    const end = await gw.currentScn();
    for (let i = 0; i < 50 && !events.some((e) => e.table === 'REGIONS'); i++) for (const tx of await stream.next()) events.push(...(await collectEvents(tx)));
    expect(events.filter((e) => e.table === 'JOBS')).toHaveLength(5);
    expect(events.filter((e) => e.table === 'REGIONS').map((e) => e.after?.[1])).toEqual(['from instance 2']);
    expect(stream.position().restartScn).toBeLessThanOrEqual(end);
    await stream.close();
  });

  it('with every instance named, the flush table makes each log writer write: mining keeps up with both threads', async () => {
    const { db, gw } = rac(['rac1.sim:1521', 'rac2.sim:1521']);
    const start = await gw.currentScn();
    const stream = createLogMinerStream(gw, { startScn: start, owners: ['HR'], spillDir: mkdtempSync(path.join(tmpdir(), 'lgwr-')), pollIntervalMs: 0, sleep: async () => undefined });
    const s2 = db.session('HR', { instance: 2 });
    s2.update('HR', 'REGIONS', { REGION_ID: 2 }, { REGION_NAME: 'x' });
    s2.commit();
    const end = await gw.currentScn();
    const events: ChangeEvent[] = [];
    while ((stream.stats().lastWindow?.toScn ?? 0n) <= end) for (const tx of await stream.next()) events.push(...(await collectEvents(tx)));
    expect(events.map((e) => e.table)).toEqual(['REGIONS']);
    const threads = await gw.redoThreads();
    expect(threads.map((t) => [t.thread, t.open])).toEqual([[1, true], [2, true]]);
    expect(threads.every((t) => t.lastRedoScn > end)).toBe(true); // both were flushed past the change
    await stream.close();
  });
});
