import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { KafkaError } from '../model/errors';
import { taskConfigSchema, type TaskConfigInput } from '../model/task-config';
import { validateFilter } from '../model/row-filter';
import { createSimDatabase, installSampleSchema, ManualClock, SimGateway, Workload, type SimDatabase } from '../oracle/sim';
import { MemoryTarget } from '../../test/support/engine/memory-target';
import { decodeTestRecord, jsonTestFormat } from '../../test/support/engine/json-test-format';
import { memoryOpenTarget, replicaMatchesSource, replicaOf, sourceRows } from '../../test/support/engine/source-state';
import { MemoryReporter } from './task-reporter';
import { TaskRunner } from './task-runner';
import { choosePartition } from '../kafka/partitioner';
import { initEvent } from '../model/change-event';
import type { ColumnMeta, ColumnValue } from '../model/oracle-types';

/**
 * The runner end to end over the simulator, with an in-memory transactional target (the Kafka
 * transaction semantics are covered by the integration tests): hand-off with transactions open
 * at the snapshot, retries from the committed checkpoint, mapping, filters, pause, release.
 */
const TABLES = ['EMPLOYEES', 'JOB_HISTORY', 'REGIONS'];
const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));
const runners: TaskRunner[] = [];
afterEach(async () => {
  for (const r of runners.splice(0)) await r.release().catch(() => undefined);
});

/** `databaseClockStartMs`: where the database's clock starts (default 2025-01-06, far behind the engine's real clock). */
function simSource(employees = 300, databaseClockStartMs?: number): { db: SimDatabase; clock: ManualClock; gateway: () => SimGateway } {
  const clock = new ManualClock(databaseClockStartMs);
  const db = createSimDatabase({ clock, idleScnPerSecond: 0, logSizeBytes: 60_000, supplementalLogging: { pk: true, ui: true, all: true } });
  installSampleSchema(db, { employees });
  const gateway = () => new SimGateway(db, { host: 'unit.sim', port: 1521, kind: 'sid', database: 'SIMDB', user: 'DTS_SYNC', password: 'dts_sync' });
  return { db, clock, gateway };
}

function config(over: Partial<TaskConfigInput> = {}) {
  return taskConfigSchema.parse({
    name: 'unit',
    source: { host: 'unit.sim', database: 'SIMDB', user: 'DTS_SYNC', password: 'dts_sync' },
    destination: { brokers: 'k:9092', topic: 'data', ddlTopic: 'ddl' },
    objects: { schemas: [{ name: 'HR', tables: TABLES.map((name) => ({ name })) }] },
    advanced: { fullParallelism: 2, chunkSize: 100, connectRetryMinutes: 10, otherRetryMinutes: 5 },
    ...over,
  });
}

function runner(src: ReturnType<typeof simSource>, target: MemoryTarget, cfg = config(), reporter = new MemoryReporter()) {
  const r = new TaskRunner({
    taskId: 'unit-task',
    config: cfg,
    openGateway: async () => src.gateway(),
    openTarget: memoryOpenTarget(target),
    format: async () => jsonTestFormat,
    reporter,
    tuning: { spillDir: mkdtempSync(path.join(tmpdir(), 'o2k-spill-')), pollIntervalMs: 10, lingerMs: 5, idleCheckpointMs: 30, maxRecordsPerTx: 500 },
    retry: { baseDelayMs: 10, maxDelayMs: 50 },
  });
  runners.push(r);
  return r;
}

async function until(cond: () => boolean | Promise<boolean>, what: string, ms = 20_000): Promise<void> {
  const end = Date.now() + ms;
  while (!(await cond())) {
    if (Date.now() > end) throw new Error(`timed out waiting for ${what}`);
    await sleep(20);
  }
}

function matchesSource(src: ReturnType<typeof simSource>, target: MemoryTarget, tables = TABLES, opts: { reinit?: boolean } = {}): Promise<boolean> {
  return replicaMatchesSource(src.gateway(), target, 'HR', tables, opts);
}

describe('TaskRunner over the simulator', () => {
  it('schema → full → incremental with transactions open at the snapshot: no loss, no duplicates', async () => {
    const src = simSource();
    const work = new Workload(src.db, { seed: 5, tables: TABLES.map((t) => `HR.${t}`), longTxRate: 0.2, longTxMs: 3000, rollbackRate: 0.1, savepointRate: 0.1 });
    for (let i = 0; i < 4; i++) {
      work.runTransactions(30);
      src.clock.advance(1000);
    }
    expect(work.openLongTransactions).toBeGreaterThan(0);
    const target = new MemoryTarget();
    const reporter = new MemoryReporter();
    const r = runner(src, target, config(), reporter);
    r.start();
    for (let i = 0; i < 15; i++) {
      work.runTransactions(20);
      src.clock.advance(1000);
      await sleep(15);
    }
    work.drain();
    await until(() => matchesSource(src, target), 'the replica to match the source');
    await r.stop();
    expect(r.status).toBe('Paused');
    const replica = replicaOf(target);
    expect(replica.problems).toEqual([]);
    expect(replica.counts.init).toBeGreaterThan(300);
    expect(replica.counts.update + replica.counts.insert + replica.counts.delete).toBeGreaterThan(100);
    // Schema records: the three tables, their non-key indexes, and the trigger on EMPLOYEES (reported).
    const ddl = replica.ddl.map((d) => `${d.table}`);
    expect(ddl).toEqual(expect.arrayContaining(['EMPLOYEES', 'JOB_HISTORY', 'REGIONS', 'EMP_DEPARTMENT_IX', 'UPDATE_JOB_HISTORY']));
    expect(reporter.phases.get('schema')!.warnings.join()).toMatch(/Trigger HR\.UPDATE_JOB_HISTORY/);
    expect(reporter.statuses.map((s) => s.status)).toEqual(['Migrating', 'Paused']);
    // The DDL records go to the DDL topic, rows to the data topic.
    expect(new Set(target.committed.filter((c) => decodeTestRecord(c.value).op === 'DDL').map((c) => c.topic))).toEqual(new Set(['ddl']));
  });

  it('a parallel full load writes record ids in increasing order in every partition', async () => {
    // Three tables read side by side in chunks of 1,500 rows (encoding yields to the event loop
    // mid-chunk), a throttle and a slow target (so chunks wait before they are appended): ids are
    // handed out at encoding, so a chunk encoded while another waits must not overtake it.
    const src = simSource(6000);
    const target = new MemoryTarget();
    target.delayMs = 5;
    const r = runner(src, target, config({
      migrationTypes: { schema: false, full: true, incremental: false },
      objects: { schemas: [{ name: 'HR', tables: ['EMPLOYEES', 'JOB_HISTORY', 'LOCATIONS'].map((name) => ({ name })) }] },
      advanced: { fullParallelism: 3, chunkSize: 1500, fullThrottle: { enabled: true, rps: 40_000, mbps: 100, sourceQps: 1000 } },
    }));
    r.start();
    await r.done;
    expect(r.status).toBe('Finished');
    const lastId = new Map<number, number>();
    const backwards: string[] = [];
    for (const rec of target.committed) {
      const id = decodeTestRecord(rec.value).id;
      const prev = lastId.get(rec.partition);
      if (prev !== undefined && id <= prev) backwards.push(`partition ${rec.partition}: id ${id} after ${prev}`);
      lastId.set(rec.partition, id);
    }
    expect(target.committed.length).toBeGreaterThan(6000);
    expect(backwards.slice(0, 3)).toEqual([]);
  });

  it('resumes from the committed checkpoint after failed commits: every change once', async () => {
    const src = simSource();
    const work = new Workload(src.db, { seed: 9, tables: TABLES.map((t) => `HR.${t}`), longTxRate: 0.1, longTxMs: 2000 });
    work.runTransactions(50);
    const target = new MemoryTarget();
    const unreachable = () => new KafkaError('KAFKA_UNREACHABLE', 'broker down', { retriable: true });
    const reporter = new MemoryReporter();
    const r = runner(src, target, config({ migrationTypes: { schema: false, full: true, incremental: true } }), reporter);
    target.failNext(unreachable());
    r.start();
    for (let i = 0; i < 10; i++) {
      work.runTransactions(20);
      src.clock.advance(1000);
      if (i % 3 === 1) target.failNext(unreachable());
      await sleep(20);
    }
    work.drain();
    await until(() => matchesSource(src, target), 'the replica to match the source');
    await r.stop();
    const replica = replicaOf(target);
    expect(replica.problems).toEqual([]);
    const statuses = reporter.statuses.map((s) => s.status);
    expect(statuses).toContain('Retrying');
    expect(reporter.logs.some((l) => /Recovered/.test(l.message))).toBe(true);
  });

  it('applies renames and the row filter in both phases, and per-table operations', async () => {
    const src = simSource(200);
    const cfg = config({
      migrationTypes: { schema: false, full: true, incremental: true },
      objects: {
        schemas: [
          {
            name: 'HR',
            mappedName: 'HR_COPY',
            tables: [
              { name: 'EMPLOYEES', mappedName: 'STAFF', filter: 'DEPARTMENT_ID IN (10, 20, 30) AND SALARY >= 5000', columns: [{ name: 'SALARY', mappedName: 'PAY' }] },
              { name: 'REGIONS', operations: ['INSERT'] },
            ],
          },
        ],
      },
    });
    const work = new Workload(src.db, { seed: 3, tables: ['HR.EMPLOYEES', 'HR.REGIONS'], longTxRate: 0, mix: { insert: 3, update: 6, delete: 1 } });
    const target = new MemoryTarget();
    const r = runner(src, target, cfg);
    r.start();
    for (let i = 0; i < 8; i++) {
      work.runTransactions(40);
      src.clock.advance(1000);
      await sleep(15);
    }
    const g = src.gateway();
    const meta = await g.describeTable('HR', 'EMPLOYEES');
    const filter = validateFilter('DEPARTMENT_ID IN (10, 20, 30) AND SALARY >= 5000', meta.columns);
    await until(async () => {
      const want = await sourceRows(g, 'HR', 'EMPLOYEES', await g.currentScn(), filter);
      const got = replicaOf(target).tables.get('HR_COPY.STAFF') ?? new Map();
      const renamed = (row: Record<string, unknown>) => Object.fromEntries(Object.entries(row).map(([c, v]) => [c === 'SALARY' ? 'PAY' : c, v]));
      return got.size === want.size && [...want].every(([k, row]) => JSON.stringify(got.get(k)) === JSON.stringify(renamed(row)));
    }, 'the filtered, renamed replica to match');
    await r.stop();
    const replica = replicaOf(target);
    expect(replica.problems).toEqual([]);
    const records = target.committed.map((c) => decodeTestRecord(c.value));
    const staff = records.filter((x) => x.table === 'STAFF');
    expect(staff.length).toBeGreaterThan(0);
    expect(staff.every((x) => x.owner === 'HR_COPY' && x.cols.includes('PAY') && !x.cols.includes('SALARY'))).toBe(true);
    // REGIONS: only INSERTs migrate incrementally.
    const regionOps = new Set(records.filter((x) => x.table === 'REGIONS' && x.op !== 'INIT').map((x) => x.op));
    expect([...regionOps].every((op) => op === 'INSERT')).toBe(true);

    // Per-table progress: rows read and what the filter left out, at the snapshot; changes by operation.
    const snapshot = BigInt(r.lastCheckpoint!.full!.snapshotScn);
    const employeesAtSnapshot = (await sourceRows(g, 'HR', 'EMPLOYEES', snapshot)).size;
    const keptAtSnapshot = (await sourceRows(g, 'HR', 'EMPLOYEES', snapshot, filter)).size;
    const regionsAtSnapshot = (await sourceRows(g, 'HR', 'REGIONS', snapshot)).size;
    expect(r.progress.full.tables).toEqual(
      expect.arrayContaining([
        { table: 'HR.EMPLOYEES', status: 'Done', rowsDone: keptAtSnapshot, rowsEstimate: keptAtSnapshot, rowsFilteredOut: employeesAtSnapshot - keptAtSnapshot, error: null },
        { table: 'HR.REGIONS', status: 'Done', rowsDone: regionsAtSnapshot, rowsEstimate: regionsAtSnapshot, rowsFilteredOut: null, error: null },
      ]),
    );
    expect(keptAtSnapshot).toBeLessThan(employeesAtSnapshot);
    const changes = (table: string, op: string) => records.filter((x) => x.table === table && x.op === op).length;
    const employees = r.progress.incremental.tables.find((t) => t.table === 'HR.EMPLOYEES');
    expect(employees).toEqual({ table: 'HR.EMPLOYEES', inserts: changes('STAFF', 'INSERT'), updates: changes('STAFF', 'UPDATE'), deletes: changes('STAFF', 'DELETE'), ddl: 0 });
    expect(changes('STAFF', 'UPDATE')).toBeGreaterThan(0);
  });

  it('release leaves no phase running: the unfinished ones are Stopped', async () => {
    const src = simSource(100);
    const reporter = new MemoryReporter();
    const r = runner(src, new MemoryTarget(), config({ migrationTypes: { schema: false, full: true, incremental: true } }), reporter);
    r.start();
    await until(() => r.progress.incremental.status === 'Running', 'incremental migration to run');
    await r.release();
    expect(r.progress.full.status).toBe('Finished');
    expect(r.progress.incremental.status).toBe('Stopped');
    expect(reporter.phases.get('incremental')!.status).toBe('Stopped');
  });

  it('pause parks the workers and commits what was read; resume continues; release ends for good', async () => {
    const src = simSource(2000);
    const target = new MemoryTarget();
    target.delayMs = 5;
    const cfg = config({ migrationTypes: { schema: false, full: true, incremental: false }, advanced: { fullParallelism: 1, chunkSize: 100, fullThrottle: { enabled: true, rps: 2000, mbps: 100, sourceQps: 1000 } } });
    const r = runner(src, target, cfg);
    r.start();
    await until(() => target.committed.length > 100, 'some rows');
    await r.pause();
    expect(r.status).toBe('Paused');
    const atPause = target.committed.length;
    await sleep(150);
    expect(target.committed.length).toBe(atPause);
    r.resume();
    await r.done;
    expect(r.status).toBe('Finished');
    const replica = replicaOf(target);
    expect(replica.problems).toEqual([]);
    expect(replica.tables.get('HR.EMPLOYEES')!.size).toBe(2000);
    expect(r.progress.full.percent).toBe(100);
    await r.release();
    expect(r.status).toBe('Released');
    expect(() => r.start()).toThrow();
  });
});

describe('partition key (policy Hash of primary key)', () => {
  it('partitions a table by its chosen columns, looked up under its names in Kafka; the others by their primary key', async () => {
    const src = simSource(50);
    const target = new MemoryTarget();
    const r = runner(src, target, config({
      migrationTypes: { schema: false, full: true, incremental: false },
      partitionPolicy: 'hash-pk',
      objects: { schemas: [{ name: 'HR', mappedName: 'HR_PROD', tables: [{ name: 'REGIONS', mappedName: 'AREAS', columns: [{ name: 'REGION_NAME', mappedName: 'NAME' }], partitionKey: ['REGION_NAME'] }, { name: 'JOBS' }] }] },
    }));
    r.start();
    await r.done;
    expect(r.status).toBe('Finished');
    const records = target.committed.map((c) => ({ partition: c.partition, ...decodeTestRecord(c.value) }));
    // The partition each record would get from `keyColumns` (null: from its primary key).
    const expected = (x: (typeof records)[number], keyColumns: Record<string, string[]> | undefined) =>
      choosePartition(initEvent({ owner: x.owner, name: x.table, columns: x.cols.map((name) => ({ name }) as ColumnMeta), primaryKey: [x.cols[0]!], uniqueKeys: [] }, x.after as ColumnValue[], 1n), 3, { policy: 'hash-pk', keyColumns });
    const areas = records.filter((x) => x.table === 'AREAS');
    const jobs = records.filter((x) => x.table === 'JOBS');
    expect(areas.length).toBeGreaterThan(2);
    expect(jobs.length).toBeGreaterThan(2);
    expect(areas.every((x) => x.owner === 'HR_PROD' && x.cols.includes('NAME'))).toBe(true);
    expect(areas.map((x) => x.partition)).toEqual(areas.map((x) => expected(x, { 'HR_PROD.AREAS': ['NAME'] })));
    // The chosen key moves some rows off the partition their primary key would give them.
    expect(areas.map((x) => x.partition)).not.toEqual(areas.map((x) => expected(x, undefined)));
    expect(jobs.map((x) => x.partition)).toEqual(jobs.map((x) => expected(x, undefined)));
  });
});

describe('tables read while the stream runs (snapshot requests)', () => {
  const base = (tables: string[], snapshots: { id: string; mode?: 'add' | 'reread'; tables: string[] }[] = []) =>
    (config({ migrationTypes: { schema: false, full: true, incremental: true }, objects: { schemas: [{ name: 'HR', tables: tables.map((name) => ({ name })) }] }, snapshots }));

  /** Runs the workload in steps (transactions open across chunk reads) until `done`. */
  async function churn(src: ReturnType<typeof simSource>, work: Workload, done: () => boolean | Promise<boolean>, what: string): Promise<void> {
    await until(async () => {
      work.runTransactions(5);
      src.clock.advance(300);
      await sleep(5);
      return done();
    }, what);
  }

  it('an added table arrives once, then its changes, with transactions open across every chunk; failed commits mid-snapshot resume at the last committed chunk', async () => {
    const src = simSource(2000);
    const work = new Workload(src.db, { seed: 21, tables: ['HR.EMPLOYEES', 'HR.JOB_HISTORY', 'HR.REGIONS'], longTxRate: 0.2, longTxMs: 1500, mix: { insert: 3, update: 6, delete: 1 } });
    const target = new MemoryTarget();
    const first = runner(src, target, base(['JOB_HISTORY', 'REGIONS']));
    first.start();
    await churn(src, work, () => first.progress.incremental.status === 'Running', 'incremental migration to run');
    await first.stop();
    expect(target.committed.some((c) => decodeTestRecord(c.value).table === 'EMPLOYEES')).toBe(false);

    // Modify Objects: HR.EMPLOYEES added and read while the stream runs.
    const reporter = new MemoryReporter();
    const second = runner(src, target, base(['JOB_HISTORY', 'REGIONS', 'EMPLOYEES'], [{ id: 'add-1', tables: ['HR.EMPLOYEES'] }]), reporter);
    second.start();
    const employeeInits = () => target.committed.filter((c) => { const r = decodeTestRecord(c.value); return r.table === 'EMPLOYEES' && r.op === 'INIT'; }).length;
    await churn(src, work, () => employeeInits() >= 500, 'a few chunks of HR.EMPLOYEES');
    expect(target.checkpoint!.incremental!.snapshots?.[0]).toMatchObject({ table: 'HR.EMPLOYEES', done: false });
    // Two Kafka transactions fail: what they held is gone, and the task resumes from the last committed chunk.
    const unreachable = () => new KafkaError('KAFKA_UNREACHABLE', 'broker down', { retriable: true });
    target.failNext(unreachable());
    target.failNext(unreachable());
    await churn(src, work, () => (target.checkpoint?.incremental?.snapshotsDone ?? []).includes('add-1'), 'the snapshot to complete');
    work.drain();
    await until(() => matchesSource(src, target, ['EMPLOYEES', 'JOB_HISTORY', 'REGIONS']), 'the replica to match the source');
    await second.stop();
    expect(reporter.statuses.map((s) => s.status)).toContain('Retrying');
    const replica = replicaOf(target);
    expect(replica.problems).toEqual([]);
    expect(target.checkpoint!.incremental!.snapshots).toBeUndefined();
    // Some changes of HR.EMPLOYEES were written after their rows.
    const employeeChanges = target.committed.map((c) => decodeTestRecord(c.value)).filter((r) => r.table === 'EMPLOYEES' && r.op !== 'INIT');
    expect(employeeChanges.length).toBeGreaterThan(0);
    expect(second.progress.incremental.tables).toEqual(expect.arrayContaining([expect.objectContaining({ table: 'HR.EMPLOYEES', status: 'Done' })]));
  });

  it('a re-read table ends equal to the source while its rows change; removing a table stops its records at the change', async () => {
    const src = simSource(1000);
    const work = new Workload(src.db, { seed: 5, tables: ['HR.EMPLOYEES', 'HR.REGIONS'], longTxRate: 0.2, longTxMs: 1500 });
    const target = new MemoryTarget();
    const first = runner(src, target, base(['EMPLOYEES', 'REGIONS']));
    first.start();
    await churn(src, work, () => first.progress.incremental.status === 'Running', 'incremental migration to run');
    await first.stop();

    const again = runner(src, target, base(['EMPLOYEES', 'REGIONS'], [{ id: 'again-1', mode: 'reread', tables: ['HR.EMPLOYEES'] }]));
    again.start();
    await churn(src, work, () => (target.checkpoint?.incremental?.snapshotsDone ?? []).includes('again-1'), 'the re-read to complete');
    work.drain();
    await until(() => matchesSource(src, target, ['EMPLOYEES', 'REGIONS'], { reinit: true }), 'the replica to match the source');
    await again.stop();
    const records = target.committed.map((c) => decodeTestRecord(c.value));
    const inits = records.filter((r) => r.table === 'EMPLOYEES' && r.op === 'INIT');
    // Each key twice at most: once in the full load, once in the re-read.
    const perKey = new Map<string, number>();
    for (const r of inits) perKey.set(String(r.after![0]), (perKey.get(String(r.after![0])) ?? 0) + 1);
    expect(Math.max(...perKey.values())).toBe(2);

    // Remove HR.REGIONS: nothing of it after the position the change applied at.
    const at = target.committed.length;
    const removed = runner(src, target, base(['EMPLOYEES'], [{ id: 'again-1', mode: 'reread', tables: ['HR.EMPLOYEES'] }]));
    removed.start();
    await churn(src, work, () => target.committed.slice(at).some((c) => decodeTestRecord(c.value).table === 'EMPLOYEES'), 'changes after the removal');
    await removed.stop();
    expect(target.committed.slice(at).filter((c) => decodeTestRecord(c.value).table === 'REGIONS')).toEqual([]);
  });
});

describe('transaction retention', () => {
  // A database host's clock far from the engine's must not make a fresh transaction look
  // abandoned (dropped, with automatic dropping on): ages count in the database's clock.
  for (const [label, offsetMs] of [['700 days behind', -700 * 86_400_000], ['2 hours ahead', 2 * 3_600_000]] as const) {
    it(`ages open transactions in the database's clock when it is ${label} the engine's: a young one is not dropped, and the dashboard says the clocks differ`, async () => {
      const src = simSource(100, Date.now() + offsetMs);
      const target = new MemoryTarget();
      const reporter = new MemoryReporter();
      const cfg = config({ migrationTypes: { schema: false, full: true, incremental: true }, monitoring: { transactionRetentionMinutes: 1, autoDropAbandoned: true } });
      const r = runner(src, target, cfg, reporter);
      r.start();
      await until(async () => (src.clock.advance(1000), await sleep(5), r.progress.incremental.status === 'Running'), 'incremental migration to run');
      const young = src.db.session('HR');
      young.insert('HR', 'REGIONS', { REGION_ID: 98, REGION_NAME: 'Young' });
      const openedAt = src.clock.nowMs();
      // 40 s pass on the database; the engine then mines a bound read after them.
      for (let i = 0; i < 8; i++) {
        src.clock.advance(5000);
        await sleep(5);
      }
      const after = await src.gateway().currentScn();
      await until(() => BigInt(r.diagnostics().currentScn ?? '0') > after, 'mining to read a bound after the 40 s');
      const d = r.diagnostics();
      const open = d.openTransactions.find((t) => t.startTimeMs === openedAt);
      expect(open, JSON.stringify(d.openTransactions)).toBeDefined();
      // 40 s on the database, plus the engine's own (real) time since the bound was read.
      expect(open!.ageMs).toBeGreaterThanOrEqual(40_000);
      expect(open!.ageMs).toBeLessThan(60_000);
      expect(d.sourceLagMs).toBeLessThan(60_000);
      expect(Math.abs(d.mining!.databaseClockOffsetMs! - offsetMs)).toBeLessThan(60_000);
      expect(reporter.logs.filter((l) => /dropped automatically|holds the restart position back/.test(l.message))).toEqual([]);
      expect(r.progress.incremental.warnings.some((w) => new RegExp(`^The database's clock is \\d+ (days \\d+ h|h \\d+ min) ${offsetMs < 0 ? 'behind' : 'ahead of'} this worker's`).test(w))).toBe(true);
      young.commit();
      const region98 = () => target.committed.map((c) => decodeTestRecord(c.value)).filter((x) => x.table === 'REGIONS' && String(x.after?.[0]) === '98');
      await until(() => region98().length > 0, 'its insert to be written');
      await r.stop();
      expect(region98()).toHaveLength(1);
    });
  }

  for (const auto of [true, false]) {
    it(`a transaction open longer than the retention is ${auto ? 'dropped automatically: its changes never migrate and the restart position passes it' : 'reported and kept: the restart position waits, its changes migrate when it commits'}`, async () => {
      const src = simSource(200);
      const work = new Workload(src.db, { seed: 4, tables: ['HR.EMPLOYEES'], longTxRate: 0 });
      const target = new MemoryTarget();
      const reporter = new MemoryReporter();
      const cfg = config({ migrationTypes: { schema: false, full: true, incremental: true }, monitoring: { transactionRetentionMinutes: 1, autoDropAbandoned: auto } });
      const r = runner(src, target, cfg, reporter);
      r.start();
      const step = async () => {
        work.runTransactions(3);
        src.clock.advance(5000);
        await sleep(5);
      };
      await until(async () => (await step(), r.progress.incremental.status === 'Running'), 'incremental migration to run');
      const before = await src.gateway().currentScn();
      const abandoned = src.db.session('HR');
      abandoned.insert('HR', 'REGIONS', { REGION_ID: 99, REGION_NAME: 'Abandoned' });
      const said = (re: RegExp) => reporter.logs.find((l) => l.level === 'warn' && re.test(l.message))?.message;
      // The transaction's start SCN, as the warning names it.
      const startScn = (message: string) => BigInt(/since SCN (\d+)/.exec(message)![1]!);
      if (auto) {
        // Aged in the database's clock (the simulator's, ~700 days behind the engine's): one minute, as it is there.
        await until(async () => (await step(), said(/dropped automatically: open 1 min \(retention 1 min\) since SCN \d+, user HR, 1 change rows .* of HR\.REGIONS; its changes are not migrated/) !== undefined), 'the automatic drop');
        const start = startScn(said(/dropped automatically/)!);
        expect(start).toBeGreaterThan(before);
        await until(async () => (await step(), BigInt(target.checkpoint?.incremental?.restartScn ?? '0') > start), 'the restart position to pass the dropped transaction');
      } else {
        await until(async () => (await step(), said(/holds the restart position back/) !== undefined), 'the report');
        expect(r.progress.incremental.warnings.some((w) => w.includes('holds the restart position back'))).toBe(true);
        const start = startScn(said(/holds the restart position back/)!);
        const committedBefore = target.transactions.length;
        await until(async () => (await step(), target.transactions.length >= committedBefore + 5), 'more commits while it stays open');
        expect(BigInt(target.checkpoint!.incremental!.restartScn)).toBeLessThanOrEqual(start);
      }
      abandoned.commit();
      // Everything up to the abandoned transaction's commit has been through the stream.
      const committedAt = await src.gateway().currentScn();
      await until(async () => (await step(), BigInt(target.checkpoint?.incremental?.lastCommitScn ?? '0') >= committedAt), 'the stream to pass its commit');
      const region99 = target.committed.map((c) => decodeTestRecord(c.value)).filter((x) => x.table === 'REGIONS' && x.op === 'INSERT' && String(x.after![0]) === '99');
      await r.stop();
      expect(region99).toHaveLength(auto ? 0 : 1);
      if (!auto) expect(r.progress.incremental.warnings.some((w) => w.includes('holds the restart position back'))).toBe(false);
    });
  }
});
