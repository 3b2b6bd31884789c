import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { benchEmployees, benchFullLoadConfig } from './bench-task';
import { MemoryTarget } from '../../test/support/engine/memory-target';
import type { PendingRecord } from '../../server/model/pending-record';
import { TaskRunner } from '../../server/engine/task-runner';

/**
 * The records the engine writes during the engine bench's full load — HR.EMPLOYEES from the
 * simulator's sample schema, DTS Avro, hash-pk over `partitions` partitions — produced by the
 * engine itself (TaskRunner into an in-memory target), so the produce bench and the Kafka
 * ceiling use the engine's real record sizes and partition spread rather than a guess.
 */
export async function engineFullLoadRecords(rows: number, partitions: number): Promise<{ records: PendingRecord[]; meanBytes: number }> {
  const { gateway } = benchEmployees(rows);
  const topic = 'bench-records';
  const config = benchFullLoadConfig(topic, '127.0.0.1:9');
  const target = new MemoryTarget();
  const runner = new TaskRunner({
    taskId: `${topic}-task`,
    config,
    openGateway: gateway,
    openTarget: async () => ({
      target,
      checkpoint: null,
      partitionCounts: { [topic]: partitions, [`${topic}-ddl`]: 1 },
      topics: { data: topic, ddl: `${topic}-ddl` },
      schemaIds: null,
      close: async () => undefined,
    }),
    tuning: { spillDir: mkdtempSync(path.join(tmpdir(), 'o2k-bench-')) },
  });
  runner.start();
  await runner.done;
  if (runner.status !== 'Finished' || target.committed.length !== rows) throw new Error(`engine records: full load ended ${runner.status} with ${target.committed.length} of ${rows} rows`);
  const records = target.committed;
  return { records, meanBytes: records.reduce((n, r) => n + r.bytes, 0) / records.length };
}
