import { installSampleSchema } from '../../server/oracle/sim/sample-schema';
import { ManualClock } from '../../server/oracle/sim/sim-clock';
import { createSimDatabase } from '../../server/oracle/sim/sim-database';
import { SimGateway } from '../../server/oracle/sim/sim-gateway';
import { Workload } from '../../server/oracle/sim/workload';

/**
 * Simulator throughput (a bench suite, bench/run.ts). Figures: sim_snapshot_rows_per_s (AS OF SCN
 * keyset scan of 1,000,000 HR.EMPLOYEES rows), sim_workload_ops_per_s (DML + redo generation),
 * sim_mine_rows_per_s (mine() over that redo).
 */
export const name = 'oracle-sim';

export async function run(ctx: { log(message: string): void }): Promise<Record<string, number>> {
  const clock = new ManualClock();
  const db = createSimDatabase({ clock, idleScnPerSecond: 0, supplementalLogging: { pk: true }, logSizeBytes: 32 * 1024 * 1024 });
  let t0 = performance.now();
  installSampleSchema(db, { employees: Number(process.env.SIM_BENCH_ROWS ?? 1_000_000) });
  ctx.log(`sample schema installed in ${Math.round(performance.now() - t0)} ms`);
  const gw = new SimGateway(db, { host: 'bench.sim', port: 1521, kind: 'sid', database: 'SIMDB', user: 'DTS_SYNC', password: 'dts_sync' });

  const scn = await gw.currentScn();
  t0 = performance.now();
  let rows = 0;
  let afterKey = null;
  do {
    const chunk = await gw.readChunk({ owner: 'HR', table: 'EMPLOYEES', scn, keyColumns: ['EMPLOYEE_ID'], afterKey, limit: 10_000 });
    rows += chunk.rows.length;
    afterKey = chunk.lastKey;
  } while (afterKey);
  const snapshot = rows / ((performance.now() - t0) / 1000);
  ctx.log(`snapshot: ${rows} rows, ${Math.round(snapshot)} rows/s`);

  const from = await gw.currentScn();
  const work = new Workload(db, { seed: 5, tables: ['HR.EMPLOYEES', 'HR.JOB_HISTORY', 'HR.REGIONS'], opsPerTx: [1, 9], longTxRate: 0 });
  t0 = performance.now();
  for (let i = 0; i < 10; i++) {
    work.runTransactions(2_000);
    clock.advance(1_000);
  }
  const workload = work.stats.operations / ((performance.now() - t0) / 1000);
  ctx.log(`workload: ${work.stats.operations} operations, ${Math.round(workload)} ops/s`);

  const to = await gw.currentScn();
  t0 = performance.now();
  let mined = 0;
  for (let f = from; f < to; f += 20_000n) {
    for await (const batch of gw.mine({ fromScn: f, toScn: f + 20_000n, logFiles: await gw.logFilesFor(f, f + 20_000n), owners: ['HR'] })) mined += batch.length;
  }
  const mine = mined / ((performance.now() - t0) / 1000);
  ctx.log(`mine: ${mined} rows, ${Math.round(mine)} rows/s`);
  return { sim_snapshot_rows_per_s: snapshot, sim_workload_ops_per_s: workload, sim_mine_rows_per_s: mine };
}
