import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { randomBytes } from 'node:crypto';
import { afterAll, describe, expect, it } from 'vitest';
import { HEARTBEAT_TABLE } from '../../server/model/task-monitoring';
import { createKafka } from '../../server/kafka/client';
import { FAST, realtimeSource, storeTask, until } from './operate-support';
import { plaintextDestination } from './kafka-env';

/**
 * An idle selection on a database that purges archived logs after 3 s: with the heartbeat on, the
 * task writes its row every 0.5 s, the row's commits move the checkpoint with the database's SCN,
 * old logs are purged behind it, and a restart from the checkpoint Kafka holds never asks for a
 * purged log. The heartbeat table never reaches Kafka.
 */
process.env.ORA2KAFKA_DATA_DIR = mkdtempSync(path.join(tmpdir(), 'o2k-heartbeat-'));
process.env.ORA2KAFKA_SECRET_KEY = randomBytes(32).toString('hex');
delete process.env.DATABASE_URL;

const { startStoredTask } = await import('../../server/host/console-tasks');
const { runnerRegistry } = await import('../../server/engine/runner-registry');

afterAll(async () => {
  await runnerRegistry().stopAll();
});

describe('heartbeats on an idle selection', () => {
  it('keep the checkpoint moving past logs the database purges; a restart never needs a purged log', { timeout: 120_000 }, async () => {
    const db = realtimeSource('heartbeat-idle', { archiveRetentionHours: 3 / 3600 });
    const { id, topic } = await storeTask({ name: 'heartbeat-idle', sim: 'heartbeat-idle', tables: ['REGIONS'], incrementalOnly: true, monitoring: { heartbeat: { enabled: true, intervalSeconds: 1 } } });
    let runner = await startStoredTask(id, { tuning: FAST });
    const restartScn = () => BigInt(runner.lastCheckpoint?.incremental?.restartScn ?? 0);
    await until(() => runner.currentPhase === 'incremental' && runner.lastCheckpoint?.incremental != null, 'the first incremental checkpoint');
    expect(db.schema('DTS_SYNC').tables.has(HEARTBEAT_TABLE)).toBe(true);

    // The log in use now is switched out; nothing of the selection changes from here on.
    const firstSeq = db.redo.currentSequence();
    db.switchLogfile();
    const firstLog = () => db.redo.archivedLogRows().find((a) => a.sequence === firstSeq)!;
    // Wait until the checkpoint is past that log and the database has purged it (switching logs, as a busy database does).
    await until(() => {
      db.switchLogfile();
      return restartScn() >= firstLog().nextScn && firstLog().deleted;
    }, 'the checkpoint to pass the first log and the log to be purged', 60_000);
    expect(runner.status).toBe('Migrating');
    expect(runner.diagnostics().heartbeat).toMatchObject({ enabled: true, failures: 0 });
    // Committed transactions moved it: the selection had none, so the last one is a heartbeat's.
    expect(runner.lastCheckpoint!.incremental!.lastXid).toMatch(/^[0-9A-F]{16}$/);
    expect(db.session('DTS_SYNC').get('DTS_SYNC', HEARTBEAT_TABLE, { TASK_ID: id })).not.toBeNull();

    // A restart continues from the checkpoint in Kafka: it needs no purged log, and the checkpoint moves on.
    await runnerRegistry().stop(id);
    const resumedFrom = restartScn();
    runner = await startStoredTask(id, { tuning: FAST });
    await until(() => restartScn() > resumedFrom, 'the restarted task to commit a newer checkpoint', 60_000);
    expect(runner.status).toBe('Migrating');
    await runnerRegistry().stop(id);

    // The heartbeat moved the checkpoint, but not one record of its table (nor of the idle selection) went to Kafka.
    const admin = createKafka(plaintextDestination(topic)).admin();
    await admin.connect();
    const offsets = await admin.fetchTopicOffsets(topic);
    await admin.disconnect();
    expect(offsets.map((o) => o.high)).toEqual(['0']);
  });

  it('without the heartbeat, an idle selection still moves the checkpoint with the SCN of changes elsewhere', { timeout: 120_000 }, async () => {
    const db = realtimeSource('idle-no-heartbeat', { archiveRetentionHours: 3 / 3600 });
    const { id, topic } = await storeTask({ name: 'idle-no-heartbeat', sim: 'idle-no-heartbeat', tables: ['REGIONS'], incrementalOnly: true, monitoring: {} });
    const runner = await startStoredTask(id, { tuning: FAST });
    const restartScn = () => BigInt(runner.lastCheckpoint?.incremental?.restartScn ?? 0);
    await until(() => runner.currentPhase === 'incremental' && runner.lastCheckpoint?.incremental != null, 'the first incremental checkpoint');
    const firstSeq = db.redo.currentSequence();
    // Other tables keep changing (committed); the selected one never does.
    const other = db.session('HR');
    let salary = 5000;
    await until(() => {
      other.update('HR', 'EMPLOYEES', { EMPLOYEE_ID: 101 }, { SALARY: salary++ });
      other.commit();
      db.switchLogfile();
      const first = db.redo.archivedLogRows().find((a) => a.sequence === firstSeq)!;
      return restartScn() >= first.nextScn && first.deleted;
    }, 'the idle checkpoint to pass the first log while the database purges it', 60_000);
    expect(runner.status).toBe('Migrating');
    expect(runner.diagnostics().heartbeat).toBeNull();
    await runnerRegistry().stop(id);
    const admin = createKafka(plaintextDestination(topic)).admin();
    await admin.connect();
    const offsets = await admin.fetchTopicOffsets(topic);
    await admin.disconnect();
    expect(offsets.map((o) => o.high)).toEqual(['0']);
  });
});
