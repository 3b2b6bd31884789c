/**
 * One engine process of its own for `mining_bulk_tx_peak_rss_mb`: its peak RSS is what the figure
 * reports, so nothing else may have run in it. It forks the simulator (which holds the source and
 * runs one committed `UPDATE HR.EMPLOYEES …` of BULK_ROWS rows, all under one SCN), seeds the task's
 * checkpoint just before that statement, then runs incremental migration until the transaction
 * is written to Kafka, sampling its own RSS every 20 ms. Spec in O2K_BULK_SPEC:
 *   { "brokers": "127.0.0.1:29092", "topic": "bench-bulk-x", "rows": 2000000 }
 * Reports { t: 'result', peakRssMb, events, seconds } to the parent.
 */
import { fork } from 'node:child_process';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { KafkaTxSink } from '../../server/kafka/tx-sink';
import { MemoryReporter } from '../../server/engine/task-reporter';
import { TaskRunner } from '../../server/engine/task-runner';
import { openKafkaTarget } from '../../server/kafka/open-target';
import { channelOf, RpcGateway } from '../../test/support/engine/rpc-gateway';
import { taskConfigSchema } from '../../server/model/task-config';
import { REPO_ROOT } from '../../scripts/kafka/kafka.mjs';

const spec = JSON.parse(process.env.O2K_BULK_SPEC ?? '{}') as { brokers: string; topic: string; rows: number };

async function main(): Promise<void> {
  const sim = fork(path.join(REPO_ROOT, 'bench', 'support', 'sim-server-child.ts'), [], {
    execArgv: ['--import', 'tsx', '--max-old-space-size=8192'],
    serialization: 'advanced',
    env: { ...process.env, O2K_SIM_SPEC: JSON.stringify({ employees: spec.rows, bulkUpdate: true, logSizeBytes: 1024 * 1024 * 1024 }) },
    stdio: ['ignore', 'inherit', 'inherit', 'ipc'],
  });
  try {
    const ready = await new Promise<{ loadMs: number; bulk: { beforeScn: string; afterScn: string } }>((resolve, reject) => {
      sim.once('message', (m) => resolve(m as never));
      sim.once('exit', (code) => reject(new Error(`simulator process exited (${code})`)));
    });
    const cfg = taskConfigSchema.parse({
      name: spec.topic,
      source: { host: 'bench.sim', database: 'SIMDB', user: 'DTS_SYNC', password: 'dts_sync' },
      destination: { brokers: spec.brokers, topic: spec.topic, ddlTopic: `${spec.topic}-ddl` },
      dataFormat: 'dts-avro',
      partitionPolicy: 'hash-pk',
      instanceClass: 'xlarge',
      migrationTypes: { schema: false, full: false, incremental: true },
      objects: { schemas: [{ name: 'HR', tables: [{ name: 'EMPLOYEES' }] }] },
    });
    const taskId = `${spec.topic}-task`;
    const checkpointTopic = `${spec.topic}-ck`;
    const opened = await KafkaTxSink.open({ destination: cfg.destination, taskId, checkpointTopic });
    await opened.sink.commit([], {
      taskId, phase: 'incremental', schema: null, full: null, finished: [], nextRecordId: 1, partitions: opened.partitionCounts, writtenAtMs: Date.now(),
      incremental: { restartScn: ready.bulk.beforeScn, lastCommitScn: ready.bulk.beforeScn, lastXid: null, partial: null },
    });
    await opened.sink.close();

    const gateway = new RpcGateway(channelOf(sim));
    const reporter = new MemoryReporter();
    const r = new TaskRunner({
      reporter,
      taskId,
      config: cfg,
      openGateway: async () => gateway,
      openTarget: openKafkaTarget(cfg, taskId, checkpointTopic),
      tuning: { spillDir: mkdtempSync(path.join(tmpdir(), 'o2k-bench-bulk-')), ...(JSON.parse(process.env.BENCH_ENGINE_TUNING ?? '{}') as Record<string, number>) },
    });
    let peak = process.memoryUsage.rss();
    let ticks = 0;
    const sampler = setInterval(() => {
      peak = Math.max(peak, process.memoryUsage.rss());
      if (process.env.O2K_BULK_TRACE && ++ticks % 50 === 0) {
        const m = process.memoryUsage();
        const mb = (n: number) => (n / 1048576).toFixed(0);
        console.log(`rss ${mb(m.rss)} heap ${mb(m.heapUsed)}/${mb(m.heapTotal)} ext ${mb(m.external)} ab ${mb(m.arrayBuffers)} events ${r.metrics.incremental.records}`);
      }
    }, 20);
    const t0 = Date.now();
    r.start();
    const done = BigInt(ready.bulk.afterScn);
    while (BigInt(r.lastCheckpoint?.incremental?.lastCommitScn ?? '0') < done - 1n && r.status !== 'Failed') await new Promise((res) => setTimeout(res, 50));
    const seconds = (Date.now() - t0) / 1000;
    clearInterval(sampler);
    if (r.status === 'Failed') throw new Error(`the task failed: ${reporter.statuses.at(-1)?.reason ?? 'see its log'}`);
    await r.stop();
    peak = Math.max(peak, process.resourceUsage().maxRSS * 1024);
    process.send!({ t: 'result', peakRssMb: peak / (1024 * 1024), events: r.metrics.incremental.records, seconds, simLoadMs: ready.loadMs });
  } finally {
    sim.kill();
  }
}

main().then(
  () => process.exit(0),
  (e: unknown) => {
    console.error(e);
    process.exit(1);
  },
);
