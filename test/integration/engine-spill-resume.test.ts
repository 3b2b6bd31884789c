import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import type { IncrementalPosition } from '../../server/model/checkpoint-positions';
import { createTopic, plaintextDestination, uniqueTopic } from './kafka-env';
import { childStory, diffWithSource, killAllChildren, killHard, replicaFromTopic, simSource, startEngineChild, stopGracefully, until, type EngineChild } from './engine-support/engine-harness';

/**
 * A large transaction open across a kill -9: its rows spilled to disk are taken over from the
 * spill file by the restarted engine (same machine), which mines only from after the transaction's
 * start — and the topic still ends equal to the source, every change once.
 */
const TABLES = ['EMPLOYEES', 'REGIONS'];

afterEach(() => killAllChildren());

const incremental = (c: EngineChild) => {
  const m = c.last('committed');
  return m?.phase === 'incremental' ? (m.incremental as IncrementalPosition) : undefined;
};

describe('large open transaction across a kill -9 (real broker)', () => {
  it('is resumed from its spill file, not by mining from its start; no loss, no duplicates', { timeout: 120_000 }, async () => {
    const src = simSource({ employees: 400 });
    const topic = uniqueTopic('spill-resume');
    await createTopic(topic, 3);
    const d = plaintextDestination(topic);
    const spec = {
      taskId: uniqueTopic('spill-task'),
      config: {
        name: 'spill-resume',
        source: { host: 'it.sim', database: 'SIMDB', user: 'DTS_SYNC', password: 'dts_sync' },
        destination: { brokers: d.brokers, topic },
        partitionPolicy: 'hash-pk',
        objects: { schemas: [{ name: 'HR', tables: TABLES.map((name) => ({ name })) }] },
      },
      checkpointTopic: uniqueTopic('spill-ck'),
      tuning: { maxEventsInMemoryPerTx: 50, eventsPerAppend: 40, lingerMs: 20 },
    };
    const spillDir = mkdtempSync(path.join(tmpdir(), 'o2k-it-spill-shared-'));
    const first = startEngineChild(src, spec, { spillDir });
    await until(() => incremental(first) !== undefined, 'the engine to reach incremental migration').catch((e: Error) => {
      throw new Error(`${e.message}\n${childStory(first)}`);
    });

    // A batch job: 200 updates in one transaction, left open.
    const beforeBig = src.db.currentScn(); // read in the same synchronous run as the writes: nothing else moves it
    const big = src.db.session('HR');
    for (let i = 0; i < 200; i++) big.update('HR', 'EMPLOYEES', { EMPLOYEE_ID: 100 + i }, { SALARY: 3000 + i });
    // Small transactions commit after it; their checkpoints may restart after the big one's start.
    const small = src.db.session('HR');
    for (let i = 0; i < 20; i++) {
      small.update('HR', 'EMPLOYEES', { EMPLOYEE_ID: 400 + i }, { SALARY: 9000 + i });
      small.commit();
    }
    const lastSmall = src.db.currentScn(); // the last small transaction's commit SCN
    await until(() => {
      const p = incremental(first);
      return p?.spilled !== undefined && p.lastCommitScn !== null && BigInt(p.lastCommitScn) >= lastSmall;
    }, 'a checkpoint past the small transactions that names the spilled one').catch((e: Error) => {
      throw new Error(`${e.message}\n${JSON.stringify(incremental(first))}\n${childStory(first)}`);
    });
    const cp = incremental(first)!;
    expect(BigInt(cp.restartScn)).toBeLessThanOrEqual(beforeBig + 2n); // without the file: from the big one's start
    expect(BigInt(cp.spilled!.restartScn)).toBeGreaterThan(beforeBig + 200n);
    await killHard(first);

    // The same machine restarts the task; every LogMiner session it opens is recorded.
    const mined: bigint[] = [];
    const recording = () => {
      const g = src.gateway();
      const mine = g.mine.bind(g);
      g.mine = (req) => {
        mined.push(req.fromScn);
        return mine(req);
      };
      return g;
    };
    const second = startEngineChild(src, spec, { spillDir, gateway: recording });
    for (let i = 200; i < 230; i++) big.update('HR', 'EMPLOYEES', { EMPLOYEE_ID: 100 + i }, { SALARY: 3000 + i });
    big.commit();
    small.update('HR', 'REGIONS', { REGION_ID: 1 }, { REGION_NAME: 'After the batch' });
    small.commit();
    const end = await src.gateway().currentScn();
    await until(() => {
      const p = incremental(second);
      return p !== undefined && BigInt(p.restartScn) >= end;
    }, 'the restarted engine to catch up').catch((e: Error) => {
      throw new Error(`${e.message}\n${childStory(second)}`);
    });
    await stopGracefully(second);

    expect(mined.length).toBeGreaterThan(0);
    const from = mined.reduce((a, b) => (a < b ? a : b));
    expect(from).toBeGreaterThan(beforeBig + 200n); // the big transaction's redo was not mined again
    const { replica } = await replicaFromTopic(d, topic);
    expect(replica.problems).toEqual([]);
    for (const t of TABLES) expect(await diffWithSource(src, replica, 'HR', t), t).toEqual([]);
    expect(replica.counts.update).toBe(230 + 20 + 1);
  });
});
