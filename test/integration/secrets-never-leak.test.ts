import { existsSync, mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ApiClient } from '../support/api-client';
import { startApiServer, type ApiServer } from '../support/api-server';
import { createTopic, kafka, uniqueTopic } from './kafka-env';
import { until } from './engine-support/engine-harness';

/**
 * A whole task run through the console's API — users, a token, a draft with an Oracle password and
 * a SCRAM Kafka password, Test Connectivity (also with a wrong password), the catalog, precheck,
 * start, full load, live changes, pause, resume, release, logs, audit — with the migration engine
 * running in this process. Then every API response and every line this process logged is searched
 * for each password it was given: none may appear (nor the API token, outside the one answer that
 * creates it), and the metadata database holds none in plain text.
 */
const dataDir = mkdtempSync(path.join(tmpdir(), 'o2k-secrets-'));
process.env.ORA2KAFKA_DATA_DIR = dataDir;
delete process.env.DATABASE_URL;

const SECRETS = {
  oracle: 'Orcl-Leak-Check-7Q2x',
  wrongOracle: 'Wrong-Orcl-Pw-9Z1k',
  admin: 'Admin-Leak-Check-4M8p',
  operator: 'Operator-Leak-Check-3J5w',
  operatorNew: 'Operator-New-Pw-6T1r',
  viewer: 'Viewer-Leak-Check-2H7n',
  webhook: 'Whsec-Leak-Check-8V3d',
};

/** Everything this process prints while the test runs (console and the raw streams). */
const logged: string[] = [];
const restore: (() => void)[] = [];
function captureLogs(): void {
  for (const m of ['log', 'info', 'warn', 'error', 'debug', 'trace'] as const) {
    const original = console[m];
    console[m] = (...args: unknown[]) => {
      logged.push(args.map((a) => (a instanceof Error ? `${a.message}\n${a.stack}` : typeof a === 'string' ? a : JSON.stringify(a))).join(' '));
      original.apply(console, args);
    };
    restore.push(() => (console[m] = original));
  }
  for (const stream of [process.stdout, process.stderr]) {
    const original = stream.write.bind(stream);
    stream.write = ((chunk: string | Uint8Array, ...rest: unknown[]) => {
      logged.push(typeof chunk === 'string' ? chunk : Buffer.from(chunk).toString('utf8'));
      return (original as (...a: unknown[]) => boolean)(chunk, ...rest);
    }) as typeof stream.write;
    restore.push(() => (stream.write = original as typeof stream.write));
  }
}

let server: ApiServer;

beforeAll(async () => {
  captureLogs();
  const { ensureFirstAdmin } = await import('../../server/auth/first-admin');
  await ensureFirstAdmin({ ORA2KAFKA_ADMIN_PASSWORD: SECRETS.admin });
  const { installConsoleEngine } = await import('../../server/host/console-host');
  installConsoleEngine();
  const { createSimDatabase, installSampleSchema, registerSimDatabase } = await import('../../server/oracle/sim');
  const db = createSimDatabase({ supplementalLogging: { min: true, pk: true, ui: true }, forceLogging: true });
  installSampleSchema(db, { employees: 50 });
  db.createUser('LEAK_CHECK', SECRETS.oracle, {
    systemPrivileges: ['CREATE SESSION', 'CREATE TABLE', 'SELECT ANY TABLE', 'FLASHBACK ANY TABLE', 'SELECT ANY TRANSACTION', 'SELECT ANY DICTIONARY', 'LOGMINING', 'EXECUTE_CATALOG_ROLE'],
    roles: ['CONNECT', 'SELECT_CATALOG_ROLE', 'EXECUTE_CATALOG_ROLE'],
    objectPrivileges: ['EXECUTE ON SYS.DBMS_LOGMNR', 'SELECT ON SYS.V_$LOGMNR_CONTENTS', 'SELECT ON SYS.V_$LOG', 'SELECT ON SYS.V_$ARCHIVED_LOG', 'SELECT ON SYS.V_$DATABASE', 'SELECT ON SYS.V_$TRANSACTION', 'SELECT ON SYS.V_$THREAD', 'SELECT ON SYS.V_$ARCHIVE_DEST_STATUS'],
  });
  registerSimDatabase('leak-check', db);
  server = await startApiServer();
}, 120_000);

afterAll(async () => {
  for (const r of restore.reverse()) r();
  await server?.close();
});

describe('secrets', () => {
  it('never appear in an API response, a log line or the database, through a whole task', { timeout: 240_000 }, async () => {
    const k = kafka();
    if (!k.scramUser || !k.scramPassword) throw new Error('this test needs the broker’s SCRAM account');
    const kafkaPassword = k.scramPassword;
    const topic = uniqueTopic('leak');
    await createTopic(topic, 2);
    await createTopic(`${topic}-ddl`, 1);

    const admin = new ApiClient(server.url);
    expect((await admin.signIn('admin', SECRETS.admin)).status).toBe(200);
    await admin.ok('mutate', 'user.create', { username: 'op', role: 'operator', password: SECRETS.operator, mustChangePassword: true });
    await admin.ok('mutate', 'user.create', { username: 'viewer', role: 'viewer', password: SECRETS.viewer, mustChangePassword: false });
    const created = await admin.mutate<{ token: string }>('token.create', { name: 'leak-bot', role: 'operator' });
    const token = created.data.token;
    const tokenAnswerIndex = server.seen.length - 1;

    const op = new ApiClient(server.url);
    expect((await op.signIn('op', 'a wrong guess')).status).toBe(401);
    expect((await op.signIn('op', SECRETS.operator)).status).toBe(200);
    await op.ok('mutate', 'auth.changePassword', { currentPassword: SECRETS.operator, newPassword: SECRETS.operatorNew });

    // A task whose Oracle password is wrong: Test Connectivity fails and says why, without the password.
    const wrong = await op.ok<{ id: string }>('mutate', 'task.saveDraft', {
      name: 'leak-wrong',
      source: { host: 'leak-check.sim', database: 'SIMDB', user: 'LEAK_CHECK', password: SECRETS.wrongOracle },
      destination: { brokers: k.sasl, topic, connectionMethod: 'scram-sha-256', username: k.scramUser, password: kafkaPassword },
    });
    const failed = await op.ok<{ source: { ok: boolean } }>('mutate', 'connectivity.test', { taskId: wrong.id });
    expect(failed.source.ok).toBe(false);

    // The real task, driven by the API token.
    const bot = new ApiClient(server.url, { token, origin: null });
    const { id } = await bot.ok<{ id: string }>('mutate', 'task.saveDraft', {
      name: 'leak-check',
      source: { host: 'leak-check.sim', database: 'SIMDB', user: 'LEAK_CHECK', password: SECRETS.oracle },
      destination: { brokers: k.sasl, topic, ddlTopic: `${topic}-ddl`, connectionMethod: 'scram-sha-256', username: k.scramUser, password: kafkaPassword },
    });
    const conn = await bot.ok<{ source: { ok: boolean }; destination: { ok: boolean } }>('mutate', 'connectivity.test', { taskId: id });
    expect(conn).toMatchObject({ source: { ok: true }, destination: { ok: true } });
    await bot.ok('query', 'catalog.schemas', { taskId: id });
    await bot.ok('query', 'catalog.describe', { taskId: id, tables: [{ owner: 'HR', name: 'JOBS' }] });
    await bot.ok('mutate', 'task.saveSection', {
      id,
      section: 'objects',
      values: { migrationTypes: { schema: true, full: true, incremental: true }, conflictMode: 'precheck-and-report', dataFormat: 'dts-avro', partitionPolicy: 'hash-pk', objects: { schemas: [{ name: 'HR', tables: [{ name: 'JOBS' }, { name: 'DEPARTMENTS' }] }] } },
    });
    // Alerting with a signed webhook (nothing listens there; no rule fires in this run).
    await op.ok('mutate', 'alert.saveSettings', { taskId: id, monitoring: { alerting: { enabled: true, webhooks: [{ url: 'http://127.0.0.1:9/hooks/o2k', secret: SECRETS.webhook }] } } });
    await bot.ok('mutate', 'precheck.start', { taskId: id });
    let run: { status: string; items: { code: string; status: string }[] } | null = null;
    await until(async () => (run = await bot.ok('query', 'precheck.latest', { taskId: id }))?.status !== 'Running', 'the precheck');
    expect(run!.items.filter((i) => i.status !== 'passed')).toEqual([]);

    await op.ok('mutate', 'task.start', { id });
    type Progress = { status: string; phases: { phase: string; status: string; rowsDone: number }[] };
    const phase = (p: Progress, name: string) => p.phases.find((x) => x.phase === name);
    await until(async () => {
      const p = await op.ok<Progress>('query', 'taskMonitor.progress', { id });
      return phase(p, 'full')?.status === 'Finished' && phase(p, 'incremental')?.status === 'Running';
    }, 'the full load to finish and incremental to run', 120_000);

    // Live changes flow through incremental migration.
    const { getSimDatabase, Workload } = await import('../../server/oracle/sim');
    new Workload(getSimDatabase('leak-check')!, { tables: ['HR.JOBS', 'HR.DEPARTMENTS'] }).runTransactions(20);
    await until(async () => (phase(await op.ok<Progress>('query', 'taskMonitor.progress', { id }), 'incremental')?.rowsDone ?? 0) > 0, 'incremental events', 60_000);

    await op.ok('mutate', 'taskMonitor.pause', { id });
    await until(async () => (await op.ok<Progress>('query', 'taskMonitor.progress', { id })).status === 'Paused', 'Paused');
    await bot.ok('mutate', 'taskMonitor.resume', { id });
    await until(async () => (await op.ok<Progress>('query', 'taskMonitor.progress', { id })).status === 'Migrating', 'Migrating again');
    await op.ok('mutate', 'taskMonitor.release', { id });

    // Everything anyone can read about it.
    const viewer = new ApiClient(server.url);
    await viewer.signIn('viewer', SECRETS.viewer);
    for (const t of [id, wrong.id]) {
      await viewer.ok('query', 'task.get', { id: t });
      await viewer.ok('query', 'taskMonitor.logs', { id: t, limit: 500 });
      await viewer.ok('query', 'taskMonitor.metrics', { id: t });
      await viewer.ok('query', 'precheck.latest', { taskId: t });
      await viewer.ok('query', 'alert.settings', { taskId: t });
      await viewer.ok('query', 'alert.history', { taskId: t });
    }
    await viewer.ok('query', 'alert.recent');
    await viewer.ok('query', 'task.list');
    await viewer.ok('query', 'system.info');
    const logs = await viewer.ok<{ logs: { message: string }[] }>('query', 'taskMonitor.logs', { id, limit: 500 });
    expect(logs.logs.map((l) => l.message)).toEqual(expect.arrayContaining(['Pause requested by op.', 'Resume requested by token leak-bot.', 'Release requested by op.']));
    await admin.ok('query', 'audit.list', { limit: 200 });
    await admin.ok('query', 'user.list');
    await admin.ok('query', 'token.list');

    // The search.
    const passwords = { ...SECRETS, kafka: kafkaPassword };
    const responses = server.seen;
    expect(responses.length).toBeGreaterThan(40);
    expect(logged.length).toBeGreaterThan(0);
    for (const [name, secret] of Object.entries(passwords)) {
      expect(responses.filter((r) => r.includes(secret)).map((r) => r.slice(0, 300)), `${name} password in an API response`).toEqual([]);
      expect(logged.filter((l) => l.includes(secret)), `${name} password in a log line`).toEqual([]);
    }
    expect(responses[tokenAnswerIndex]).toContain(token);
    expect(responses.filter((r, i) => i !== tokenAnswerIndex && r.includes(token)), 'the API token in another response').toEqual([]);
    expect(logged.filter((l) => l.includes(token)), 'the API token in a log line').toEqual([]);

    // At rest: the SQLite file (and its write-ahead log) holds hashes and ciphertexts only.
    const files = ['ora2kafka.db', 'ora2kafka.db-wal'].map((f) => path.join(dataDir, f)).filter(existsSync);
    const stored = files.map((f) => readFileSync(f).toString('latin1')).join('');
    for (const [name, secret] of Object.entries({ ...passwords, token })) expect(stored.includes(secret), `${name} stored in plain text`).toBe(false);
  });
});
