/**
 * Memory while one huge transaction is mined: a single committed `UPDATE HR.EMPLOYEES …` of
 * BENCH_BULK_ROWS rows (default 2,000,000), all its redo under one SCN, mined by the engine's
 * incremental migration and written to Kafka as DTS Avro. The engine runs in a process of its own
 * (bench/children/bulk-mining-engine.ts) so its peak RSS is this run's alone; the simulated source
 * lives in a third process, as a real database would.
 *   mining_bulk_tx_peak_rss_mb   peak RSS of the engine process (goal ≤ 300 MB)
 *   mining_bulk_tx_events_per_s  the transaction's events written per second
 */
import { fork } from 'node:child_process';
import path from 'node:path';
import type { BenchContext } from '../run';
import { REPO_ROOT, startBroker, stopBroker } from '../../scripts/kafka/kafka.mjs';
import { createKafka } from '../../server/kafka/client';
import { ensureTopic } from '../../server/kafka/connectivity';

export const name = 'mining-bulk';

const ROWS = Number(process.env.BENCH_BULK_ROWS ?? 2_000_000);

export async function run(ctx: BenchContext): Promise<Record<string, number>> {
  const dir = path.join(REPO_ROOT, '.kafka', `bench-bulk-${process.pid}`);
  const broker = await startBroker({ dir, ownerPid: process.pid, heap: '1g' });
  try {
    const topic = `bench-bulk-${Date.now().toString(36)}`;
    const admin = createKafka({ brokers: [broker.plaintext], connectionMethod: 'plaintext', username: '', password: '', tls: false, caPem: '' }).admin();
    await admin.connect();
    await ensureTopic(admin, topic, 6);
    await ensureTopic(admin, `${topic}-ddl`, 1);
    await admin.disconnect();
    const child = fork(path.join(import.meta.dirname, '..', 'children', 'bulk-mining-engine.ts'), [], {
      execArgv: ['--import', 'tsx'],
      serialization: 'advanced',
      env: { ...process.env, O2K_BULK_SPEC: JSON.stringify({ brokers: broker.plaintext, topic, rows: ROWS }) },
      stdio: ['ignore', 'inherit', 'inherit', 'ipc'],
    });
    const r = await new Promise<{ peakRssMb: number; events: number; seconds: number; simLoadMs: number }>((resolve, reject) => {
      child.on('message', (m) => resolve(m as never));
      child.once('exit', (code) => reject(new Error(`bulk mining engine exited (${code}) without a result`)));
    });
    ctx.log(`simulator: ${ROWS.toLocaleString('en-US')} rows loaded and updated in one statement in ${(r.simLoadMs / 1000).toFixed(1)} s`);
    ctx.log(`one transaction of ${r.events.toLocaleString('en-US')} events mined and written in ${r.seconds.toFixed(1)} s; engine peak RSS ${r.peakRssMb.toFixed(0)} MB`);
    return { mining_bulk_tx_peak_rss_mb: r.peakRssMb, mining_bulk_tx_events_per_s: r.events / r.seconds };
  } finally {
    await stopBroker(dir, { removeDir: true });
  }
}
