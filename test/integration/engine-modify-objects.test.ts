import { afterEach, describe, expect, it } from 'vitest';
import { Workload } from '../../server/oracle/sim';
import { createTopic, plaintextDestination, uniqueTopic } from './kafka-env';
import { childStory, diffWithSource, killAllChildren, killHard, replicaFromTopic, simSource, sleep, startEngineChild, stopGracefully, until, type EngineChild } from './engine-support/engine-harness';

/**
 * Changing a running task against the real broker (issue 18): a table added to a streaming task is
 * read in chunks while changes keep coming (transactions open across every chunk), the engine is
 * killed -9 in the middle of that read and restarted; then one table is removed and another re-read
 * while its rows change. The topic read with read_committed must equal the source for every kept
 * table (each row once, then its changes), and hold nothing of the removed table after the change.
 */
const KEPT = ['REGIONS', 'LOCATIONS'];

afterEach(() => killAllChildren());

type Incremental = { lastCommitScn: string | null; restartScn: string; snapshots?: { request: string; rows: number; done: boolean }[]; snapshotsDone?: string[] };

describe('Modify Objects and Re-read on a running task (real broker)', () => {
  it('adds a table mid-stream (killed -9 mid-read), removes one, re-reads one: the topic equals the source', { timeout: 240_000 }, async () => {
    const src = simSource({ employees: 6000 });
    const topic = uniqueTopic('modify');
    await createTopic(topic, 3);
    const d = plaintextDestination(topic);
    const taskId = uniqueTopic('modify-task');
    const spec = (tables: string[], snapshots: { id: string; mode: 'add' | 'reread'; tables: string[] }[]) => ({
      taskId,
      checkpointTopic: `${taskId}-ck`,
      tuning: { eventsPerAppend: 40, lingerMs: 20 },
      config: {
        name: 'modify',
        source: { host: 'it.sim', database: 'SIMDB', user: 'DTS_SYNC', password: 'dts_sync' },
        destination: { brokers: d.brokers, topic },
        migrationTypes: { schema: false, full: true, incremental: true },
        partitionPolicy: 'hash-pk',
        objects: { schemas: [{ name: 'HR', tables: tables.map((name) => ({ name })) }] },
        advanced: { chunkSize: 500 },
        snapshots,
      },
    });
    const work = new Workload(src.db, { seed: 33, tables: ['HR.EMPLOYEES', 'HR.REGIONS', 'HR.LOCATIONS', 'HR.COUNTRIES'], longTxRate: 0.2, longTxMs: 1500, rollbackRate: 0.05, opsPerTx: [1, 6] });
    let traffic = true;
    const driver = (async () => {
      while (traffic) {
        work.runTransactions(6);
        src.clock.advance(300);
        await sleep(30);
      }
    })();
    const incremental = (c: EngineChild) => {
      const m = c.last('committed');
      return m?.phase === 'incremental' ? (m.incremental as Incremental) : undefined;
    };
    const explain = (c: EngineChild) => (e: Error) => {
      throw new Error(`${e.message}\n${childStory(c)}\nlast commit: ${JSON.stringify(c.last('committed'))?.slice(0, 600)}`);
    };

    // 1. The task streams REGIONS, LOCATIONS and COUNTRIES.
    const first = startEngineChild(src, spec([...KEPT, 'COUNTRIES'], []));
    await until(() => incremental(first) !== undefined, 'the task to stream', 90_000).catch(explain(first));
    await stopGracefully(first);

    // 2. HR.EMPLOYEES added: read while the stream runs; killed -9 after a few chunks.
    const added = spec([...KEPT, 'COUNTRIES', 'EMPLOYEES'], [{ id: 'add-1', mode: 'add', tables: ['HR.EMPLOYEES'] }]);
    const second = startEngineChild(src, added);
    await until(() => (incremental(second)?.snapshots?.[0]?.rows ?? 0) >= 1500, 'a few chunks of HR.EMPLOYEES', 90_000).catch(explain(second));
    expect(incremental(second)!.snapshots![0]!.done).toBe(false);
    await killHard(second);

    // 3. Restarted, the read resumes at the last committed chunk and completes.
    const third = startEngineChild(src, added);
    await until(() => (incremental(third)?.snapshotsDone ?? []).includes('add-1'), 'the added table to be read', 90_000).catch(explain(third));
    await stopGracefully(third);
    const countriesBefore = (await replicaFromTopic(d, topic)).records.filter((r) => r.table === 'COUNTRIES').length;
    expect(countriesBefore).toBeGreaterThan(0);

    // 4. COUNTRIES removed, EMPLOYEES re-read while its rows change.
    const fourth = startEngineChild(src, spec([...KEPT, 'EMPLOYEES'], [{ id: 'add-1', mode: 'add', tables: ['HR.EMPLOYEES'] }, { id: 'again-1', mode: 'reread', tables: ['HR.EMPLOYEES'] }]));
    await until(() => (incremental(fourth)?.snapshotsDone ?? []).includes('again-1'), 'the re-read', 90_000).catch(explain(fourth));
    traffic = false;
    await driver;
    work.drain();
    const end = await src.gateway().currentScn();
    await until(() => BigInt(incremental(fourth)?.restartScn ?? '0') >= end, 'the task to catch up', 90_000).catch(explain(fourth));
    await stopGracefully(fourth);

    const { replica, records } = await replicaFromTopic(d, topic, { reinit: true });
    expect(replica.problems).toEqual([]);
    for (const t of [...KEPT, 'EMPLOYEES']) expect(await diffWithSource(src, replica, 'HR', t), t).toEqual([]);
    // HR.EMPLOYEES: every row read twice (added, then re-read), and its changes in between and after.
    const employeeInits = records.filter((r) => r.table === 'EMPLOYEES' && r.op === 'INIT');
    expect(employeeInits.length).toBeGreaterThanOrEqual(2 * 5000);
    expect(records.some((r) => r.table === 'EMPLOYEES' && r.op !== 'INIT')).toBe(true);
    // Nothing of HR.COUNTRIES after the change applied (the workload kept changing it).
    expect(records.filter((r) => r.table === 'COUNTRIES').length).toBe(countriesBefore);
  });
});
