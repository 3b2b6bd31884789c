import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import type { ChangeEvent } from '../../server/model/change-event';
import { taskConfigSchema, type TaskConfig, type TaskConfigInput } from '../../server/model/task-config';
import type { VerificationReport } from '../../server/model/verification';
import { Workload } from '../../server/oracle/sim';
import { createFormat } from '../../server/formats';
import { createKafka } from '../../server/kafka/client';
import { TaskRunner } from '../../server/engine/task-runner';
import { openKafkaTarget } from '../../server/kafka/open-target';
import { verifyTaskNow } from '../../server/services/verify-task-now';
import { browseRecords } from '../../server/services/topic-browser';
import { recordBrowseSchema } from '../../server/model/record-browse';
import { provableScns } from '../../server/verify/verification-scn';
import { createTopic, plaintextDestination, uniqueTopic, withAdmin } from './kafka-env';
import { simSource, sleep, until, type SimSource } from './engine-support/engine-harness';

/**
 * Verification against the real broker: a task runs (full load, then incremental) from the
 * simulator into a topic; verification compares the source AS OF the checkpoint's SCN with the
 * topic's replay. A clean task verifies with no difference; a record written for one key by a
 * separate producer, and a source row changed without redo (the task cannot see it), are each
 * reported as exactly that key; a topic whose head was deleted is unprovable, not different.
 */
interface Task {
  src: SimSource;
  config: TaskConfig;
  taskId: string;
  checkpointTopic: string;
  runner: TaskRunner;
}

const running: TaskRunner[] = [];
afterAll(async () => {
  for (const r of running) await r.stop().catch(() => undefined);
});

async function startTask(over: Partial<TaskConfigInput>): Promise<Task> {
  const src = simSource({ employees: 300 });
  const topic = uniqueTopic('verify');
  await createTopic(topic, 3);
  const taskId = uniqueTopic('verify-task');
  const checkpointTopic = uniqueTopic('verify-ck');
  const config = taskConfigSchema.parse({
    name: taskId,
    source: { host: 'it.sim', database: 'SIMDB', user: 'DTS_SYNC', password: 'dts_sync' },
    destination: { brokers: plaintextDestination(topic).brokers, topic },
    migrationTypes: { schema: false, full: true, incremental: true },
    partitionPolicy: 'hash-pk',
    objects: { schemas: [{ name: 'HR', tables: [{ name: 'EMPLOYEES' }, { name: 'REGIONS' }] }] },
    ...over,
  });
  const runner = new TaskRunner({
    taskId,
    config,
    openGateway: async () => src.gateway(),
    openTarget: openKafkaTarget(config, taskId, checkpointTopic),
    tuning: { spillDir: mkdtempSync(path.join(tmpdir(), 'o2k-it-verify-')), pollIntervalMs: 20, idleCheckpointMs: 100, lingerMs: 20 },
    retry: { baseDelayMs: 100, maxDelayMs: 1000 },
  });
  running.push(runner);
  runner.start();
  return { src, config, taskId, checkpointTopic, runner };
}

/** Source traffic, then waits until the task committed a position past all of it. */
async function changeAndCatchUp(t: Task, seed: number, tables = ['HR.EMPLOYEES', 'HR.REGIONS']): Promise<void> {
  const work = new Workload(t.src.db, { seed, tables, longTxRate: 0, rollbackRate: 0.1, savepointRate: 0.1 });
  for (let i = 0; i < 10; i++) {
    work.runTransactions(10);
    t.src.clock.advance(200);
    await sleep(10);
  }
  await caughtUp(t);
}

async function caughtUp(t: Task): Promise<void> {
  const scn = await t.src.gateway().currentScn();
  await until(() => {
    const inc = t.runner.lastCheckpoint?.incremental;
    return inc !== undefined && inc !== null && BigInt(inc.restartScn) > scn;
  }, 'incremental migration to catch up');
}

function verify(t: Task): Promise<VerificationReport> {
  return verifyTaskNow({ taskId: t.taskId, config: t.config, checkpointTopic: t.checkpointTopic, openGateway: async () => t.src.gateway() });
}

function differences(r: VerificationReport) {
  return r.tables.flatMap((tb) => [
    ...tb.missing.map((d) => ({ table: tb.table, kind: 'missing', key: d.key, columns: d.columns })),
    ...tb.extra.map((d) => ({ table: tb.table, kind: 'extra', key: d.key, columns: d.columns })),
    ...tb.different.map((d) => ({ table: tb.table, kind: 'different', key: d.key, columns: d.columns })),
  ]);
}

function salaryOf(t: Task, id: number): string {
  const row = t.src.db.session('HR').get('HR', 'EMPLOYEES', { EMPLOYEE_ID: id })!;
  return String(row[7]);
}

/** An employee the workload left in place. */
function existingEmployee(t: Task): number {
  const s = t.src.db.session('HR');
  for (let id = 150; id < 450; id++) if (s.get('HR', 'EMPLOYEES', { EMPLOYEE_ID: id }) !== null) return id;
  throw new Error('no employee left between 150 and 450');
}

describe('verification against the real broker', () => {
  it('a clean task verifies with zero differences; a record written by another producer is exactly that key', async () => {
    const t = await startTask({ dataFormat: 'dts-avro' });
    await changeAndCatchUp(t, 3);
    const startedAt = Date.now() - 60_000;
    const clean = await verify(t);
    expect(differences(clean)).toEqual([]);
    expect(clean.outcome).toBe('passed');
    const emp = clean.tables.find((x) => x.table === 'HR.EMPLOYEES')!;
    expect(emp.status).toBe('verified');
    expect(emp.compared).toBeGreaterThan(250);
    expect(emp.compared).toBe(emp.sourceRows);
    expect(emp.kafkaRows).toBe(emp.sourceRows);
    expect(clean.tables.find((x) => x.table === 'HR.REGIONS')!.compared).toBeGreaterThan(0);
    expect(clean.recordsApplied).toBeGreaterThan(emp.sourceRows);

    // Fault 1: another producer writes a different value for one key, inside the verified SCN range.
    await t.runner.stop();
    const id = existingEmployee(t);
    const g = t.src.gateway();
    const meta = await g.describeTable('HR', 'EMPLOYEES');
    const row = t.src.db.session('HR').get('HR', 'EMPLOYEES', { EMPLOYEE_ID: id });
    expect(row).not.toBeNull();
    const forged = [...row!];
    forged[7] = '99999.99';
    const scn = provableScns(t.config, t.runner.lastCheckpoint, t.taskId).highest;
    const event: ChangeEvent = { op: 'UPDATE', owner: 'HR', table: 'EMPLOYEES', columns: meta.columns, primaryKey: meta.primaryKey, uniqueKeys: meta.uniqueKeys, before: row!, after: forged, scn, commitScn: scn, txId: 'FFFF00000000FFFF', seqInTx: 1, txSize: 1, commitTimeMs: Date.now() };
    const msg = createFormat({ name: 'dts-avro', sourceVersion: '19.0.0.0.0' }).encode(event, { recordId: 1 });
    const producer = createKafka(t.config.destination).producer();
    await producer.connect();
    await producer.send({ topic: t.config.destination.topic, messages: [{ key: msg.key, value: msg.value, partition: 0 }] });
    await producer.disconnect();

    const faulty = await verify(t);
    expect(faulty.scn).toBe(String(scn));
    expect(differences(faulty)).toEqual([{ table: 'HR.EMPLOYEES', kind: 'different', key: String(id), columns: ['SALARY'] }]);
    const d = faulty.tables.find((x) => x.table === 'HR.EMPLOYEES')!.different[0]!;
    expect(d.kafka!.SALARY).toBe('99999.99');
    expect(d.source!.SALARY).toBe(salaryOf(t, id));
    expect(faulty.outcome).toBe('differences');

    // Incremental verification samples the keys changed lately (the forged record is one of them)
    // and reads only those rows from the source.
    const recent = await verifyTaskNow({ taskId: t.taskId, config: t.config, checkpointTopic: t.checkpointTopic, openGateway: async () => t.src.gateway(), recent: { sinceMs: startedAt } });
    expect(recent.notes[0]).toMatch(/^Incremental verification: keys changed since/);
    expect(differences(recent)).toEqual([{ table: 'HR.EMPLOYEES', kind: 'different', key: String(id), columns: ['SALARY'] }]);
    const sampled = recent.tables.find((x) => x.table === 'HR.EMPLOYEES')!;
    expect(sampled.compared + sampled.missingCount + sampled.extraCount).toBeGreaterThan(1);
    expect(sampled.sourceRows).toBeLessThan(emp.sourceRows);

    // Retention deleted the head of a partition: the tables are unprovable, never "missing".
    await withAdmin(async (a) => {
      await a.fetchTopicMetadata({ topics: [t.config.destination.topic] }); // deleteTopicRecords needs the leaders
      await a.deleteTopicRecords({ topic: t.config.destination.topic, partitions: [{ partition: 1, offset: '1' }] });
    });
    const truncated = await verify(t);
    expect(truncated.outcome).toBe('unprovable');
    expect(differences(truncated)).toEqual([]);
    expect(truncated.tables.every((x) => x.status === 'unprovable' && /partition 1 starts at offset 1/.test(x.reason ?? ''))).toBe(true);
  });

  it('a source row changed where the task cannot see it (no redo) is exactly that key (SharePlex JSON)', async () => {
    const t = await startTask({ dataFormat: 'shareplex-json' });
    await changeAndCatchUp(t, 5);
    expect(differences(await verify(t))).toEqual([]);

    // Fault 2: the row changes in the source, but its DML writes no redo for LogMiner to mine.
    const id = existingEmployee(t);
    t.src.db.faults.unloggedDml = true;
    const s = t.src.db.session('HR');
    expect(s.update('HR', 'EMPLOYEES', { EMPLOYEE_ID: id }, { SALARY: 12345.67 })).toBe(true);
    s.commit();
    t.src.db.faults.unloggedDml = false;
    // More changes the task does see (of another table, so none rewrites the row), so the verified SCN passes the hidden one.
    await changeAndCatchUp(t, 6, ['HR.REGIONS']);
    await t.runner.stop();

    const r = await verify(t);
    expect(differences(r)).toEqual([{ table: 'HR.EMPLOYEES', kind: 'different', key: String(id), columns: ['SALARY'] }]);
    const d = r.tables.find((x) => x.table === 'HR.EMPLOYEES')!.different[0]!;
    expect(d.source!.SALARY).toBe('12345.67');
    expect(d.kafka!.SALARY).not.toBe('12345.67');
  });
});

describe('topic browser against the real broker', () => {
  it('reads a running task\'s records read_committed and filters them by table, operation, key, XID, offset, time and SCN', async () => {
    const t = await startTask({ dataFormat: 'dts-avro' });
    await changeAndCatchUp(t, 9);
    const id = existingEmployee(t);
    const s = t.src.db.session('HR');
    const beforeUpdate = Date.now();
    expect(s.update('HR', 'EMPLOYEES', { EMPLOYEE_ID: id }, { SALARY: 4321.5 })).toBe(true);
    s.commit();
    await caughtUp(t);
    const browse = (q: object) => browseRecords(t.config, recordBrowseSchema.parse({ taskId: t.taskId, limit: 500, ...q }));

    const byKey = await browse({ table: 'HR.EMPLOYEES', key: String(id) });
    expect(byKey.records.length).toBeGreaterThanOrEqual(2); // the full-load row and the update at least
    expect(byKey.records.every((r) => r.key === String(id) && r.table === 'HR.EMPLOYEES')).toBe(true);
    expect(byKey.records[0]!.op).toBe('INIT');
    const update = byKey.records.filter((r) => r.op === 'UPDATE').at(-1)!;
    expect(update.after!.SALARY).toBe('4321.5');
    expect(update.changed).toContain('SALARY');
    expect(update.before!.SALARY).not.toBe('4321.5');

    const byXid = await browse({ xid: update.txId });
    expect(byXid.records.length).toBeGreaterThanOrEqual(1);
    expect(byXid.records.every((r) => r.txId === update.txId)).toBe(true);

    const fromScn = await browse({ from: 'scn', scn: update.commitScn, op: 'UPDATE' });
    expect(fromScn.records.map((r) => `${r.partition}:${r.offset}`)).toContain(`${update.partition}:${update.offset}`);
    expect(fromScn.records.every((r) => BigInt(r.commitScn!) >= BigInt(update.commitScn!))).toBe(true);

    const fromOffset = await browse({ from: 'offset', offset: update.offset });
    expect(fromOffset.records.every((r) => BigInt(r.offset) >= BigInt(update.offset))).toBe(true);
    expect(fromOffset.records.some((r) => r.partition === update.partition && r.offset === update.offset)).toBe(true);

    const fromTime = await browse({ from: 'time', time: new Date(beforeUpdate).toISOString(), table: 'EMPLOYEES', op: 'UPDATE' });
    expect(fromTime.records.some((r) => r.partition === update.partition && r.offset === update.offset)).toBe(true);
    expect(fromTime.records.every((r) => r.timestampMs >= beforeUpdate - 1000)).toBe(true);

    const limited = await browse({ limit: 3 });
    expect(limited.records).toHaveLength(3);
    expect(limited.more).toBe(true);
  });
});
