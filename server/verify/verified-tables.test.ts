import { describe, expect, it } from 'vitest';
import { taskConfigSchema } from '../model/task-config';
import { createSimDatabase, installSampleSchema, ManualClock, SimGateway } from '../oracle/sim';
import { verifiedTables } from './verified-tables';

describe('verifiedTables with Configure ETL', () => {
  it('does not compare a table the ETL script transforms; the others stay provable', async () => {
    const db = createSimDatabase({ clock: new ManualClock(), idleScnPerSecond: 0 });
    installSampleSchema(db, { employees: 3 });
    const gw = new SimGateway(db, { host: 'v.sim', port: 1521, kind: 'sid', database: 'SIMDB', user: 'DTS_SYNC', password: 'dts_sync' });
    const config = taskConfigSchema.parse({
      name: 'verify_etl',
      source: { host: 'v.sim', database: 'SIMDB', user: 'DTS_SYNC', password: 'dts_sync' },
      destination: { brokers: '127.0.0.1:9092', topic: 't' },
      objects: { schemas: [{ name: 'HR', tables: [{ name: 'JOBS' }, { name: 'REGIONS' }] }] },
      advanced: { etl: { enabled: true, script: 'for HR.JOBS { mask JOB_TITLE hash; }' } },
    });
    const tables = await verifiedTables(config, gw);
    await gw.close();
    expect(tables.find((t) => t.table === 'HR.JOBS')!.unprovable).toMatch(/ETL script .* transforms this table's rows/);
    expect(tables.find((t) => t.table === 'HR.REGIONS')!.unprovable).toBe(null);
  });
});
