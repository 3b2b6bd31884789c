import { randomBytes } from 'node:crypto';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import type { SimServer } from '../../server/oracle/remote/sim-server';
import { ApiClient } from '../support/api-client';
import { startApiServer, type ApiServer } from '../support/api-server';
import { freshPostgresDatabase } from '../support/postgres';
import { killAllWorkers, killHard, replayTopic, startWorker, story, type WorkerProc } from './cluster-support/cluster-harness';
import { simSource, sleep, until, type SimSource } from './engine-support/engine-harness';
import { createKafka } from '../../server/kafka/client';
import { transactionalIdOf } from '../../server/kafka/tx-sink';
import { consumeAll } from './engine-support/consume';
import { createTopic, kafka, plaintextDestination, uniqueTopic } from './kafka-env';

/**
 * Cluster mode end to end: three `ora2kafka worker` processes of one cluster, the console's API in
 * this process (as the control plane), a throwaway PostgreSQL shared by all of them, the real
 * broker, and one simulated database served from this process over loopback (sim-server) so every
 * worker reads the same source. Six tasks:
 *  - the group's leader spreads them 2 / 2 / 2;
 *  - kill -9 of a worker during the full load and of another during incremental migration: after
 *    the session timeout their tasks run on the survivor from the Kafka checkpoint;
 *  - a worker started afterwards gets tasks back on the next rebalance (hand-over, not timeout);
 *  - every topic, read with read_committed and replayed per key, equals the source: no full-load
 *    row or change twice, no transaction short of a change, every committed transaction there.
 * Then a frozen worker (SIGSTOP past its session) whose task the console's embedded worker takes
 * over: fencing, no overwritten status, Pause/Resume/Release through the API; and a rolling restart.
 */
const CLUSTER = 'it';
const SESSION_TIMEOUT_MS = 6000;
const TASKS = 6;
const ITEMS = 600;
const PK = { 'HR.ITEMS': 'ID', 'HR.LEDGER': 'ID' };

let src: SimSource;
let simServer: SimServer;
let api: ApiServer;
let admin: ApiClient;
let workerEnv: Record<string, string>;
let db: Awaited<ReturnType<typeof import('../../server/store/db').getDb>>;

/** What the source holds, as SharePlex JSON writes it: table → ID → row. */
const expected = new Map<string, Map<string, Record<string, string | null>>>([
  ['HR.ITEMS', new Map()],
  ['HR.LEDGER', new Map()],
]);
let ledgerId = 0;
let qty = 0;
/** "HR.ITEMS 166" → the SCN just after the source transaction that last changed it (a mismatch says whether the topic is behind or has a hole). */
const changedAt = new Map<string, bigint>();

/** One committed source transaction: a LEDGER row (so any lost transaction shows), and updates, inserts or deletes of ITEMS. */
function sourceTransaction(rnd: () => number): void {
  const s = src.db.session('HR');
  const items = expected.get('HR.ITEMS')!;
  const ledger = { ID: String(++ledgerId), NOTE: `tx ${ledgerId}` };
  s.insert('HR', 'LEDGER', { ID: Number(ledger.ID), NOTE: ledger.NOTE });
  const changes: (() => void)[] = [() => expected.get('HR.LEDGER')!.set(ledger.ID, ledger)];
  const touched = new Map<string, string[]>([['HR.LEDGER', [ledger.ID]], ['HR.ITEMS', []]]);
  for (let i = 0; i < 1 + Math.floor(rnd() * 3); i++) {
    const ids = [...items.keys()];
    const pick = ids[Math.floor(rnd() * ids.length)]!;
    const r = rnd();
    if (r < 0.75) {
      const q = String(++qty);
      if (s.update('HR', 'ITEMS', { ID: Number(pick) }, { QTY: Number(q) })) changes.push(() => (items.get(pick)!.QTY = q));
      touched.get('HR.ITEMS')!.push(pick);
    } else if (r < 0.85 && items.size > ITEMS / 2) {
      if (s.delete('HR', 'ITEMS', { ID: Number(pick) })) changes.push(() => items.delete(pick));
      touched.get('HR.ITEMS')!.push(pick);
    } else {
      const id = String(100_000 + ledgerId * 10 + i);
      s.insert('HR', 'ITEMS', { ID: Number(id), QTY: 0, NOTE: `new ${id}` });
      changes.push(() => items.set(id, { ID: id, QTY: '0', NOTE: `new ${id}` }));
      touched.get('HR.ITEMS')!.push(id);
    }
  }
  if (rnd() < 0.05) {
    s.rollback();
    ledgerId--;
    return;
  }
  s.commit();
  for (const c of changes) c();
  const at = src.db.currentScn();
  for (const [table, ids] of touched) for (const id of ids) changedAt.set(`${table} ${id}`, at);
}

function prng(seed: number): () => number {
  let x = seed;
  return () => {
    x = (x * 1103515245 + 12345) % 2 ** 31;
    return x / 2 ** 31;
  };
}

/** The traffic of the running test; afterEach stops it, so a failed test leaves no writer behind for the next one. */
let traffic: { stop: () => Promise<void> } | null = null;

/** Committed source transactions every 60 ms (200 ms of database time each) until `stopTraffic()`. */
function startTraffic(rnd: () => number): void {
  let on = true;
  const driver = (async () => {
    while (on) {
      sourceTransaction(rnd);
      src.clock.advance(200);
      await sleep(60);
    }
  })();
  traffic = {
    stop: async () => {
      on = false;
      await driver;
    },
  };
}

async function stopTraffic(): Promise<void> {
  await traffic?.stop();
  traffic = null;
}

async function tasksNow() {
  return db.task.findMany({ select: { id: true, status: true, workerId: true, errorMessage: true, phases: { select: { phase: true, status: true, rowsDone: true } }, checkpoints: { select: { phase: true, position: true, updatedAt: true } } }, orderBy: { id: 'asc' } });
}

async function logsOf(taskId: string): Promise<string[]> {
  return (await db.taskLog.findMany({ where: { taskId }, orderBy: { id: 'asc' } })).map((l) => `${l.level} ${l.message}`);
}

beforeAll(async () => {
  const url = await freshPostgresDatabase('cluster');
  const secretKey = randomBytes(32).toString('hex');
  Object.assign(process.env, { DATABASE_URL: url, ORA2KAFKA_SECRET_KEY: secretKey, ORA2KAFKA_DATA_DIR: mkdtempSync(path.join(tmpdir(), 'o2k-cluster-console-')) });
  const { getDb } = await import('../../server/store/db');
  db = await getDb(); // applies the migrations once, before any worker starts

  src = simSource({ employees: 50 });
  const s = src.db.session('HR');
  s.ddl('CREATE TABLE ITEMS (ID NUMBER PRIMARY KEY, QTY NUMBER, NOTE VARCHAR2(40))');
  s.ddl('CREATE TABLE LEDGER (ID NUMBER PRIMARY KEY, NOTE VARCHAR2(40))');
  for (let i = 1; i <= ITEMS; i++) {
    s.insert('HR', 'ITEMS', { ID: i, QTY: 0, NOTE: `item ${i}` });
    expected.get('HR.ITEMS')!.set(String(i), { ID: String(i), QTY: '0', NOTE: `item ${i}` });
  }
  s.commit();
  const { startSimServer } = await import('../../server/oracle/remote/sim-server');
  simServer = await startSimServer({ open: async () => src.gateway() });

  const { installClusterControl } = await import('../../server/host/cluster-control');
  installClusterControl();
  const { ensureFirstAdmin } = await import('../../server/auth/first-admin');
  await ensureFirstAdmin({ ORA2KAFKA_ADMIN_PASSWORD: 'cluster-admin-pw' }, () => undefined);
  api = await startApiServer();
  admin = new ApiClient(api.url);
  await admin.signIn('admin', 'cluster-admin-pw');

  workerEnv = {
    DATABASE_URL: url,
    ORA2KAFKA_SECRET_KEY: secretKey,
    ORA2KAFKA_GROUP_BROKERS: kafka().plaintext,
    ORA2KAFKA_SIM_SERVER: simServer.address,
    ORA2KAFKA_WORKER_SESSION_TIMEOUT_MS: String(SESSION_TIMEOUT_MS),
  };
});

afterEach(async () => {
  await stopTraffic();
  killAllWorkers();
});

afterAll(async () => {
  await api?.close();
  await simServer?.close();
});

/** Creates a task through the repository (the wizard's steps are tested elsewhere), marks its precheck passed, and starts it through the console's API. */
async function createAndStart(n: number, cluster = CLUSTER, throttled = true): Promise<{ id: string; topic: string }> {
  const repo = await import('../../server/store/task-repository');
  const topic = uniqueTopic(`cluster-${n}`);
  const ddlTopic = `${topic}-ddl`;
  await createTopic(topic, 3);
  await createTopic(ddlTopic, 1);
  const { sourceDestinationStepSchema } = await import('../../server/model/task-draft');
  const { id } = await repo.saveDraft(
    sourceDestinationStepSchema.parse({
      name: `cluster-${n}`,
      source: { host: 'it.sim', database: 'SIMDB', user: 'DTS_SYNC', password: 'dts_sync' },
      destination: { brokers: kafka().plaintext, topic, ddlTopic },
    }),
  );
  await repo.saveSection(
    id,
    {
      migrationTypes: { schema: true, full: true, incremental: true },
      dataFormat: 'shareplex-json',
      partitionPolicy: 'hash-pk',
      objects: { schemas: [{ name: 'HR', tables: [{ name: 'ITEMS' }, { name: 'LEDGER' }] }] },
      // Slow enough that a worker can be killed in the middle of the full load.
      advanced: { cluster, chunkSize: 100, fullParallelism: 1, fullThrottle: { enabled: throttled, rps: 150, mbps: 10, sourceQps: 100 } },
      instanceClass: 'medium',
    },
    { resetPrecheck: false },
  );
  await db.task.update({ where: { id }, data: { status: 'PrecheckPassed' } });
  await admin.ok('mutate', 'task.start', { id });
  return { id, topic };
}

/** The topic, read with read_committed and replayed per key, equals the source: nothing twice, nothing missing. */
async function expectTopicEqualsSource(t: { id: string; topic: string }): Promise<void> {
  const replay = await replayTopic(plaintextDestination(t.topic), t.topic, PK);
  expect(replay.problems, t.id).toEqual([]);
  const sorted = (m: Map<string, unknown>) => [...m].sort(([a], [b]) => Number(a) - Number(b));
  for (const [table, rows] of expected) {
    const got = replay.tables.get(table) ?? new Map<string, unknown>();
    // On a mismatch, name the keys (the deep-equal message elides them): only in Kafka, only in the source, different.
    const onlyKafka = [...got.keys()].filter((k) => !rows.has(k));
    const onlySource = [...rows.keys()].filter((k) => !got.has(k));
    const different = [...rows.keys()].filter((k) => got.has(k) && JSON.stringify(got.get(k)) !== JSON.stringify(rows.get(k)));
    if (onlyKafka.length + onlySource.length + different.length === 0) continue;
    // Behind (every differing key last changed after the topic's last change) or a hole (one changed before it)?
    const scnOf = (k: string) => String(changedAt.get(`${table} ${k}`) ?? 'initial load');
    const keys = `only in Kafka ${JSON.stringify(onlyKafka.slice(0, 5).map((k) => [k, got.get(k), scnOf(k)]))}, only in the source ${JSON.stringify(onlySource.slice(0, 5).map((k) => [k, scnOf(k)]))}, different ${JSON.stringify(different.slice(0, 5).map((k) => [k, got.get(k), rows.get(k), scnOf(k)]))}`;
    const task = (await tasksNow()).find((r) => r.id === t.id);
    const story = `topic's last change at SCN ${replay.lastScn}, source at SCN ${src.db.currentScn()}; the task now: ${JSON.stringify(task, (_k, v: unknown) => (typeof v === 'bigint' ? String(v) : v))}\nits last log lines:\n${(await logsOf(t.id)).slice(-15).join('\n')}`;
    expect(sorted(got), `${t.id} ${table}: ${keys}\n${story}`).toEqual(sorted(rows));
  }
  expect(replay.counts.init).toBeGreaterThan(ITEMS / 2);
  expect(replay.counts.transactions).toBeGreaterThan(10);
}

/** Commits one last transaction and waits until each of the tasks runs with its checkpoint (the console's copy) past it. */
async function catchUp(ids: string[]): Promise<void> {
  const before = await src.gateway().currentScn();
  sourceTransaction(() => 0.1);
  src.clock.advance(1000);
  await until(async () => {
    const rows = (await tasksNow()).filter((r) => ids.includes(r.id));
    return rows.length === ids.length && rows.every((r) => {
      if (r.status !== 'Migrating' && r.status !== 'Retrying') return false;
      const inc = r.checkpoints.find((c) => c.phase === 'incremental');
      const pos = inc ? (JSON.parse(inc.position) as { lastCommitScn?: string }) : null;
      return pos?.lastCommitScn !== undefined && BigInt(pos.lastCommitScn) > before;
    });
  }, 'every running task to catch up with the source', 120_000);
}

describe('cluster of workers (PostgreSQL, Kafka group, real broker)', () => {
  it('balances six tasks over three workers, fails over after kill -9 with no loss and no duplicates, and hands tasks back to a new worker', { timeout: 420_000 }, async () => {
    const workers = new Map<string, WorkerProc>();
    const all: WorkerProc[] = [];
    const dump = async () => [...all.map((w, i) => story(`worker ${i + 1}`, w)), JSON.stringify(await tasksNow(), (_k, v: unknown) => (typeof v === 'bigint' ? String(v) : v))].join('\n');
    const fail = (what: string) => async (e: unknown) => {
      throw new Error(`${what}: ${e instanceof Error ? e.message : String(e)}\n${await dump()}`);
    };
    const spawnWorker = async () => {
      const w = startWorker(CLUSTER, workerEnv);
      all.push(w);
      workers.set(await Promise.race([w.id, w.exited.then((c) => Promise.reject(new Error(`worker exited with ${c}`)))]), w);
      return w;
    };
    for (let i = 0; i < 3; i++) await spawnWorker();

    // Traffic all along, from before the snapshot to the end.
    const rnd = prng(17);
    for (let i = 0; i < 30; i++) sourceTransaction(rnd);
    startTraffic(rnd);

    const tasks: { id: string; topic: string }[] = [];
    for (let n = 1; n <= TASKS; n++) tasks.push(await createAndStart(n));

    // 1. Balanced: two tasks per worker.
    await until(async () => {
      const rows = await tasksNow();
      const per = [...workers.keys()].map((w) => rows.filter((t) => t.workerId === w).length);
      return per.every((n) => n === 2);
    }, 'two tasks on each of the three workers', 120_000).catch(await fail('balance'));

    // 2. kill -9 during the full load.
    let victimA = '';
    await until(async () => {
      const rows = await tasksNow();
      const t = rows.find((r) => r.workerId && r.phases.some((p) => p.phase === 'full' && p.status === 'Running' && p.rowsDone > 100n));
      victimA = t?.workerId ?? '';
      return t !== undefined;
    }, 'a task to be part-way through its full load', 120_000).catch(await fail('full load'));
    const movedA = (await tasksNow()).filter((t) => t.workerId === victimA).map((t) => t.id);
    const killedAt = Date.now();
    await killHard(workers.get(victimA)!);
    workers.delete(victimA);
    // After the session timeout the group rebalances and the survivors take the tasks over.
    await until(async () => {
      const rows = await tasksNow();
      return movedA.every((id) => {
        const r = rows.find((x) => x.id === id)!;
        return r.workerId !== null && r.workerId !== victimA && r.checkpoints.some((c) => c.updatedAt.getTime() > killedAt + SESSION_TIMEOUT_MS / 2);
      });
    }, 'the killed worker\'s tasks to commit on other workers', 90_000).catch(await fail('failover during full load'));
    // How soon is a speed figure (failover_seconds in `npm run bench`), not asserted here: a loaded machine may take longer and still be right.
    console.log(`[cluster] failover_seconds ${((Date.now() - killedAt) / 1000).toFixed(1)} (session timeout ${SESSION_TIMEOUT_MS / 1000} s)`);

    // 3. kill -9 during incremental migration.
    await until(async () => (await tasksNow()).every((t) => t.phases.some((p) => p.phase === 'incremental' && p.status === 'Running') && t.workerId !== null), 'every task to reach incremental migration', 180_000).catch(
      await fail('incremental'),
    );
    const victimB = [...workers.keys()][0]!;
    const movedB = (await tasksNow()).filter((t) => t.workerId === victimB).map((t) => t.id);
    expect(movedB.length).toBeGreaterThan(0);
    const killedBAt = Date.now();
    await killHard(workers.get(victimB)!);
    workers.delete(victimB);
    const survivor = [...workers.keys()][0]!;
    await until(async () => {
      const rows = await tasksNow();
      return rows.every((r) => r.workerId === survivor) && movedB.every((id) => rows.find((x) => x.id === id)!.checkpoints.some((c) => c.phase === 'incremental' && c.updatedAt.getTime() > killedBAt + SESSION_TIMEOUT_MS / 2));
    }, 'every task to run on the last worker', 90_000).catch(await fail('failover during incremental'));

    // 4. A new worker gets tasks back on rebalance (handed over, not waiting for a timeout).
    const fresh = await spawnWorker();
    const freshId = await fresh.id;
    await until(async () => {
      const rows = await tasksNow();
      return rows.filter((r) => r.workerId === freshId).length === 3 && rows.filter((r) => r.workerId === survivor).length === 3;
    }, 'the new worker to get three tasks back', 90_000).catch(await fail('rebalance to a new worker'));

    // 5. Catch up with everything, then check every topic against the source.
    await stopTraffic();
    await catchUp(tasks.map((t) => t.id)).catch(await fail('catch up'));
    // A graceful stop hands tasks over (how soon: the rolling-restart test): the fresh worker's three move to the survivor.
    fresh.proc.kill('SIGTERM');
    expect(await fresh.exited).toBe(0);
    await until(async () => (await tasksNow()).every((r) => r.workerId === survivor && r.status === 'Migrating'), 'the survivor to take the stopped worker\'s tasks', 60_000).catch(await fail('graceful hand-over'));
    // …and runs them: every task commits what came after.
    await catchUp(tasks.map((t) => t.id)).catch(await fail('catch up after the hand-over'));

    for (const t of tasks) await expectTopicEqualsSource(t);

    // Every move is in the task logs, naming the workers.
    for (const id of movedA) {
      const logs = (await logsOf(id)).join('\n');
      expect(logs).toContain(`takes over from worker ${victimA}`);
    }
    const handedOver = (await tasksNow()).map((t) => t.id);
    expect((await Promise.all(handedOver.map(logsOf))).flat().filter((l) => l.includes(`Worker ${freshId} is shutting down`)).length).toBe(3);
    const clusters = await admin.ok<{ cluster: string; workers: { id: string; alive: boolean; tasks: { status: string }[] }[] }[]>('query', 'worker.list');
    const view = clusters.find((c) => c.cluster === CLUSTER)!;
    expect(view.workers.find((w) => w.id === survivor)).toMatchObject({ alive: true, tasks: expect.arrayContaining([expect.objectContaining({ status: 'Migrating' })]) });
    expect(view.workers.find((w) => w.id === survivor)!.tasks).toHaveLength(TASKS);
    expect(view.workers.find((w) => w.id === victimA)?.alive).toBe(false);
    // The task list and each task's dashboard name the worker.
    const listed = await admin.ok<{ id: string; workerId: string | null }[]>('query', 'task.list');
    expect(listed.filter((t) => tasks.some((x) => x.id === t.id)).map((t) => t.workerId)).toEqual(tasks.map(() => survivor));
    const progress = await admin.ok<{ cluster: string; worker: { id: string; alive: boolean } | null }>('query', 'taskMonitor.progress', { id: tasks[0]!.id });
    expect(progress).toMatchObject({ cluster: CLUSTER, worker: { id: survivor, alive: true } });
  });

  it('fences a frozen worker: after its tasks moved on, it cannot write to Kafka or overwrite their status', { timeout: 240_000 }, async () => {
    // The first test's tasks stop with its workers; only this test's task runs from here on.
    await db.task.updateMany({ where: { status: 'Migrating' }, data: { status: 'Paused' } });
    const zombie = startWorker('fence', workerEnv);
    const zombieId = await zombie.id;
    const rnd = prng(29);
    startTraffic(rnd);
    const task = await createAndStart(100, 'fence', false);
    const row = async () => (await tasksNow()).find((t) => t.id === task.id)!;
    const heir = { lines: [] as string[] };
    const dump = async () => [story('zombie', zombie), story('heir', heir), JSON.stringify(await row(), (_k, v: unknown) => (typeof v === 'bigint' ? String(v) : v))].join('\n');
    const fail = (what: string) => async (e: unknown) => {
      throw new Error(`${what}: ${e instanceof Error ? e.message : String(e)}\n${await dump()}`);
    };
    // The first worker takes the task while it is alone in the group. Had the heir joined first, the
    // task would be new in that generation and could go to either member (the tie falls by Kafka's
    // member ids). Once a worker runs a task, the sticky assignor leaves it there when another joins.
    await until(async () => (await row()).workerId === zombieId, 'the task to run on the first worker, alone in the group', 120_000).catch(await fail('start alone'));
    // The heir is the console's embedded worker (this process, as instrumentation.ts starts it in cluster mode).
    process.env.ORA2KAFKA_SIM_SERVER = simServer.address;
    const { installEngineHost } = await import('../../server/host/engine-host');
    const host = await installEngineHost({ ...process.env, ...workerEnv, ORA2KAFKA_CONSOLE_WORKER: 'fence' }, (l) => heir.lines.push(l));
    if (host.mode !== 'cluster' || !host.worker) throw new Error(`the console did not embed a worker: ${JSON.stringify(host)}`);
    const embedded = host.worker;
    const heirId = embedded.id;
    try {
      await until(async () => {
        const r = await row();
        return r.workerId === zombieId && r.phases.some((p) => p.phase === 'incremental' && p.status === 'Running') && heir.lines.some((l) => / generation \d+/.test(l));
      }, 'the task to run incremental migration on the first worker, with the second one in the group', 120_000).catch(await fail('start'));

      // Frozen (a long GC pause, a stalled VM): no heartbeats, but its process and sockets survive.
      zombie.proc.kill('SIGSTOP');
      const frozenAt = Date.now();
      // A writer of the task that is still mid-transaction when the heir takes over (what the frozen
      // worker would be, had it been frozen between Produce and EndTxn): the task's transactional id.
      const ghost = createKafka(plaintextDestination(task.topic)).producer({ transactionalId: transactionalIdOf(task.id), idempotent: true, maxInFlightRequests: 1 });
      await ghost.connect();
      const ghostTx = await ghost.transaction();
      await ghostTx.send({ topic: task.topic, messages: [{ key: 'ghost', value: '{"ghost":true}', partition: 0 }] });
      await until(async () => {
        const r = await row();
        return r.workerId === heirId && r.checkpoints.some((c) => c.phase === 'incremental' && c.updatedAt.getTime() > frozenAt + SESSION_TIMEOUT_MS);
      }, 'the second worker to take the task over and commit', 90_000).catch(await fail('takeover'));
      // The heir's InitProducerId fenced every older producer of the task: the open transaction cannot commit.
      await expect(ghostTx.commit()).rejects.toThrow(/fenced|epoch|producer/i);
      await ghost.disconnect().catch(() => undefined);
      // The frozen worker wakes up with a producer whose epoch is just as stale.
      zombie.proc.kill('SIGCONT');
      await until(() => zombie.lines.some((l) => l.includes('lost its group session')), 'the woken worker to notice it lost its session', 30_000).catch(await fail('wake-up'));
      await stopTraffic();
      await catchUp([task.id]).catch(await fail('catch up'));

      const r = await row();
      expect(r.workerId).toBe(heirId);
      expect(r.status).toBe('Migrating');
      expect(r.errorMessage).toBeNull();
      await expectTopicEqualsSource(task);
      expect((await consumeAll(plaintextDestination(task.topic), task.topic)).filter((m) => m.key === 'ghost')).toEqual([]);
      const logs = (await logsOf(task.id)).join('\n');
      expect(logs).toContain(`takes over from worker ${zombieId}`);

      // The console is the control plane: Pause, Resume and Release reach the task's worker.
      // Each returns once its worker has carried it out and let the task go.
      await admin.ok('mutate', 'taskMonitor.pause', { id: task.id });
      expect(await row()).toMatchObject({ status: 'Paused', workerId: null });
      await admin.ok('mutate', 'taskMonitor.resume', { id: task.id });
      await until(async () => {
        const x = await row();
        return x.status === 'Migrating' && x.workerId !== null;
      }, 'the resumed task to run on a worker again', 60_000).catch(await fail('resume'));
      await admin.ok('mutate', 'taskMonitor.release', { id: task.id });
      expect(await row(), (await logsOf(task.id)).slice(-15).join('\n')).toMatchObject({ status: 'Released', workerId: null });
      const controlLogs = (await logsOf(task.id)).join('\n');
      expect(controlLogs).toMatch(/Paused on worker w-/);
      expect(controlLogs).toMatch(/Released on worker w-/);
      console.log(`[cluster] the woken worker said:\n${zombie.lines.filter((l) => /lost|fenced|took over|stopped/i.test(l)).join('\n')}`);
    } finally {
      await embedded.stop();
    }
  });

  it('rolls a restart through the cluster: each worker stops gracefully and its tasks move at once, with no loss and no duplicates', { timeout: 240_000 }, async () => {
    await db.task.updateMany({ where: { status: { in: ['Migrating', 'Retrying'] } }, data: { status: 'Paused' } });
    const rnd = prng(41);
    startTraffic(rnd);
    // A long session timeout: a hand-over well within it cannot have waited for it.
    const ROLL_SESSION_TIMEOUT_MS = 60_000;
    const env = { ...workerEnv, ORA2KAFKA_WORKER_SESSION_TIMEOUT_MS: String(ROLL_SESSION_TIMEOUT_MS) };
    const all: WorkerProc[] = [startWorker('roll', env), startWorker('roll', env)];
    const ids = await Promise.all(all.map((w) => w.id));
    const tasks = [await createAndStart(200, 'roll', false), await createAndStart(201, 'roll', false)];
    const mine = new Set(tasks.map((t) => t.id));
    const rows = async () => (await tasksNow()).filter((t) => mine.has(t.id));
    const fail = (what: string) => async (e: unknown) => {
      throw new Error(`${what}: ${e instanceof Error ? e.message : String(e)}\n${all.map((w, i) => story(`worker ${i + 1}`, w)).join('\n')}\n${JSON.stringify(await rows(), (_k, v: unknown) => (typeof v === 'bigint' ? String(v) : v))}`);
    };
    const balanced = async (live: string[]) => {
      const r = await rows();
      return live.every((w) => r.filter((t) => t.workerId === w && t.status === 'Migrating').length === 1);
    };
    await until(() => balanced(ids), 'one task on each worker', 120_000).catch(await fail('start'));
    await until(async () => (await rows()).every((t) => t.phases.some((p) => p.phase === 'incremental' && p.status === 'Running')), 'both tasks in incremental migration', 120_000).catch(await fail('incremental'));

    const live = [...ids];
    for (let i = 0; i < 2; i++) {
      const old = all[i]!;
      const oldId = live[i]!;
      const other = live[1 - i]!;
      old.proc.kill('SIGTERM');
      expect(await old.exited).toBe(0);
      const stoppedAt = Date.now();
      // Handed over when the worker left the group, not after a session timeout.
      await until(async () => (await rows()).every((t) => t.workerId === other), `the tasks of ${oldId} on ${other}`, ROLL_SESSION_TIMEOUT_MS / 2).catch(await fail(`hand-over ${i + 1}`));
      expect(Date.now() - stoppedAt).toBeLessThan(ROLL_SESSION_TIMEOUT_MS / 2);
      const next = startWorker('roll', env);
      all.push(next);
      live[i] = await next.id;
      await until(() => balanced(live), 'the restarted worker to get a task back', 60_000).catch(await fail(`rebalance ${i + 1}`));
    }
    await stopTraffic();
    await catchUp(tasks.map((t) => t.id)).catch(await fail('catch up'));
    for (const t of tasks) await expectTopicEqualsSource(t);
    const logs = (await Promise.all(tasks.map((t) => logsOf(t.id)))).flat();
    expect(logs.filter((l) => /is shutting down: it stopped the task/.test(l))).toHaveLength(2);
  });
});
