import { taskConfigSchema, type TaskConfig } from '../../server/model/task-config';
import { createSimDatabase, installSampleSchema, ManualClock, SimGateway, type SimDatabase } from '../../server/oracle/sim';

/**
 * The engine benches' full-load task: HR.EMPLOYEES of the simulator's sample schema with `rows`
 * rows, migrated as DTS Avro, hash-pk, by an xlarge instance in 10,000-row chunks, full load only.
 *
 *   const { db, gateway } = benchEmployees(300_000);
 *   const config = benchFullLoadConfig('bench-verify-x', broker.plaintext);
 */
export function benchEmployees(rows: number): { db: SimDatabase; gateway: () => Promise<SimGateway> } {
  const db = createSimDatabase({ clock: new ManualClock(), idleScnPerSecond: 0, supplementalLogging: { pk: true, ui: true } });
  installSampleSchema(db, { employees: rows });
  return { db, gateway: async () => new SimGateway(db, { host: 'bench.sim', port: 1521, kind: 'sid', database: 'SIMDB', user: 'DTS_SYNC', password: 'dts_sync' }) };
}

export function benchFullLoadConfig(topic: string, brokers: string): TaskConfig {
  return taskConfigSchema.parse({
    name: topic,
    source: { host: 'bench.sim', database: 'SIMDB', user: 'DTS_SYNC', password: 'dts_sync' },
    destination: { brokers, topic, ddlTopic: `${topic}-ddl` },
    dataFormat: 'dts-avro',
    partitionPolicy: 'hash-pk',
    instanceClass: 'xlarge',
    objects: { schemas: [{ name: 'HR', tables: [{ name: 'EMPLOYEES' }] }] },
    migrationTypes: { schema: false, full: true, incremental: false },
    advanced: { chunkSize: 10_000 },
  });
}
