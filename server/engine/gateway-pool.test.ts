import { afterAll, describe, expect, it } from 'vitest';
import { isOra2KafkaError } from '../model/errors';
import { taskConfigSchema } from '../model/task-config';
import { openGateway, poolSizeFor } from '../oracle/open-gateway';
import { createSimDatabase, installSampleSchema, ManualClock, registerSimDatabase, SAMPLE_ACCOUNTS, SimGateway, unregisterSimDatabase } from '../oracle/sim';
import { readTableChunks } from '../oracle/snapshot';
import { defaultOpenGateway } from './task-wiring';

/**
 * The full load reads `fullParallelism` tables at once, each with the next chunk read ahead: the
 * task's gateway must hold that many connections, or reads queue for the pool and, past
 * node-oracledb's queueTimeout, fail with NJS-040. The simulator's gateway models the pool.
 */
const db = createSimDatabase({ clock: new ManualClock(), idleScnPerSecond: 0 });
installSampleSchema(db, { employees: 300, documents: 2, typeZooRows: 2 });
registerSimDatabase('pool', db);
afterAll(() => unregisterSimDatabase('pool'));

const source = { host: 'pool.sim', port: 1521, kind: 'sid' as const, database: 'SIMDB', ...SAMPLE_ACCOUNTS.migration };
const TABLES = ['EMPLOYEES', 'JOBS', 'DEPARTMENTS', 'LOCATIONS', 'COUNTRIES', 'REGIONS', 'JOB_HISTORY', 'AUDIT_LOG'];

/** Every table read at once in chunks of 20 (read-ahead included), each call slowed down a little. */
async function fullLoad(gw: SimGateway): Promise<number> {
  const scn = await gw.currentScn();
  db.faults.slowDown(2);
  try {
    const counts = await Promise.all(
      TABLES.map(async (t) => {
        let n = 0;
        for await (const c of readTableChunks(gw, await gw.describeTable('HR', t), { scn, chunkSize: 20 })) n += c.rows.length;
        return n;
      }),
    );
    return counts.reduce((a, b) => a + b, 0);
  } finally {
    db.faults.restore();
  }
}

describe('connection pool of the task gateway', () => {
  it('is sized from the full load parallelism: 2 per table (read-ahead) + mining + metadata', () => {
    expect(poolSizeFor(4)).toBe(10);
    expect(poolSizeFor(32)).toBe(66);
  });

  it('a task reading 8 tables in parallel never waits for a connection', async () => {
    const config = taskConfigSchema.parse({
      name: 'pool',
      source,
      destination: { brokers: '127.0.0.1:9092', topic: 't' },
      objects: { schemas: [{ name: 'HR', all: true }] },
      advanced: { fullParallelism: TABLES.length },
      instanceClass: 'medium',
    });
    const gw = (await defaultOpenGateway(config)()) as SimGateway;
    expect(await fullLoad(gw)).toBeGreaterThan(300);
    expect(gw.peakWaiting).toBe(0);
  });

  it('the default pool of 4 makes the same reads queue, and a queue timeout is a retriable NJS-040', async () => {
    const small = (await openGateway(source)) as SimGateway;
    await fullLoad(small);
    expect(small.peakWaiting).toBeGreaterThan(0);
    const strict = new SimGateway(db, source, { poolMax: 4, queueTimeoutMs: 1 });
    const err = await fullLoad(strict).then(() => null, (e: unknown) => e);
    expect(isOra2KafkaError(err) && err.code).toBe('NJS-040');
    expect(isOra2KafkaError(err) && err.retriable).toBe(true);
  });
});
