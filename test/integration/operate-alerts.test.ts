import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { randomBytes } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { OracleError } from '../../server/model/errors';
import { FAST, realtimeSource, startWebhookReceiver, storeTask, until, type WebhookReceiver } from './operate-support';

/**
 * Alert rules end to end, through the console's own engine host (startStoredTask: Prisma reporter,
 * live figures, alert monitor) against the run's broker and a real-time simulated source, with
 * notifications going to a real HTTP receiver on loopback that checks every HMAC signature:
 *  - the source stalls → latency fires to the webhook, and resolves after it recovers;
 *  - a task that fails alerts (the first delivery is refused, so the retry and the log are shown);
 *  - short archive retention and a transaction that holds the checkpoint back → the retention
 *    alert comes while the log it names is still there;
 *  - a data verification that finds a difference alerts; the next one that passes resolves it.
 */
process.env.ORA2KAFKA_DATA_DIR = mkdtempSync(path.join(tmpdir(), 'o2k-alerts-'));
process.env.ORA2KAFKA_SECRET_KEY = randomBytes(32).toString('hex');
delete process.env.DATABASE_URL;

const { startStoredTask } = await import('../../server/host/console-tasks');
const { runnerRegistry } = await import('../../server/engine/runner-registry');
const { getDb } = await import('../../server/store/db');
const { startVerification } = await import('../../server/services/verification');

const SECRET = 'whsec-operate-test';
let hook: WebhookReceiver;

beforeAll(async () => {
  hook = await startWebhookReceiver(SECRET, { failFirst: 1 });
});
afterAll(async () => {
  await runnerRegistry().stopAll();
  await hook?.close();
});

const rules = (over: Record<string, unknown>) => ({
  taskFailed: { enabled: false },
  retrying: { enabled: false },
  latency: { enabled: false },
  logRetention: { enabled: false },
  ...over,
});
const ALERTS = { webhook: { attempts: 4, baseDelayMs: 200, timeoutMs: 5000 }, smtp: null };

describe('alert rules to a signed webhook', () => {
  it('a stalled source raises the latency alert, and it resolves after recovery; a failed task alerts', { timeout: 120_000 }, async () => {
    const db = realtimeSource('alerts-stall');
    const { id } = await storeTask({
      name: 'alerts-stall',
      sim: 'alerts-stall',
      tables: ['REGIONS'],
      incrementalOnly: true,
      monitoring: { alerting: { enabled: true, rules: rules({ latency: { enabled: true, seconds: 1, minutes: 0.05 }, taskFailed: { enabled: true } }), webhooks: [{ url: hook.url, secret: SECRET }] } },
    });
    const runner = await startStoredTask(id, { tuning: FAST, alerts: ALERTS });
    await until(() => runner.currentPhase === 'incremental' && (runner.diagnostics().latencyMs ?? Infinity) < 1000, 'incremental migration caught up');

    // Every gateway call of the source hangs 6 s: mining stops, the latency grows past 1 s for 3 s.
    db.faults.stall(6000);
    const fired = await hook.waitFor((r) => r.json.rule === 'latency' && r.json.event === 'fired', 'the latency alert');
    expect(fired.signatureValid).toBe(true);
    expect(fired.headers['x-ora2kafka-event']).toBe('fired');
    expect(fired.json.task).toEqual({ id, name: 'alerts-stall' });
    expect(fired.json.message).toMatch(/^Latency has been above 1 s for 0\.05 min \(now \d+(\.\d+)? s\)\.$/);
    // The receiver refused the first delivery: it was retried, and the delivery log shows both attempts.
    expect(hook.refused).toBe(1);
    const resolved = await hook.waitFor((r) => r.json.rule === 'latency' && r.json.event === 'resolved', 'the latency alert to resolve');
    expect(resolved.signatureValid).toBe(true);
    expect(resolved.json.episodeId).toBe(fired.json.episodeId);
    const deliveries = await (await getDb()).alertDelivery.findMany({ where: { eventId: fired.json.eventId }, orderBy: { attempt: 'asc' } });
    expect(deliveries.map((d) => [d.attempt, d.outcome, d.detail])).toEqual([
      [1, 'failed', 'HTTP 500'],
      [2, 'ok', 'HTTP 204'],
    ]);
    // One notification per episode: the episode fired once.
    expect(hook.received.filter((r) => r.json.rule === 'latency' && r.json.event === 'fired')).toHaveLength(1);

    // A non-retriable error fails the task: the task-failed alert goes out.
    // (Queued three times: the periodic look-ahead at log retention swallows its own errors.)
    for (let i = 0; i < 3; i++) db.faults.failNext(new OracleError('ORA-00600', 'ORA-00600: internal error code, arguments: [kcbz_check]', { retriable: false }));
    await until(() => runner.status === 'Failed', 'the task to fail');
    const failed = await hook.waitFor((r) => r.json.rule === 'taskFailed' && r.json.event === 'fired', 'the task-failed alert');
    expect(failed.signatureValid).toBe(true);
    expect(failed.json.message).toContain('ORA-00600');
    const events = await (await getDb()).alertEvent.findMany({ where: { taskId: id }, orderBy: { id: 'asc' } });
    const kinds = events.map((e) => `${e.rule}:${e.kind}`);
    expect(kinds.slice(0, 2)).toEqual(['latency:fired', 'latency:resolved']);
    expect(kinds.filter((k) => k === 'taskFailed:fired')).toHaveLength(1);
  });

  it('short archive retention with the checkpoint held back raises the retention alert before the log is purged', { timeout: 120_000 }, async () => {
    // Archived logs are kept 6 s; the rule warns when a needed one goes within 4 s.
    const db = realtimeSource('alerts-retention', { archiveRetentionHours: 6 / 3600 });
    const { id } = await storeTask({
      name: 'alerts-retention',
      sim: 'alerts-retention',
      tables: ['EMPLOYEES'],
      incrementalOnly: true,
      monitoring: { alerting: { enabled: true, rules: rules({ logRetention: { enabled: true, hours: 4 / 3600 } }), webhooks: [{ url: hook.url, secret: SECRET }] } },
    });
    const runner = await startStoredTask(id, { tuning: FAST, alerts: ALERTS });
    await until(() => runner.currentPhase === 'incremental' && runner.status === 'Migrating', 'incremental migration');
    // A transaction left open on the selected table: the restart position cannot pass its first change.
    const open = db.session('HR');
    open.update('HR', 'EMPLOYEES', { EMPLOYEE_ID: 101 }, { SALARY: 1 });
    await until(() => runner.diagnostics().activeTransactions === 1, 'the engine to buffer the open transaction');
    const neededSeq = db.redo.currentSequence();
    db.switchLogfile(); // the log holding its first change is archived now; the 6 s start
    const fired = hook.waitFor((r) => r.json.rule === 'logRetention' && r.json.event === 'fired' && r.json.task.id === id, 'the retention alert', 30_000);
    let alert: Awaited<typeof fired> | null = null;
    void fired.then((a) => (alert = a));
    // Time passes with log switches (retention is enforced at each); the alert must come first.
    await until(() => {
      if (alert) return true;
      db.switchLogfile();
      const gone = db.redo.archivedLogRows().some((a) => a.sequence === neededSeq && a.deleted);
      if (gone) throw new Error(`archived log ${neededSeq} was purged before the retention alert`);
      return false;
    }, 'the retention alert', 30_000);
    const a = alert!;
    expect(a.signatureValid).toBe(true);
    expect(a.json.message).toContain(`sequence ${neededSeq}`);
    expect(db.redo.archivedLogRows().find((r) => r.sequence === neededSeq)!.deleted).toBe(false);
    open.rollback();
    await runnerRegistry().stop(id);
  });

  it('a verification that finds a difference alerts, and the next one that passes resolves it', { timeout: 120_000 }, async () => {
    const db = realtimeSource('alerts-verify');
    const { id } = await storeTask({
      name: 'alerts-verify',
      sim: 'alerts-verify',
      tables: ['REGIONS'],
      monitoring: { alerting: { enabled: true, rules: rules({ verification: { enabled: true } }), webhooks: [{ url: hook.url, secret: SECRET }] } },
    });
    const runner = await startStoredTask(id, { tuning: FAST, alerts: ALERTS });
    const s = db.session('HR');
    /** A change the task sees, then waits until the checkpoint passes it (so a verification covers both). */
    const loggedChangeAndCatchUp = async (regionId: number, name: string) => {
      s.update('HR', 'REGIONS', { REGION_ID: regionId }, { REGION_NAME: name });
      s.commit();
      const scn = db.currentScn();
      await until(() => runner.currentPhase === 'incremental' && BigInt(runner.diagnostics().checkpointScn ?? '0') > scn, `the task to pass SCN ${scn}`);
    };
    const verify = async () => (await startVerification(id, 'alice')).done;
    await loggedChangeAndCatchUp(2, 'Seen 1');
    await verify();

    // The row changes where the task cannot see it (its DML writes no redo).
    db.faults.unloggedDml = true;
    s.update('HR', 'REGIONS', { REGION_ID: 1 }, { REGION_NAME: 'Hidden' });
    s.commit();
    db.faults.unloggedDml = false;
    await loggedChangeAndCatchUp(2, 'Seen 2');
    await verify();
    const fired = await hook.waitFor((r) => r.json.rule === 'verification' && r.json.event === 'fired' && r.json.task.id === id, 'the verification alert');
    expect(fired.signatureValid).toBe(true);
    expect(fired.json.message).toMatch(/^Data verification \d+ at SCN \d+ found 1 row difference\(s\) between the source and Kafka/);

    // The row changes again, this time with redo: Kafka catches up and the next verification passes.
    await loggedChangeAndCatchUp(1, 'Seen again');
    await verify();
    const resolved = await hook.waitFor((r) => r.json.rule === 'verification' && r.json.event === 'resolved' && r.json.task.id === id, 'the verification alert to resolve');
    expect(resolved.json.episodeId).toBe(fired.json.episodeId);
    expect(resolved.json.message).toMatch(/^Data verification \d+ at SCN \d+: passed\.$/);
    // The first (clean) verification raised nothing: one episode in all.
    const events = await (await getDb()).alertEvent.findMany({ where: { taskId: id, rule: 'verification' }, orderBy: { id: 'asc' } });
    expect(events.map((e) => e.kind)).toEqual(['fired', 'resolved']);
    await runnerRegistry().stop(id);
  });
});
