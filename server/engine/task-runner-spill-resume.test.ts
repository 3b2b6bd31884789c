import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import type { IncrementalPosition } from '../model/checkpoint-positions';
import { taskConfigSchema } from '../model/task-config';
import { createSimDatabase, installSampleSchema, ManualClock, SimGateway, Workload } from '../oracle/sim';
import { MemoryTarget } from '../../test/support/engine/memory-target';
import { jsonTestFormat } from '../../test/support/engine/json-test-format';
import { memoryOpenTarget, replicaMatchesSource, replicaOf } from '../../test/support/engine/source-state';
import { MemoryReporter } from './task-reporter';
import { TaskRunner } from './task-runner';

/**
 * Open transactions across restarts, in-process over the simulator: a workload of short and long
 * transactions (rollbacks, partial rollbacks) with a forgotten session open the whole time; open
 * transactions older than a second spill to disk, so checkpoints name their files and each restart
 * resumes after them instead of at the forgotten session's first row. After five stop/start
 * cycles the replica equals the source: nothing lost or repeated by taking files over.
 */
const TABLES = ['EMPLOYEES', 'REGIONS'];
const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

/** What the runner was doing, for a wait that ran out: its status, phase and last log lines. */
let story = (): string => '';

function tell(label: string, r: TaskRunner, reporter: MemoryReporter): void {
  story = () => `${label}: runner ${r.status} in ${r.currentPhase}; statuses ${reporter.statuses.map((x) => x.status).join(' → ')}\n  ${reporter.logs.slice(-10).map((l) => `${l.level}: ${l.message}`).join('\n  ')}`;
}

async function until(cond: () => boolean | Promise<boolean>, what: string, ms = 20_000): Promise<void> {
  const end = Date.now() + ms;
  while (!(await bounded(cond(), `one check of ${what}`))) {
    if (Date.now() > end) throw new Error(`timed out waiting for ${what}\n${story()}`);
    await sleep(20);
  }
}

/** A step that must end (stop, release, a check): a hang fails with the runner's story instead of the test's timeout. */
async function bounded<T>(p: T | Promise<T>, what: string, ms = 20_000): Promise<T> {
  let timer: NodeJS.Timeout | undefined;
  const late = new Promise<never>((_r, reject) => (timer = setTimeout(() => reject(new Error(`${what} did not end in ${ms} ms\n${story()}`)), ms)));
  try {
    return await Promise.race([p, late]);
  } finally {
    clearTimeout(timer);
  }
}

describe('open transactions taken over from spill files across restarts', () => {
  it('five stop/start cycles resume after the spilled transactions; the replica equals the source', { timeout: 120_000 }, async () => {
    const clock = new ManualClock();
    const db = createSimDatabase({ clock, idleScnPerSecond: 0, logSizeBytes: 60_000, supplementalLogging: { pk: true, ui: true, all: true } });
    installSampleSchema(db, { employees: 300 });
    const gateway = () => new SimGateway(db, { host: 'unit.sim', port: 1521, kind: 'sid', database: 'SIMDB', user: 'DTS_SYNC', password: 'dts_sync' });
    const config = taskConfigSchema.parse({
      name: 'spill-cycles',
      source: { host: 'unit.sim', database: 'SIMDB', user: 'DTS_SYNC', password: 'dts_sync' },
      destination: { brokers: 'k:9092', topic: 'data', ddlTopic: 'ddl' },
      migrationTypes: { schema: false, full: true, incremental: true },
      objects: { schemas: [{ name: 'HR', tables: TABLES.map((name) => ({ name })) }] },
      advanced: { fullParallelism: 2, chunkSize: 100 },
    });
    const target = new MemoryTarget();
    const spillDir = mkdtempSync(path.join(tmpdir(), 'o2k-spill-cycles-'));
    const runner = (reporter: MemoryReporter) =>
      new TaskRunner({
        taskId: 'spill-cycles',
        config,
        openGateway: async () => gateway(),
        openTarget: memoryOpenTarget(target),
        format: async () => jsonTestFormat,
        reporter,
        tuning: { spillDir, pollIntervalMs: 10, lingerMs: 5, idleCheckpointMs: 30, maxRecordsPerTx: 500, maxEventsInMemoryPerTx: 5, spillOpenAfterMs: 1000 },
        retry: { baseDelayMs: 10, maxDelayMs: 50 },
      });
    const work = new Workload(db, { seed: 5, tables: TABLES.map((t) => `HR.${t}`), longTxRate: 0.3, longTxMs: 4000, opsPerTx: [1, 25], rollbackRate: 0.1, savepointRate: 0.2 });
    const checkpoint = () => target.checkpoint?.incremental as IncrementalPosition | undefined;

    // The forgotten session: one change, open until the end (it pins the plain restart SCN).
    const forgotten = db.session('HR');
    let forgottenFirstScn: bigint | null = null;
    for (let cycle = 0; cycle < 5; cycle++) {
      const reporter = new MemoryReporter();
      const r = runner(reporter);
      tell(`cycle ${cycle}`, r, reporter);
      const resumedFrom = checkpoint();
      r.start();
      await until(() => r.currentPhase === 'incremental', 'incremental migration');
      if (forgottenFirstScn === null) {
        forgottenFirstScn = db.currentScn() + 1n;
        forgotten.update('HR', 'REGIONS', { REGION_ID: 4 }, { REGION_NAME: 'Forgotten' });
      }
      for (let i = 0; i < 20; i++) {
        work.runTransactions(6);
        clock.advance(300);
        await sleep(10);
      }
      // Stop only once a checkpoint names the spilled transactions (the forgotten one among them).
      await until(() => {
        const p = checkpoint();
        const after = BigInt(resumedFrom?.lastCommitScn ?? forgottenFirstScn!);
        return p?.spilled !== undefined && BigInt(p.restartScn) <= forgottenFirstScn! && BigInt(p.lastCommitScn ?? '0') > after;
      }, `cycle ${cycle}: a new checkpoint naming spill files`);
      // The dashboard's lag explainer shows the later restart SCN beside the plain one.
      await until(() => r.diagnostics().checkpointSpilledScn !== null, 'the later restart SCN in the diagnostics');
      const shown = r.diagnostics();
      expect(shown.checkpointSpilledScn).not.toBeNull();
      expect(BigInt(shown.checkpointSpilledScn!)).toBeGreaterThan(BigInt(shown.checkpointScn!));
      expect(shown.checkpointSpilledTransactions).toBeGreaterThan(0);
      await bounded(r.stop(), `cycle ${cycle}: stop()`);
      if (resumedFrom?.spilled) {
        const resumed = reporter.logs.find((l) => l.message.startsWith('Resumed mining at SCN'));
        expect(resumed?.message, `cycle ${cycle}`).toBe(`Resumed mining at SCN ${resumedFrom.spilled.restartScn} instead of ${resumedFrom.restartScn}: ${resumedFrom.spilled.transactions.length} open transaction(s) were taken over from their spill files.`);
        expect(BigInt(resumedFrom.spilled.restartScn)).toBeGreaterThan(forgottenFirstScn!);
      } else expect(cycle).toBe(0);
    }
    forgotten.commit();
    work.drain();

    const reporter = new MemoryReporter();
    const r = runner(reporter);
    tell('last run', r, reporter);
    r.start();
    const g = gateway();
    await until(() => replicaMatchesSource(g, target, 'HR', TABLES), 'the replica to match the source', 60_000);
    await bounded(r.release(), 'release()');
    const replica = replicaOf(target);
    expect(replica.problems).toEqual([]);
    expect([...replica.tables.get('HR.REGIONS')!.values()].map((row) => row.REGION_NAME)).toContain('Forgotten');
  });
});
