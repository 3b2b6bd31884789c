/**
 * failover_seconds: kill -9 of the worker running a task in incremental migration → the first
 * commit of that task on another worker (its checkpoint copy written after the Kafka commit).
 * Goal: ≤ session timeout + 5 s. Two `ora2kafka worker` processes, a throwaway PostgreSQL, a
 * fresh broker, one simulated source served over loopback with steady traffic.
 */
import { randomBytes } from 'node:crypto';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import type { BenchContext } from '../run';
import { REPO_ROOT, startBroker, stopBroker } from '../../scripts/kafka/kafka.mjs';
import { createDatabase, startPostgres, stopPostgres } from '../../scripts/postgres/postgres.mjs';
import { createKafka } from '../../server/kafka/client';
import { ensureTopic } from '../../server/kafka/connectivity';
import { kafkaDestinationSchema } from '../../server/model/kafka-destination';
import { killAllWorkers, killHard, startWorker, type WorkerProc } from '../../test/integration/cluster-support/cluster-harness';
import { simSource, sleep, until } from '../../test/integration/engine-support/engine-harness';

export const name = 'cluster';

const SESSION_TIMEOUT_MS = Number(process.env.BENCH_CLUSTER_SESSION_TIMEOUT_MS ?? 6000);

export async function run(ctx: BenchContext): Promise<Record<string, number>> {
  const dir = path.join(REPO_ROOT, '.kafka', `bench-cluster-${process.pid}`);
  const [broker, pg] = await Promise.all([startBroker({ dir, ownerPid: process.pid }), startPostgres({ ownerPid: process.pid })]);
  const { startSimServer } = await import('../../server/oracle/remote/sim-server');
  let sim: Awaited<ReturnType<typeof startSimServer>> | null = null;
  let traffic = true;
  let driver: Promise<void> = Promise.resolve();
  try {
    const url = await createDatabase(pg, `o2k_bench_cluster_${Date.now().toString(36)}`);
    const secretKey = randomBytes(32).toString('hex');
    Object.assign(process.env, { DATABASE_URL: url, ORA2KAFKA_SECRET_KEY: secretKey, ORA2KAFKA_DATA_DIR: mkdtempSync(path.join(tmpdir(), 'o2k-bench-cluster-')) });
    const { getDb } = await import('../../server/store/db');
    const db = await getDb();

    const src = simSource({ employees: 50 });
    const s = src.db.session('HR');
    s.ddl('CREATE TABLE ITEMS (ID NUMBER PRIMARY KEY, QTY NUMBER)');
    for (let i = 1; i <= 200; i++) s.insert('HR', 'ITEMS', { ID: i, QTY: 0 });
    s.commit();
    sim = await startSimServer({ open: async () => src.gateway() });
    let n = 0;
    driver = (async () => {
      while (traffic) {
        const t = src.db.session('HR');
        t.update('HR', 'ITEMS', { ID: 1 + (n % 200) }, { QTY: ++n });
        t.commit();
        src.clock.advance(100);
        await sleep(50);
      }
    })();

    const topic = `bench-cluster-${Date.now().toString(36)}`;
    const admin = createKafka(kafkaDestinationSchema.parse({ brokers: broker.plaintext, topic })).admin();
    await admin.connect();
    await ensureTopic(admin, topic, 3);
    await ensureTopic(admin, `${topic}-ddl`, 1);
    await admin.disconnect();
    const repo = await import('../../server/store/task-repository');
    const { sourceDestinationStepSchema } = await import('../../server/model/task-draft');
    const { id } = await repo.saveDraft(
      sourceDestinationStepSchema.parse({ name: 'bench-cluster', source: { host: 'it.sim', database: 'SIMDB', user: 'DTS_SYNC', password: 'dts_sync' }, destination: { brokers: broker.plaintext, topic, ddlTopic: `${topic}-ddl` } }),
    );
    await repo.saveSection(id, { dataFormat: 'shareplex-json', partitionPolicy: 'hash-pk', objects: { schemas: [{ name: 'HR', tables: [{ name: 'ITEMS' }] }] }, advanced: { cluster: 'bench' } }, { resetPrecheck: false });
    await db.task.update({ where: { id }, data: { status: 'Migrating' } });

    const env = { DATABASE_URL: url, ORA2KAFKA_SECRET_KEY: secretKey, ORA2KAFKA_GROUP_BROKERS: broker.plaintext, ORA2KAFKA_SIM_SERVER: sim.address, ORA2KAFKA_WORKER_SESSION_TIMEOUT_MS: String(SESSION_TIMEOUT_MS) };
    const workers = new Map<string, WorkerProc>();
    for (let i = 0; i < 2; i++) {
      const w = startWorker('bench', env);
      workers.set(await w.id, w);
    }
    const row = () => db.task.findUniqueOrThrow({ where: { id }, select: { workerId: true, phases: { select: { phase: true, status: true } }, checkpoints: { select: { phase: true, updatedAt: true } } } });
    await until(async () => {
      const r = await row();
      return r.workerId !== null && r.phases.some((p) => p.phase === 'incremental' && p.status === 'Running') && r.checkpoints.some((c) => c.phase === 'incremental');
    }, 'the task to run incremental migration on a worker', 180_000);
    const victim = (await row()).workerId!;
    const killedAt = Date.now();
    await killHard(workers.get(victim)!);
    await until(async () => {
      const r = await row();
      return r.workerId !== null && r.workerId !== victim && r.checkpoints.some((c) => c.phase === 'incremental' && c.updatedAt.getTime() > killedAt);
    }, 'the task to commit on the other worker', 120_000);
    const failoverSeconds = Math.round((Date.now() - killedAt) / 100) / 10;
    ctx.log(`failover_seconds ${failoverSeconds} (session timeout ${SESSION_TIMEOUT_MS / 1000} s, goal ≤ ${SESSION_TIMEOUT_MS / 1000 + 5} s)`);
    return { failover_seconds: failoverSeconds, failover_session_timeout_seconds: SESSION_TIMEOUT_MS / 1000 };
  } finally {
    traffic = false;
    await driver;
    killAllWorkers();
    await sim?.close();
    await stopPostgres(pg);
    await stopBroker(dir, { removeDir: true });
  }
}
