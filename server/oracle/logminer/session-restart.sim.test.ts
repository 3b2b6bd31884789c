import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import type { ChangeEvent } from '../../model/change-event';
import { createSimDatabase, installSampleSchema, ManualClock, SAMPLE_ACCOUNTS, SimGateway } from '../sim';
import { collectEvents } from './collect';
import { createLogMinerStream } from './log-miner-stream';

/**
 * A LogMiner session's memory (PGA on the source) grows while its cursor stays open; a window's
 * cursor can stay open across many next() calls when the consumer is slow. Sessions older than
 * `sessionMaxMs` are ended and a new one resumes just after the last row read — nothing read twice,
 * nothing skipped. Each window also reports what it cost the source (rows, round trips, time).
 */
function setup() {
  const db = createSimDatabase({ clock: new ManualClock(), idleScnPerSecond: 0, supplementalLogging: { pk: true, ui: true } });
  installSampleSchema(db, { employees: 200, documents: 1, typeZooRows: 1 });
  const { user, password } = SAMPLE_ACCOUNTS.migration;
  return { db, gw: new SimGateway(db, { host: 'restart.sim', port: 1521, kind: 'sid', database: 'SIMDB', user, password }) };
}

async function mineAll(restartEveryCall: boolean): Promise<{ events: ChangeEvent[]; restarts: number; cost: { rows: number; roundTrips: number; ms: number } | null }> {
  const { db, gw } = setup();
  const start = await gw.currentScn();
  const s = db.session('HR');
  // 3,000 one-row transactions, ~9,000 rows fetched a batch at a time: with maxReadyEvents 20,
  // next() returns mid-window after each batch.
  for (let i = 0; i < 3000; i++) {
    s.update('HR', 'EMPLOYEES', { EMPLOYEE_ID: 100 + (i % 200) }, { SALARY: 5000 + i });
    s.commit();
  }
  const end = await gw.currentScn();
  let now = 0;
  const stream = createLogMinerStream(gw, {
    startScn: start,
    owners: ['HR'],
    spillDir: mkdtempSync(path.join(tmpdir(), 'restart-')),
    pollIntervalMs: 0,
    maxReadyEvents: 20,
    sessionMaxMs: 60_000,
    now: () => now,
    windowSizes: { min: 100_000n, default: 100_000n, max: 100_000n, increment: 1n },
  });
  const events: ChangeEvent[] = [];
  while ((stream.stats().lastWindow?.toScn ?? 0n) <= end) {
    for (const tx of await stream.next()) events.push(...(await collectEvents(tx)));
    if (restartEveryCall) now += 61_000; // a slow consumer: every session outlives sessionMaxMs
  }
  const { sessionRestarts: restarts, lastWindowCost: cost } = stream.stats();
  await stream.close();
  return { events, restarts, cost };
}

describe('LogMiner session restarts (simulator)', () => {
  it('a session open longer than sessionMaxMs is ended and resumed after the last row: the same events, once each', async () => {
    const steady = await mineAll(false);
    const restarted = await mineAll(true);
    expect(steady.restarts).toBe(0);
    expect(restarted.restarts).toBeGreaterThan(3);
    const salaries = (r: { events: ChangeEvent[] }) => r.events.map((e) => e.after?.[7]);
    expect(salaries(steady)).toHaveLength(3000);
    expect(salaries(restarted)).toEqual(salaries(steady));
  });

  it('each window reports rows read, round trips and time', async () => {
    const { cost } = await mineAll(false);
    expect(cost).not.toBeNull();
    expect(cost!.rows).toBeGreaterThan(0);
    expect(cost!.roundTrips).toBeGreaterThanOrEqual(6); // bound (3), log list + ADD_LOGFILE + START, fetches, END
  });
});
