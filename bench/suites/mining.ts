import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import type { BenchContext } from '../run';
import { createLogMinerStream } from '../../server/oracle/logminer';
import { createSimDatabase, installSampleSchema, LONG_TABLE_NAME, ManualClock, SAMPLE_ACCOUNTS, SimGateway, Workload } from '../../server/oracle/sim';

/**
 * End-to-end mining throughput on the simulator: a workload writes ~200k DML rows in committed
 * transactions (with some rollbacks and partial rollbacks), then one LogMiner stream mines the
 * whole range — logFilesFor + mine + CSF join + transaction buffer + parse + typed conversion into
 * ChangeEvents. Figure: mining_events_per_s (ChangeEvents out per second of mining).
 */
export const name = 'mining';

const TARGET_ROWS = Number(process.env.BENCH_MINING_ROWS ?? 200_000);

export async function run(ctx: BenchContext): Promise<Record<string, number>> {
  const clock = new ManualClock();
  const db = createSimDatabase({ clock, idleScnPerSecond: 0, logSizeBytes: 32 * 1024 * 1024, archiveMaxBytes: 4 * 1024 * 1024 * 1024, supplementalLogging: { pk: true, ui: true } });
  installSampleSchema(db, { employees: 5000, documents: 10, typeZooRows: 10 });
  const { user, password } = SAMPLE_ACCOUNTS.migration;
  const gw = new SimGateway(db, { host: 'bench.sim', port: 1521, kind: 'sid', database: 'SIMDB', user, password });
  const tables = ['EMPLOYEES', 'JOB_HISTORY', 'DEPARTMENTS', 'LOCATIONS', LONG_TABLE_NAME].map((t) => `HR.${t}`);
  const work = new Workload(db, { seed: 1, tables, opsPerTx: [5, 15], rollbackRate: 0.02, savepointRate: 0.02, longTxRate: 0 });

  const startScn = (await gw.currentScn()) + 1n;
  const genStart = performance.now();
  while (work.stats.operations < TARGET_ROWS) {
    work.runTransactions(500);
    clock.advance(1000);
  }
  const endScn = await gw.currentScn();
  ctx.log(`generated ${work.stats.operations} DML rows in ${work.stats.committed} committed transactions (${((performance.now() - genStart) / 1000).toFixed(1)} s)`);

  const spillDir = mkdtempSync(path.join(tmpdir(), 'bench-mining-'));
  const stream = createLogMinerStream(gw, {
    startScn,
    owners: ['HR'],
    spillDir,
    pollIntervalMs: 0,
    windowSizes: { min: 10_000n, default: 50_000n, max: 200_000n, increment: 50_000n },
  });
  let events = 0;
  let txs = 0;
  const t0 = performance.now();
  while ((stream.stats().lastWindow?.toScn ?? 0n) <= endScn) {
    for (const tx of await stream.next()) {
      txs++;
      for await (const _ of tx.iterate()) events++;
    }
  }
  const seconds = (performance.now() - t0) / 1000;
  await stream.close();
  rmSync(spillDir, { recursive: true, force: true });
  const rate = events / seconds;
  ctx.log(`mined ${stream.stats().rowsMined} LogMiner rows → ${events} ChangeEvents in ${txs} transactions in ${seconds.toFixed(2)} s: ${Math.round(rate)} events/s`);
  return { mining_events_per_s: rate };
}
