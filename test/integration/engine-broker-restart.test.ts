import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { kafkaDestinationSchema } from '../../server/model/kafka-destination';
import { taskConfigSchema } from '../../server/model/task-config';
import { Workload } from '../../server/oracle/sim';
import { ensureTopic } from '../../server/kafka/connectivity';
import { createKafka } from '../../server/kafka/client';
import { jsonTestFormat } from '../../server/engine/testing/json-test-format';
import { MemoryReporter } from '../../server/engine/task-reporter';
import { TaskRunner } from '../../server/engine/task-runner';
import { defaultOpenTarget } from '../../server/engine/task-wiring';
import { diffWithSource, replicaFromTopic, simSource, sleep, until } from './engine-support/engine-harness';
import { startOwnBroker } from './engine-support/own-broker';

/**
 * The broker restarts while the task runs: commits fail, the task shows Retrying, and once the
 * broker is back it resumes from the checkpoint committed in Kafka — nothing lost, nothing twice.
 */
describe.skipIf(Boolean(process.env.KAFKA_BROKERS))('engine across a broker restart', () => {
  it('resumes after the broker comes back, with no loss and no duplicates', { timeout: 240_000 }, async () => {
    const broker = await startOwnBroker('engine-restart');
    try {
      const d = kafkaDestinationSchema.parse({ brokers: broker.state.plaintext, topic: 'restart-data', ddlTopic: 'restart-ddl' });
      const admin = createKafka(d).admin();
      await admin.connect();
      await ensureTopic(admin, 'restart-data', 2);
      await ensureTopic(admin, 'restart-ddl', 1);
      await admin.disconnect();

      const src = simSource({ employees: 6000 });
      const config = taskConfigSchema.parse({
        name: 'restart',
        source: { host: 'it.sim', database: 'SIMDB', user: 'DTS_SYNC', password: 'dts_sync' },
        destination: { brokers: d.brokers, topic: 'restart-data', ddlTopic: 'restart-ddl' },
        partitionPolicy: 'hash-pk',
        objects: { schemas: [{ name: 'HR', tables: [{ name: 'EMPLOYEES' }, { name: 'REGIONS' }] }] },
        advanced: { chunkSize: 250, fullThrottle: { enabled: true, rps: 1500, mbps: 100, sourceQps: 1000 } },
      });
      const reporter = new MemoryReporter();
      const runner = new TaskRunner({
        taskId: 'restart-task',
        config,
        openGateway: async () => src.gateway(),
        openTarget: defaultOpenTarget(config, 'restart-task'),
        format: async () => jsonTestFormat,
        reporter,
        tuning: { spillDir: mkdtempSync(path.join(tmpdir(), 'o2k-it-')), pollIntervalMs: 50, idleCheckpointMs: 200, lingerMs: 20 },
        retry: { baseDelayMs: 500, maxDelayMs: 3000 },
      });
      const work = new Workload(src.db, { seed: 13, tables: ['HR.EMPLOYEES', 'HR.REGIONS'], longTxRate: 0.1, longTxMs: 1500 });
      runner.start();
      let traffic = true;
      const driver = (async () => {
        while (traffic) {
          work.runTransactions(5);
          src.clock.advance(250);
          await sleep(50);
        }
      })();
      await until(() => runner.metrics.full.records > 1500, 'part of the full load');
      await broker.restart(1000);
      await until(() => runner.currentPhase === 'incremental', 'the full load to finish after the restart', 120_000).catch((e: unknown) => {
        // Say what the task was doing, so a timeout on a loaded machine can be told from a hang.
        const recent = reporter.logs.slice(-8).map((l) => `${l.level}: ${l.message}`).join('\n  ');
        const statuses = reporter.statuses.slice(-5).map((r) => `${r.status}${r.reason ? ` (${r.reason})` : ''}`).join(' → ');
        throw new Error(`${e instanceof Error ? e.message : String(e)}; runner ${runner.status} in ${runner.currentPhase}, ${runner.metrics.full.records} full-load records; statuses: ${statuses}\n  ${recent}`);
      });
      traffic = false;
      await driver;
      work.drain();
      const scn = await src.gateway().currentScn();
      await until(() => BigInt(runner.lastCheckpoint?.incremental?.restartScn ?? '0') >= scn, 'catching up', 60_000);
      await runner.stop();

      expect(reporter.statuses.map((s) => s.status)).toContain('Retrying');
      const { replica } = await replicaFromTopic(d, 'restart-data');
      expect(replica.problems).toEqual([]);
      expect(await diffWithSource(src, replica, 'HR', 'EMPLOYEES')).toEqual([]);
      expect(await diffWithSource(src, replica, 'HR', 'REGIONS')).toEqual([]);
    } finally {
      await broker.stop();
    }
  });
});
