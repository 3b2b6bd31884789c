import { afterEach, describe, expect, it } from 'vitest';
import { Workload } from '../../server/oracle/sim';
import { createTopic, plaintextDestination, uniqueTopic } from './kafka-env';
import { childStory, diffWithSource, killAllChildren, killHard, replicaFromTopic, simSource, sleep, startEngineChild, stopGracefully, until, type EngineChild } from './engine-support/engine-harness';

/**
 * kill -9 of the engine process mid-full-load and mid-incremental, against the real broker: the
 * simulated database lives in this process (as a real one would survive), the engine runs in a
 * child process, Kafka transactions carry its checkpoints. After two hard kills and a restart,
 * the topic read with read_committed must equal the source: every change once, per-key order.
 */
// Not JOB_HISTORY: the sample schema's END_DATE can be an impossible date (Feb 29 of a non-leap year), which
// correctly fails the task when a change to such a row is mined (reported to the simulator's owner).
const TABLES = ['EMPLOYEES', 'LOCATIONS', 'REGIONS', 'COUNTRIES'];

afterEach(() => killAllChildren());

describe('engine kill -9 (real broker)', () => {
  it('restarts from the Kafka-committed checkpoint with no loss and no duplicates', { timeout: 180_000 }, async () => {
    const src = simSource({ employees: 12_000 });
    const topic = uniqueTopic('eng-crash');
    const ddlTopic = uniqueTopic('eng-crash-ddl');
    await createTopic(topic, 3);
    await createTopic(ddlTopic, 1);
    const d = plaintextDestination(topic);
    const taskId = uniqueTopic('crash-task');
    const config = {
      name: 'crash',
      source: { host: 'it.sim', database: 'SIMDB', user: 'DTS_SYNC', password: 'dts_sync' },
      destination: { brokers: d.brokers, topic, ddlTopic },
      partitionPolicy: 'hash-pk',
      objects: { schemas: [{ name: 'HR', tables: TABLES.map((name) => ({ name })) }] },
      advanced: { chunkSize: 500, fullParallelism: 2, fullThrottle: { enabled: true, rps: 6000, mbps: 100, sourceQps: 1000 } },
    };
    const spec = { taskId, config, checkpointTopic: uniqueTopic('eng-crash-ck'), tuning: { eventsPerAppend: 40, lingerMs: 20 } };

    // Transactions open at the snapshot, and traffic all along.
    const work = new Workload(src.db, { seed: 21, tables: TABLES.map((t) => `HR.${t}`), longTxRate: 0.2, longTxMs: 2000, rollbackRate: 0.05, savepointRate: 0.1, opsPerTx: [1, 8] });
    work.runTransactions(40);
    let traffic = true;
    const driver = (async () => {
      while (traffic) {
        work.runTransactions(8);
        src.clock.advance(300);
        await sleep(40);
      }
    })();

    const committedIn = (c: EngineChild, phase: string) => {
      const m = c.last('committed');
      return m?.phase === phase ? m : undefined;
    };

    // 1. Kill during the full load.
    const first = startEngineChild(src, spec);
    await until(() => {
      const m = committedIn(first, 'full');
      const tables = (m?.full as { tables?: Record<string, { rows: number }> } | undefined)?.tables ?? {};
      return Object.values(tables).reduce((n, t) => n + t.rows, 0) > 3000;
    }, 'the first engine to commit part of the full load');
    await killHard(first);

    // 2. Kill during incremental migration (big transactions span several Kafka transactions).
    const second = startEngineChild(src, spec);
    await until(() => committedIn(second, 'incremental') !== undefined, 'the second engine to reach incremental migration', 90_000).catch((e: Error) => {
      throw new Error(`${e.message}\n${childStory(second)}\nlast commit: ${JSON.stringify(second.last('committed'))?.slice(0, 400)}`);
    });
    // One big transaction; rows the workload's open transactions hold locked (ORA-00054) are skipped.
    const s = src.db.session('HR');
    let updated = 0;
    for (let i = 0; i < 300; i++) {
      try {
        s.update('HR', 'EMPLOYEES', { EMPLOYEE_ID: 100 + i }, { SALARY: 1000 + i });
        updated++;
      } catch (e) {
        if (!(e instanceof Error && e.message.startsWith('ORA-00054'))) throw e;
      }
    }
    s.commit();
    expect(updated).toBeGreaterThan(250);
    await sleep(150);
    await killHard(second);

    // 3. Restart, let it catch up with everything, then stop it.
    const third = startEngineChild(src, spec);
    traffic = false;
    await driver;
    work.drain();
    const caughtUpScn = await src.gateway().currentScn();
    await until(() => {
      const inc = committedIn(third, 'incremental')?.incremental as { restartScn: string } | undefined;
      return inc !== undefined && BigInt(inc.restartScn) >= caughtUpScn;
    }, 'the third engine to catch up', 90_000).catch((e: Error) => {
      throw new Error(`${e.message}\n${childStory(third)}`);
    });
    await stopGracefully(third);

    const { replica, records } = await replicaFromTopic(d, topic);
    expect(replica.problems).toEqual([]);
    for (const t of TABLES) expect(await diffWithSource(src, replica, 'HR', t), t).toEqual([]);
    expect(replica.counts.init).toBeGreaterThan(12_000);
    expect(replica.counts.update).toBeGreaterThan(300);
    // Per key, changes arrive in commit order on one partition.
    const lastByKey = new Map<string, { partition: number; commitScn: bigint; seq: number }>();
    for (const r of records) {
      if (r.op === 'INIT') continue;
      const key = `${r.table}:${JSON.stringify((r.after ?? r.before)![0])}`;
      const prev = lastByKey.get(key);
      const cur = { partition: r.partition, commitScn: BigInt(r.commitScn), seq: r.seq };
      if (prev) {
        expect(cur.partition, key).toBe(prev.partition);
        expect(cur.commitScn > prev.commitScn || (cur.commitScn === prev.commitScn && cur.seq > prev.seq), key).toBe(true);
      }
      lastByKey.set(key, cur);
    }
  });
});
