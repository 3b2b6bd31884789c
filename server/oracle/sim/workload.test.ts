import { describe, expect, it } from 'vitest';
import { installSampleSchema } from './sample-schema';
import { ManualClock } from './sim-clock';
import { createSimDatabase } from './sim-database';
import { SimGateway } from './sim-gateway';
import { Workload } from './workload';
import { collectMined } from '../logminer/collect';

async function redoText(seed: number): Promise<string[]> {
  const clock = new ManualClock();
  const db = createSimDatabase({ clock, idleScnPerSecond: 0, supplementalLogging: { pk: true } });
  installSampleSchema(db, { employees: 100 });
  const gw = new SimGateway(db, { host: 'w.sim', port: 1521, kind: 'sid', database: 'SIMDB', user: 'DTS_SYNC', password: 'dts_sync' });
  const from = await gw.currentScn();
  const w = new Workload(db, { seed, tables: ['HR.EMPLOYEES', 'HR.AUDIT_LOG', 'HR.DOCUMENTS'], rollbackRate: 0.2, longTxRate: 0.1, longTxMs: 2_000 });
  for (let i = 0; i < 5; i++) {
    w.runTransactions(20);
    clock.advance(1_000);
  }
  expect(w.stats.committed).toBeGreaterThan(0);
  expect(w.stats.rolledBack).toBeGreaterThan(0);
  w.drain();
  expect(w.openLongTransactions).toBe(0);
  const to = await gw.currentScn();
  const rows = await collectMined(gw.mine({ fromScn: from, toScn: to, logFiles: await gw.logFilesFor(from, to) }));
  return rows.map((r) => `${r.operation} ${r.xid} ${r.sqlRedo}`);
}

describe('Workload', () => {
  it('is deterministic for a seed and mixes inserts, updates, deletes, LOB writes and rollbacks', async () => {
    const a = await redoText(3);
    expect(await redoText(3)).toEqual(a);
    expect(await redoText(4)).not.toEqual(a);
    const ops = new Set(a.map((l) => l.split(' ')[0]));
    for (const op of ['START', 'INSERT', 'UPDATE', 'DELETE', 'COMMIT', 'ROLLBACK']) expect(ops).toContain(op);
    expect(a.some((l) => l.includes('EMPTY_CLOB()'))).toBe(true);
  });

  it('paces transactions in real time between start() and stop()', async () => {
    const db = createSimDatabase({ clock: new ManualClock(), idleScnPerSecond: 0 });
    installSampleSchema(db, { employees: 50 });
    const w = new Workload(db, { txPerSecond: 200, tables: ['HR.REGIONS'], longTxRate: 0 });
    w.start();
    await new Promise((r) => setTimeout(r, 350));
    w.stop();
    const done = w.stats.committed + w.stats.rolledBack;
    expect(done).toBeGreaterThan(20);
    expect(done).toBeLessThan(200);
    await new Promise((r) => setTimeout(r, 150));
    expect(w.stats.committed + w.stats.rolledBack).toBe(done);
  });
});
