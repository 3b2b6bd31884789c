import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { KafkaError } from '../model/errors';
import { taskConfigSchema, type TaskConfigInput } from '../model/task-config';
import { createSimDatabase, installSampleSchema, ManualClock, SimGateway, type SimDatabase } from '../oracle/sim';
import { MemoryTarget } from '../../test/support/engine/memory-target';
import type { PendingRecord, TaskCheckpoint } from '../model/pending-record';
import { decodeTestRecord, jsonTestFormat } from '../../test/support/engine/json-test-format';
import { memoryOpenTarget, replicaOf } from '../../test/support/engine/source-state';
import { MemoryReporter } from './task-reporter';
import { TaskRunner } from './task-runner';

/**
 * Incremental migration details: a big Oracle transaction written over several Kafka
 * transactions and resumed from a mid-transaction checkpoint; DDL during incremental migration
 * (ALTER TABLE changes the columns of later events, CREATE TABLE in a whole-schema selection) with
 * name mapping; schema migration of a whole schema (views, functions, procedures, triggers).
 */
const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));
const runners: TaskRunner[] = [];
afterEach(async () => {
  for (const r of runners.splice(0)) await r.release().catch(() => undefined);
});

function sim(): { db: SimDatabase; gateway: () => SimGateway } {
  const db = createSimDatabase({ clock: new ManualClock(), idleScnPerSecond: 0, supplementalLogging: { pk: true, ui: true, all: true } });
  installSampleSchema(db, { employees: 300 });
  return { db, gateway: () => new SimGateway(db, { host: 'i.sim', port: 1521, kind: 'sid', database: 'SIMDB', user: 'DTS_SYNC', password: 'dts_sync' }) };
}

function start(s: ReturnType<typeof sim>, target: MemoryTarget, over: Partial<TaskConfigInput>, tuning: Record<string, number> = {}) {
  const config = taskConfigSchema.parse({
    name: 'inc',
    source: { host: 'i.sim', database: 'SIMDB', user: 'DTS_SYNC', password: 'dts_sync' },
    destination: { brokers: 'k:9092', topic: 'data', ddlTopic: 'ddl' },
    ...over,
  });
  const reporter = new MemoryReporter();
  const r = new TaskRunner({
    taskId: 'inc-task',
    config,
    openGateway: async () => s.gateway(),
    openTarget: memoryOpenTarget(target),
    format: async () => jsonTestFormat,
    reporter,
    tuning: { spillDir: mkdtempSync(path.join(tmpdir(), 'o2k-spill-')), pollIntervalMs: 10, idleCheckpointMs: 30, lingerMs: 1, ...tuning },
    retry: { baseDelayMs: 10, maxDelayMs: 20 },
  });
  runners.push(r);
  r.start();
  return { r, reporter };
}

async function until(cond: () => boolean, what: string): Promise<void> {
  const end = Date.now() + 15_000;
  while (!cond()) {
    if (Date.now() > end) throw new Error(`timed out waiting for ${what}`);
    await sleep(10);
  }
}

/** Fails once, on the second commit that ends inside an Oracle transaction. */
class FailMidTransaction extends MemoryTarget {
  partialCommits = 0;
  failedAt: TaskCheckpoint | null = null;
  override async commit(records: readonly PendingRecord[], checkpoint: TaskCheckpoint): Promise<void> {
    if (checkpoint.incremental?.partial && ++this.partialCommits === 2 && !this.failedAt) {
      this.failedAt = checkpoint;
      throw new KafkaError('KAFKA_UNREACHABLE', 'broker gone mid-transaction', { retriable: true });
    }
    return super.commit(records, checkpoint);
  }
}

describe('incremental migration', () => {
  it('a big transaction spans several Kafka transactions and resumes mid-transaction without loss or duplicates', async () => {
    const s = sim();
    const target = new FailMidTransaction();
    const { r } = start(s, target, { migrationTypes: { schema: false, full: false, incremental: true }, objects: { schemas: [{ name: 'HR', tables: [{ name: 'EMPLOYEES' }] }] } }, { eventsPerAppend: 10, maxRecordsPerTx: 25 });
    await until(() => r.lastCheckpoint?.incremental != null, 'incremental migration');
    const session = s.db.session('HR');
    for (let i = 0; i < 200; i++) session.update('HR', 'EMPLOYEES', { EMPLOYEE_ID: 100 + i }, { SALARY: 5000 + i });
    const xid = session.transaction!.xid;
    session.commit();
    await until(() => target.committed.filter((c) => decodeTestRecord(c.value).txId === xid).length >= 200 && r.lastCheckpoint?.incremental?.partial === null, 'the whole transaction');
    await r.stop();
    expect(target.failedAt?.incremental?.partial).toMatchObject({ xid });
    const mine = target.committed.map((c) => decodeTestRecord(c.value)).filter((x) => x.txId === xid);
    expect(mine.map((x) => x.seq)).toEqual(Array.from({ length: 200 }, (_, i) => i + 1));
    // Incremental only: no snapshot rows, so only duplicates and record ids are checked here.
    expect(replicaOf(target).problems.filter((p) => !p.startsWith('UPDATE of missing key'))).toEqual([]);
    // Commits inside the transaction carried partial positions that only moved forward.
    const partialSeqs = target.transactions.map((t) => t.checkpoint.incremental?.partial?.seq).filter((x): x is number => x !== undefined);
    expect(partialSeqs.length).toBeGreaterThan(2);
    expect([...partialSeqs].sort((a, b) => a - b)).toEqual(partialSeqs);
  });

  it('migrates DDL with name mapping; later events use the new columns; new tables of a whole schema follow', async () => {
    const s = sim();
    const target = new MemoryTarget();
    const { r } = start(s, target, { objects: { schemas: [{ name: 'HR', mappedName: 'HR2', all: true }] } });
    await until(() => r.currentPhase === 'incremental' && r.lastCheckpoint?.phase === 'incremental', 'incremental migration');
    const session = s.db.session('HR');
    session.ddl('ALTER TABLE HR.REGIONS ADD (REGION_CODE VARCHAR2(5))');
    session.insert('HR', 'REGIONS', { REGION_ID: 9, REGION_NAME: 'Antarctica', REGION_CODE: 'AQ' });
    session.commit();
    session.ddl('CREATE TABLE HR.NEWT (ID NUMBER PRIMARY KEY, V VARCHAR2(10))');
    session.insert('HR', 'NEWT', { ID: 1, V: 'one' });
    session.commit();
    await until(() => replicaOf(target).tables.get('HR2.NEWT')?.size === 1, 'the row of the new table');
    await r.stop();
    const records = target.committed.map((c) => ({ topic: c.topic, ...decodeTestRecord(c.value) }));
    const ddl = records.filter((x) => x.op === 'DDL');
    expect(ddl.every((x) => x.topic === 'ddl' && x.owner === 'HR2')).toBe(true);
    // Schema migration: tables, indexes, views, functions, procedures and the trigger, in that order.
    const kinds = ddl.filter((x) => !/ALTER TABLE|CREATE TABLE HR2?\.NEWT/i.test(x.ddl!)).map((x) => x.ddl!.match(/\b(TABLE|INDEX|VIEW|FUNCTION|PROCEDURE|TRIGGER)\b/)![1]);
    expect(kinds.indexOf('TRIGGER')).toBeGreaterThan(kinds.lastIndexOf('TABLE'));
    expect(new Set(kinds)).toEqual(new Set(['TABLE', 'INDEX', 'VIEW', 'FUNCTION', 'PROCEDURE', 'TRIGGER']));
    expect(ddl.map((x) => x.ddl).join('\n')).toMatch(/ALTER TABLE HR2\.REGIONS ADD \(REGION_CODE VARCHAR2\(5\)\)/);
    const antarctica = records.find((x) => x.table === 'REGIONS' && x.op === 'INSERT')!;
    expect(antarctica.cols).toEqual(['REGION_ID', 'REGION_NAME', 'REGION_CODE']);
    expect(antarctica.after).toEqual(['9', 'Antarctica', 'AQ']);
    expect(replicaOf(target).problems).toEqual([]);
  });
});
