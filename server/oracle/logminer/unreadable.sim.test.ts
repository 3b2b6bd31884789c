import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import type { ChangeEvent } from '../../model/change-event';
import { createSimDatabase, installSampleSchema, ManualClock, SAMPLE_ACCOUNTS, SimGateway } from '../sim';
import { collectEvents } from './collect';
import { UnreadableRedoError } from './commit-processor';
import { createLogMinerStream, type LogMinerStreamOptions } from './log-miner-stream';
import type { UnreadableRow } from './types';

/**
 * A statement the parser cannot read — here LogMiner's apostrophe bug (an O'Brien printed as
 * 'O'Brien', Debezium DBZ-8200) — either stops the task naming everything needed to look at it,
 * or, under the dead-letter policy, is left out and listed with its transaction.
 */
function setup() {
  const db = createSimDatabase({ clock: new ManualClock(), idleScnPerSecond: 0, supplementalLogging: { pk: true, ui: true } });
  installSampleSchema(db, { employees: 20, documents: 1, typeZooRows: 1 });
  const { user, password } = SAMPLE_ACCOUNTS.migration;
  return { db, gw: new SimGateway(db, { host: 'unreadable.sim', port: 1521, kind: 'sid', database: 'SIMDB', user, password }) };
}

async function mine(policy: LogMinerStreamOptions['unreadableRedo'], maxEventsInMemoryPerTx?: number) {
  const { db, gw } = setup();
  const start = await gw.currentScn();
  const s = db.session('HR');
  s.update('HR', 'JOBS', { JOB_ID: 'AD_PRES' }, { MAX_SALARY: 41000 });
  db.faults.unescapedQuotes = true;
  s.update('HR', 'EMPLOYEES', { EMPLOYEE_ID: 101 }, { LAST_NAME: "O'Brien-Smith, 'the' second" });
  db.faults.unescapedQuotes = false;
  s.update('HR', 'JOBS', { JOB_ID: 'AD_VP' }, { MAX_SALARY: 31000 });
  s.commit();
  const end = await gw.currentScn();
  const stream = createLogMinerStream(gw, { startScn: start, owners: ['HR'], spillDir: mkdtempSync(path.join(tmpdir(), 'unreadable-')), pollIntervalMs: 0, unreadableRedo: policy, ...(maxEventsInMemoryPerTx ? { maxEventsInMemoryPerTx } : {}) });
  const events: ChangeEvent[] = [];
  const unreadable: UnreadableRow[] = [];
  try {
    while ((stream.stats().lastWindow?.toScn ?? 0n) <= end) {
      for (const tx of await stream.next()) {
        events.push(...(await collectEvents(tx)));
        unreadable.push(...tx.unreadable);
      }
    }
    return { events, unreadable, stats: stream.stats() };
  } finally {
    await stream.close();
  }
}

describe('redo the parser cannot read (simulator)', () => {
  it('by default the stream stops, naming table, SCN, transaction, the reason and the SQL_REDO', async () => {
    const err = await mine(undefined).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(UnreadableRedoError);
    const e = err as UnreadableRedoError;
    expect(e.table).toBe('HR.EMPLOYEES');
    expect(e.message).toContain(`Cannot read the redo of HR.EMPLOYEES at SCN ${e.scn} (transaction ${e.xid})`);
    expect(e.sqlRedo).toContain("'O'Brien-Smith, 'the' second'");
    expect(e.message).toContain(e.sqlRedo);
    expect(e.hint).toContain('dead-letter topic');
  });

  it.each([
    ['in memory', undefined],
    ['spilled to disk', 1],
  ])('under the skip policy the row is left out and listed; the rest of its transaction arrives (%s)', async (_, spill) => {
    const { events, unreadable, stats } = await mine('skip', spill);
    expect(events.map((ev) => [ev.table, ev.after?.[0], ev.seqInTx, ev.txSize])).toEqual([
      ['JOBS', 'AD_PRES', 1, 2],
      ['JOBS', 'AD_VP', 2, 2],
    ]);
    expect(unreadable).toHaveLength(1);
    expect(unreadable[0]).toMatchObject({ owner: 'HR', table: 'EMPLOYEES', operation: 'UPDATE', xid: events[0]!.txId });
    expect(unreadable[0]!.sqlRedo).toContain("'O'Brien-Smith");
    expect(unreadable[0]!.reason).toMatch(/Cannot parse SQL_REDO/);
    expect(stats.unreadableRowsSkipped).toBe(1);
  });
});
