/**
 * Full verification speed: HR.EMPLOYEES (BENCH_VERIFY_ROWS, default 300,000 rows, the engine
 * bench's full-load table) written by the engine as DTS Avro (hash-pk, 6 partitions) into memory,
 * then verified — the topic's records decoded and replayed per key, every source row read AS OF the
 * snapshot SCN, mapped and compared value by value.
 *   verify_rows_per_s   source rows verified per second, replay included (Kafka's own read time is
 *                       not in it: the records come from memory)
 * Goal (issue 20): ≥ 50,000 rows/s.
 */
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import type { BenchContext } from '../run';
import { taskConfigSchema } from '../../server/model/task-config';
import { createSimDatabase, installSampleSchema, ManualClock, SimGateway } from '../../server/oracle/sim';
import { TaskRunner } from '../../server/engine/task-runner';
import { verifyTask } from '../../server/verify/verify-task';
import { MemoryTarget } from '../../test/support/engine/memory-target';

export const name = 'verify';

const ROWS = Number(process.env.BENCH_VERIFY_ROWS ?? 300_000);
const PARTITIONS = 6;

export async function run(ctx: BenchContext): Promise<Record<string, number>> {
  const db = createSimDatabase({ clock: new ManualClock(), idleScnPerSecond: 0, supplementalLogging: { pk: true, ui: true } });
  installSampleSchema(db, { employees: ROWS });
  const topic = 'bench-verify';
  const config = taskConfigSchema.parse({
    name: topic,
    source: { host: 'bench.sim', database: 'SIMDB', user: 'DTS_SYNC', password: 'dts_sync' },
    destination: { brokers: '127.0.0.1:9', topic, ddlTopic: `${topic}-ddl` },
    dataFormat: 'dts-avro',
    partitionPolicy: 'hash-pk',
    instanceClass: 'xlarge',
    objects: { schemas: [{ name: 'HR', tables: [{ name: 'EMPLOYEES' }] }] },
    migrationTypes: { schema: false, full: true, incremental: false },
    advanced: { chunkSize: 10_000 },
  });
  const gateway = () => new SimGateway(db, { host: 'bench.sim', port: 1521, kind: 'sid', database: 'SIMDB', user: 'DTS_SYNC', password: 'dts_sync' });
  const target = new MemoryTarget();
  const runner = new TaskRunner({
    taskId: `${topic}-task`,
    config,
    openGateway: async () => gateway(),
    openTarget: async () => ({ target, checkpoint: null, partitionCounts: { [topic]: PARTITIONS, [`${topic}-ddl`]: 1 }, topics: { data: topic, ddl: `${topic}-ddl` }, schemaIds: null, close: async () => undefined }),
    tuning: { spillDir: mkdtempSync(path.join(tmpdir(), 'o2k-bench-')) },
  });
  runner.start();
  await runner.done;
  if (runner.status !== 'Finished' || target.committed.length !== ROWS) throw new Error(`verify bench: full load ended ${runner.status} with ${target.committed.length} of ${ROWS} rows`);
  const byPartition = Array.from({ length: PARTITIONS }, (_, p) => target.committed.filter((r) => r.partition === p));
  const t0 = performance.now();
  const report = await verifyTask({
    taskId: `${topic}-task`,
    config,
    gateway: gateway(),
    checkpoint: target.checkpoint,
    topic: {
      topic,
      read: async (onMessages) => {
        for (const [p, records] of byPartition.entries()) {
          for (let i = 0; i < records.length; i += 5000) onMessages(records.slice(i, i + 5000).map((r, j) => ({ partition: p, offset: BigInt(i + j), timestampMs: 0, key: r.key, value: r.value })));
        }
        return { partitions: byPartition.map((rs, p) => ({ partition: p, earliest: 0n, start: 0n, end: BigInt(rs.length) })), stopped: false };
      },
    },
  });
  const seconds = (performance.now() - t0) / 1000;
  const emp = report.tables[0]!;
  if (report.outcome !== 'passed' || emp.matched !== ROWS) throw new Error(`verify bench: ${report.outcome}, ${emp.matched} of ${ROWS} rows equal`);
  const perS = ROWS / seconds;
  ctx.log(`verified ${ROWS.toLocaleString('en-US')} rows in ${seconds.toFixed(2)} s: ${Math.round(perS).toLocaleString('en-US')} rows/s`);
  return { verify_rows_per_s: Math.round(perS) };
}
