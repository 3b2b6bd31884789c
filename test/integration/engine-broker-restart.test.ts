import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { kafkaDestinationSchema } from '../../server/model/kafka-destination';
import { taskConfigSchema } from '../../server/model/task-config';
import { Workload } from '../../server/oracle/sim';
import { ensureTopic } from '../../server/kafka/connectivity';
import { createKafka } from '../../server/kafka/client';
import { jsonTestFormat } from '../support/engine/json-test-format';
import { MemoryReporter } from '../../server/engine/task-reporter';
import { TaskRunner } from '../../server/engine/task-runner';
import { openKafkaTarget } from '../../server/kafka/open-target';
import { diffWithSource, replicaFromTopic, simSource, sleep, until } from './engine-support/engine-harness';
import { startOwnBroker } from './engine-support/own-broker';

/**
 * The broker goes down while the task runs and stays down until the task has reported Retrying —
 * the outage is observable by construction, however the producer's own retries are timed (they
 * would ride out a one-second blip, which made an earlier version of this test assert something
 * that need not happen). Once the broker is back, the task resumes from the checkpoint committed in
 * Kafka: nothing lost, nothing twice, and it returns to Migrating.
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
        openTarget: openKafkaTarget(config, 'restart-task'),
        format: async () => jsonTestFormat,
        reporter,
        tuning: { spillDir: mkdtempSync(path.join(tmpdir(), 'o2k-it-')), pollIntervalMs: 50, idleCheckpointMs: 200, lingerMs: 20 },
        retry: { baseDelayMs: 500, maxDelayMs: 3000 },
      });
      const work = new Workload(src.db, { seed: 13, tables: ['HR.EMPLOYEES', 'HR.REGIONS'], longTxRate: 0.1, longTxMs: 1500 });
      // Say what the task was doing, so a timeout on a loaded machine can be told from a hang.
      const story = () => {
        const recent = reporter.logs.slice(-8).map((l) => `${l.level}: ${l.message}`).join('\n  ');
        const statuses = reporter.statuses.slice(-5).map((r) => `${r.status}${r.reason ? ` (${r.reason})` : ''}`).join(' → ');
        return `runner ${runner.status} in ${runner.currentPhase}, ${runner.metrics.full.records} full-load records; statuses: ${statuses}\n  ${recent}`;
      };
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
      await broker.down();
      // Traffic keeps the engine committing, so a broker that stays down must surface as Retrying once
      // the producer's retry budget (coordinator calls: 15 s) is spent. Bounded, with what it was doing.
      await until(() => runner.status === 'Retrying', 'the task to report Retrying while the broker is down', 120_000).catch((e: unknown) => {
        throw new Error(`${e instanceof Error ? e.message : String(e)}; ${story()}`);
      });
      await broker.up();
      await until(() => runner.currentPhase === 'incremental' && runner.status === 'Migrating', 'the full load to finish after the restart', 120_000).catch((e: unknown) => {
        throw new Error(`${e instanceof Error ? e.message : String(e)}; ${story()}`);
      });
      traffic = false;
      await driver;
      work.drain();
      const scn = await src.gateway().currentScn();
      await until(() => BigInt(runner.lastCheckpoint?.incremental?.restartScn ?? '0') >= scn, 'catching up', 60_000);
      await runner.stop();

      // What must hold in every run first: nothing lost, nothing twice, ids in order per partition.
      const { replica } = await replicaFromTopic(d, 'restart-data');
      expect(replica.problems).toEqual([]);
      expect(await diffWithSource(src, replica, 'HR', 'EMPLOYEES')).toEqual([]);
      expect(await diffWithSource(src, replica, 'HR', 'REGIONS')).toEqual([]);
      // Then the story: Retrying (awaited above, while the broker was provably down), back to Migrating.
      const statuses = reporter.statuses.map((x) => x.status);
      const retrying = statuses.indexOf('Retrying');
      expect(retrying).toBeGreaterThan(-1);
      expect(statuses.slice(retrying)).toContain('Migrating');
    } finally {
      await broker.stop();
    }
  });
});
