/**
 * Full verification speed, end to end: HR.EMPLOYEES (BENCH_VERIFY_ROWS, default 300,000 rows, the
 * engine bench's full-load table) written by the engine as DTS Avro (hash-pk, 6 partitions) into
 * a local broker (its own folder and ports), then verified as the console does it
 * (verifyTaskNow): the checkpoint read from Kafka, the topic read read_committed, decoded and
 * replayed per key, every source row read AS OF the snapshot SCN, mapped and compared value by value.
 *   verify_rows_per_s   source rows verified per second, Kafka's read included
 * Goal (issue 20): ≥ 50,000 rows/s.
 */
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import type { BenchContext } from '../run';
import { REPO_ROOT, startBroker, stopBroker } from '../../scripts/kafka/kafka.mjs';
import { createKafka } from '../../server/kafka/client';
import { ensureTopic } from '../../server/kafka/connectivity';
import { openKafkaTarget } from '../../server/kafka/open-target';
import { benchEmployees, benchFullLoadConfig } from '../support/bench-task';
import { TaskRunner } from '../../server/engine/task-runner';
import { verifyTaskNow } from '../../server/services/verify-task-now';

export const name = 'verify';

const ROWS = Number(process.env.BENCH_VERIFY_ROWS ?? 300_000);
const PARTITIONS = 6;

export async function run(ctx: BenchContext): Promise<Record<string, number>> {
  const dir = path.join(REPO_ROOT, '.kafka', `bench-verify-${process.pid}`);
  const broker = await startBroker({ dir, ownerPid: process.pid, heap: '1g' });
  try {
    const { gateway } = benchEmployees(ROWS);
    const topic = `bench-verify-${Date.now().toString(36)}`;
    const config = benchFullLoadConfig(topic, broker.plaintext);
    const admin = createKafka(config.destination).admin();
    await admin.connect();
    await ensureTopic(admin, topic, PARTITIONS);
    await ensureTopic(admin, `${topic}-ddl`, 1);
    await admin.disconnect();
    const taskId = `${topic}-task`;
    const checkpointTopic = `${topic}-ck`;
    const runner = new TaskRunner({ taskId, config, openGateway: gateway, openTarget: openKafkaTarget(config, taskId, checkpointTopic), tuning: { spillDir: mkdtempSync(path.join(tmpdir(), 'o2k-bench-')) } });
    runner.start();
    await runner.done;
    if (runner.status !== 'Finished' || runner.metrics.full.records !== ROWS) throw new Error(`verify bench: full load ended ${runner.status} with ${runner.metrics.full.records} of ${ROWS} rows`);

    const t0 = performance.now();
    const report = await verifyTaskNow({ taskId, config, checkpointTopic, openGateway: gateway });
    const seconds = (performance.now() - t0) / 1000;
    const emp = report.tables[0]!;
    if (report.outcome !== 'passed' || emp.matched !== ROWS) throw new Error(`verify bench: ${report.outcome}, ${emp.matched} of ${ROWS} rows equal`);
    const perS = ROWS / seconds;
    ctx.log(`verified ${ROWS.toLocaleString('en-US')} rows read from Kafka in ${seconds.toFixed(2)} s: ${Math.round(perS).toLocaleString('en-US')} rows/s`);
    return { verify_rows_per_s: Math.round(perS) };
  } finally {
    await stopBroker(dir, { removeDir: true });
  }
}
