import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { taskConfigSchema, type TaskConfigInput } from '../model/task-config';
import { createSimDatabase, installSampleSchema, ManualClock, SimGateway, Workload, type SimDatabase } from '../oracle/sim';
import { RunnerRegistry } from './runner-registry';
import { MemoryTarget } from '../../test/support/engine/memory-target';
import { jsonTestFormat } from '../../test/support/engine/json-test-format';
import { ScaledClock } from '../../test/support/engine/scaled-clock';
import { memoryOpenTarget, replicaOf } from '../../test/support/engine/source-state';
import { MemoryReporter } from './task-reporter';
import type { TaskRunnerDeps } from './task-runner';

/**
 * Failure handling of the runner: a dropped Oracle connection inside and beyond the retry window
 * (engine time runs 600× faster, so 10 minutes take one second), DDL during the full load,
 * and several tasks at once.
 */
const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));
const registry = new RunnerRegistry();
afterEach(async () => {
  for (const r of registry.list()) await registry.release(r.taskId).catch(() => undefined);
});

function sim(employees = 300): { db: SimDatabase; clock: ManualClock; gateway: () => SimGateway } {
  const clock = new ManualClock();
  const db = createSimDatabase({ clock, idleScnPerSecond: 0, supplementalLogging: { pk: true, ui: true, all: true } });
  installSampleSchema(db, { employees });
  return { db, clock, gateway: () => new SimGateway(db, { host: 'f.sim', port: 1521, kind: 'sid', database: 'SIMDB', user: 'DTS_SYNC', password: 'dts_sync' }) };
}

function deps(taskId: string, s: ReturnType<typeof sim>, target: MemoryTarget, over: Partial<TaskConfigInput> = {}, reporter = new MemoryReporter()): TaskRunnerDeps {
  return {
    taskId,
    config: taskConfigSchema.parse({
      name: taskId,
      source: { host: 'f.sim', database: 'SIMDB', user: 'DTS_SYNC', password: 'dts_sync' },
      destination: { brokers: 'k:9092', topic: 'data', ddlTopic: 'ddl' },
      migrationTypes: { schema: false, full: true, incremental: true },
      objects: { schemas: [{ name: 'HR', tables: [{ name: 'EMPLOYEES' }, { name: 'REGIONS' }] }] },
      advanced: { connectRetryMinutes: 10, otherRetryMinutes: 5, chunkSize: 100 },
      ...over,
    }),
    openGateway: async () => s.gateway(),
    openTarget: memoryOpenTarget(target),
    format: async () => jsonTestFormat,
    reporter,
    clock: new ScaledClock(600),
    tuning: { spillDir: mkdtempSync(path.join(tmpdir(), 'o2k-spill-')), pollIntervalMs: 2000, lingerMs: 2000, idleCheckpointMs: 10_000 },
    retry: { baseDelayMs: 5000, maxDelayMs: 20_000 },
  };
}

describe('TaskRunner failure handling', () => {
  it('a dropped Oracle connection inside the window: Retrying with reason and time left, then resumes', async () => {
    const s = sim();
    const target = new MemoryTarget();
    const reporter = new MemoryReporter();
    const statuses: string[] = [];
    reporter.status = (r) => void statuses.push(`${r.status}${r.retryTimeLeftMs !== undefined ? ` ${Math.round(r.retryTimeLeftMs / 60_000)}min` : ''}${r.reason ? `: ${r.reason}` : ''}`);
    const runner = registry.start(deps('inside', s, target, {}, reporter));
    await new Promise<void>((resolve) => {
      const t = setInterval(() => runner.currentPhase === 'incremental' && (clearInterval(t), resolve()), 10);
    });
    s.db.faults.dropConnection();
    await sleep(300); // three engine minutes of ORA-03113
    expect(runner.status).toBe('Retrying');
    s.db.faults.restore();
    const work = new Workload(s.db, { seed: 1, tables: ['HR.EMPLOYEES'], longTxRate: 0 });
    work.runTransactions(30);
    const end = Date.now() + 10_000;
    while (runner.status !== 'Migrating' && Date.now() < end) await sleep(20);
    expect(runner.status).toBe('Migrating');
    while (replicaOf(target).counts.update + replicaOf(target).counts.insert === 0 && Date.now() < end) await sleep(20);
    await registry.stop('inside');
    expect(replicaOf(target).problems).toEqual([]);
    expect(statuses[0]).toBe('Migrating');
    expect(statuses).toContainEqual(expect.stringMatching(/^Retrying (9|10)min: ORA-03113/));
    expect(statuses.at(-1)).toMatch(/^Paused/);
    expect(statuses.slice(statuses.findIndex((x) => x.startsWith('Retrying')))).toContain('Migrating');
  });

  it('a connection lost for longer than connectRetryMinutes fails the task', async () => {
    const s = sim(50);
    const target = new MemoryTarget();
    const reporter = new MemoryReporter();
    s.db.faults.dropConnection();
    const runner = registry.start(deps('beyond', s, target, {}, reporter));
    const t0 = Date.now();
    await runner.done;
    expect(runner.status).toBe('Failed');
    expect(Date.now() - t0).toBeGreaterThan(900); // ~10 engine minutes
    expect(reporter.statuses.at(-1)?.reason).toMatch(/Gave up after retrying for 10 minutes \(Retry Time for Failed Connections\): .*ORA-03113/);
    expect(reporter.logs.some((l) => l.level === 'error' && /connectRetryMinutes/.test(l.message))).toBe(true);
  });

  it('runs several tasks at once', async () => {
    const a = sim(120);
    const b = sim(80);
    const ta = new MemoryTarget();
    const tb = new MemoryTarget();
    const full = { migrationTypes: { schema: false, full: true, incremental: false } };
    const ra = registry.start(deps('task-a', a, ta, full));
    const rb = registry.start(deps('task-b', b, tb, full));
    expect(registry.list().map((x) => x.taskId).sort()).toEqual(['task-a', 'task-b']);
    await Promise.all([ra.done, rb.done]);
    expect([ra.status, rb.status]).toEqual(['Finished', 'Finished']);
    expect(replicaOf(ta).tables.get('HR.EMPLOYEES')!.size).toBe(120);
    expect(replicaOf(tb).tables.get('HR.EMPLOYEES')!.size).toBe(80);
    expect(() => registry.start(deps('task-a', a, ta, full))).not.toThrow(); // finished tasks leave the registry
  });

  it('reports DDL on a selected table during the full load', async () => {
    const s = sim(3000);
    const target = new MemoryTarget();
    const reporter = new MemoryReporter();
    const d = deps('ddl', s, target, { migrationTypes: { schema: false, full: true, incremental: false }, advanced: { chunkSize: 100, fullParallelism: 1, fullThrottle: { enabled: true, rps: 3000, mbps: 100, sourceQps: 1000 } } }, reporter);
    const runner = registry.start({ ...d, clock: undefined, tuning: { ...d.tuning, lingerMs: 5 } });
    while (target.committed.length < 200) await sleep(5);
    s.db.session('HR').ddl('ALTER TABLE HR.REGIONS ADD (REGION_CODE VARCHAR2(5))');
    await runner.done;
    // Oracle refuses AS OF reads across the DDL (ORA-01466): the task fails, naming table and change.
    expect(runner.status).toBe('Failed');
    expect(reporter.statuses.at(-1)?.reason).toMatch(/A DDL changed HR\.REGIONS during full migration \(added REGION_CODE\)/);
    expect(runner.progress.full.warnings.join('\n')).toMatch(/DDL on HR\.REGIONS detected during full migration \(added REGION_CODE\)/);
    expect(reporter.logs.some((l) => l.level === 'error' && /DTS forbids DDL/.test(l.message))).toBe(true);
  });
});
