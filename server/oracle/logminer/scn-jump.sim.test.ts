import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import type { ChangeEvent } from '../../model/change-event';
import { createSimDatabase, installSampleSchema, ManualClock, SAMPLE_ACCOUNTS, SimGateway } from '../sim';
import { collectEvents } from './collect';
import { createLogMinerStream } from './log-miner-stream';

/**
 * An SCN jump (SCN synchronisation over a database link): the SCN leaps by billions with no redo
 * in between. Window by window that is tens of thousands of empty LogMiner sessions before the
 * next change is seen; the stream probes once for the next row and continues there.
 */
function setup() {
  const clock = new ManualClock();
  const db = createSimDatabase({ clock, idleScnPerSecond: 0, supplementalLogging: { pk: true, ui: true } });
  installSampleSchema(db, { employees: 20, documents: 1, typeZooRows: 1 });
  const { user, password } = SAMPLE_ACCOUNTS.migration;
  const gw = new SimGateway(db, { host: 'jump.sim', port: 1521, kind: 'sid', database: 'SIMDB', user, password });
  return { db, gw };
}

describe('SCN jumps (simulator)', () => {
  it('a jump of 5,000,000,000 SCNs with no redo is crossed in one probe, and no change around it is lost', async () => {
    const { db, gw } = setup();
    const start = await gw.currentScn();
    const stream = createLogMinerStream(gw, {
      startScn: start,
      owners: ['HR'],
      spillDir: mkdtempSync(path.join(tmpdir(), 'jump-')),
      pollIntervalMs: 0,
      sleep: async () => undefined,
      windowSizes: { min: 1_000n, default: 10_000n, max: 100_000n, increment: 10_000n },
    });
    const s = db.session('HR');
    s.update('HR', 'JOBS', { JOB_ID: 'AD_PRES' }, { MAX_SALARY: 41000 });
    s.commit();
    const events: ChangeEvent[] = [];
    for (const tx of await stream.next()) events.push(...(await collectEvents(tx)));
    db.jumpScn(5_000_000_000n);
    s.update('HR', 'JOBS', { JOB_ID: 'AD_VP' }, { MAX_SALARY: 31000 });
    s.commit();
    // Without the probe: 50,000 windows of 100,000 SCNs before the second change.
    for (let i = 0; i < 20 && events.length < 2; i++) for (const tx of await stream.next()) events.push(...(await collectEvents(tx)));
    expect(events.map((e) => e.after?.[0])).toEqual(['AD_PRES', 'AD_VP']);
    const stats = stream.stats();
    expect(stats.scnJumpsSkipped).toBe(1);
    expect(stats.windowsMined).toBeLessThan(20);
    expect(stream.position().restartScn).toBeGreaterThan(start + 5_000_000_000n);
    await stream.close();
  });

  it('no probe while the windows have rows, and none for a gap a window covers anyway', async () => {
    const { db, gw } = setup();
    const start = await gw.currentScn();
    const stream = createLogMinerStream(gw, { startScn: start, owners: ['HR'], spillDir: mkdtempSync(path.join(tmpdir(), 'jump-')), pollIntervalMs: 0, sleep: async () => undefined });
    const s = db.session('HR');
    for (let i = 0; i < 5; i++) {
      s.update('HR', 'JOBS', { JOB_ID: 'AD_PRES' }, { MAX_SALARY: 40000 + i });
      s.commit();
      db.jumpScn(500n);
      await stream.next();
    }
    expect(stream.stats().scnJumpsSkipped).toBe(0);
    await stream.close();
  });
});
