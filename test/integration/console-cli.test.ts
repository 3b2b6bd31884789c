import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ApiClient } from '../support/api-client';
import { startApiServer, type ApiServer } from '../support/api-server';

/**
 * `ora2kafka console …` against a console's API on loopback: it needs ORA2KAFKA_TOKEN, acts with
 * the token's role, and the console names the token in the task log and the audit log.
 */
process.env.ORA2KAFKA_DATA_DIR = mkdtempSync(path.join(tmpdir(), 'o2k-console-cli-'));
delete process.env.DATABASE_URL;

const { main } = await import('../../server/cli/main');
const { ensureFirstAdmin } = await import('../../server/auth/first-admin');

let server: ApiServer;
let admin: ApiClient;

async function cli(args: string[], env: Record<string, string | undefined>): Promise<{ code: number; out: string }> {
  const saved = { token: process.env.ORA2KAFKA_TOKEN, url: process.env.ORA2KAFKA_CONSOLE_URL };
  Object.assign(process.env, { ORA2KAFKA_CONSOLE_URL: server.url });
  if (env.ORA2KAFKA_TOKEN === undefined) delete process.env.ORA2KAFKA_TOKEN;
  else process.env.ORA2KAFKA_TOKEN = env.ORA2KAFKA_TOKEN;
  const lines: string[] = [];
  try {
    const code = await main(['console', ...args], (l) => lines.push(l));
    return { code, out: lines.join('\n') };
  } finally {
    if (saved.token === undefined) delete process.env.ORA2KAFKA_TOKEN;
    else process.env.ORA2KAFKA_TOKEN = saved.token;
    if (saved.url === undefined) delete process.env.ORA2KAFKA_CONSOLE_URL;
    else process.env.ORA2KAFKA_CONSOLE_URL = saved.url;
  }
}

beforeAll(async () => {
  await ensureFirstAdmin({ ORA2KAFKA_ADMIN_PASSWORD: 'console-cli-admin-pw' }, () => undefined);
  server = await startApiServer();
  admin = new ApiClient(server.url);
  await admin.signIn('admin', 'console-cli-admin-pw');
});

afterAll(async () => {
  await server?.close();
});

describe('ora2kafka console', () => {
  it('reads ORA2KAFKA_TOKEN and acts with the token’s role', async () => {
    const { id } = await admin.ok<{ id: string }>('mutate', 'task.saveDraft', { name: 'cli-managed', source: { host: 'db1.example.com', database: 'ORCL', user: 'dts', password: 'pw' }, destination: { brokers: 'k1:9092', topic: 'cdc' } });

    const none = await cli(['tasks'], { ORA2KAFKA_TOKEN: undefined });
    expect(none.code).toBe(2);
    expect(none.out).toContain('ORA2KAFKA_TOKEN is not set');

    const bad = await cli(['tasks'], { ORA2KAFKA_TOKEN: 'o2k_made-up' });
    expect(bad.code).toBe(1);
    expect(bad.out).toContain('The API token is not known to this console. (HTTP 401)');
    expect(bad.out).toContain('fix: Check ORA2KAFKA_TOKEN');

    const viewer = await admin.ok<{ token: string }>('mutate', 'token.create', { name: 'dashboard-bot', role: 'viewer' });
    const list = await cli(['tasks'], { ORA2KAFKA_TOKEN: viewer.token });
    expect(list.code).toBe(0);
    expect(list.out).toMatch(new RegExp(`^${id} +NotStarted +cli-managed +db1\\.example\\.com:1521/ORCL → cdc @ k1:9092$`));
    const refused = await cli(['release', id], { ORA2KAFKA_TOKEN: viewer.token });
    expect(refused.code).toBe(1);
    expect(refused.out).toContain('taskMonitor.release needs the operator or admin role; you are signed in as a viewer. (HTTP 403)');

    const operator = await admin.ok<{ token: string }>('mutate', 'token.create', { name: 'release-bot', role: 'operator' });
    const released = await cli(['release', id], { ORA2KAFKA_TOKEN: operator.token });
    expect(released).toEqual({ code: 0, out: `${id}: Released` });
    const logs = await admin.ok<{ logs: { message: string }[] }>('query', 'taskMonitor.logs', { id });
    expect(logs.logs[0]!.message).toMatch(/^Task released by token release-bot \(it was Not Started\)/);
    const audit = await admin.ok<{ entries: { actorKind: string; actorName: string; procedure: string; outcome: string }[] }>('query', 'audit.list', { taskId: id, procedure: 'taskMonitor.release' });
    expect(audit.entries.map((e) => `${e.actorKind} ${e.actorName} ${e.outcome}`)).toEqual(['token release-bot ok', 'token dashboard-bot denied']);
  });

  it('create: a task file (the JSON of Preview API Call, passwords as env:NAME) becomes a Not Started task; the console names bad fields', async () => {
    const operator = await admin.ok<{ token: string }>('mutate', 'token.create', { name: 'create-bot', role: 'operator' });
    const dir = mkdtempSync(path.join(tmpdir(), 'o2k-console-create-'));
    const file = path.join(dir, 'task.json');
    const task = {
      name: 'cli-created',
      source: { host: 'demo-oracle.sim', port: 1521, kind: 'sid', database: 'SIMDB', user: 'DTS_SYNC', password: 'env:ORACLE_PASSWORD' },
      destination: { brokers: '127.0.0.1:9092', topic: 'cdc' },
      objects: { schemas: [{ name: 'HR', tables: [{ name: 'JOBS' }] }] },
      instanceClass: 'small',
      resourceGroup: 'cli-group',
    };
    writeFileSync(file, JSON.stringify(task));
    const missingEnv = await cli(['create', file], { ORA2KAFKA_TOKEN: operator.token });
    expect(missingEnv.code).toBe(2);
    expect(missingEnv.out).toContain('source.password: environment variable ORACLE_PASSWORD is not set');

    process.env.ORACLE_PASSWORD = 'dts_sync';
    try {
      const created = await cli(['create', file], { ORA2KAFKA_TOKEN: operator.token });
      expect(created.code).toBe(0);
      const id = /^Created task (o2k-[0-9a-f-]+) \(Not Started\) in /.exec(created.out)?.[1];
      expect(id, created.out).toBeTruthy();
      const stored = await admin.ok<{ name: string; status: string; config: { resourceGroup: string; instanceClass: string; source: { password: string } } }>('query', 'task.get', { id });
      expect(stored).toMatchObject({ name: 'cli-created', status: 'NotStarted', config: { resourceGroup: 'cli-group', instanceClass: 'small', source: { password: 'set' } } });
      // The password reached the console: Test Connectivity logs in with it.
      const conn = await admin.ok<{ source: { ok: boolean } }>('mutate', 'connectivity.test', { taskId: id });
      expect(conn.source.ok).toBe(true);

      writeFileSync(file, JSON.stringify({ ...task, advanced: { connectRetryMinutes: 20, otherRetryMinutes: 30 } }));
      const bad = await cli(['create', file], { ORA2KAFKA_TOKEN: operator.token });
      expect(bad.code).toBe(1);
      expect(bad.out).toContain('the task is not valid (HTTP 400):\n  - advanced.otherRetryMinutes: ');
      expect(bad.out).toContain('must be less than Retry Time for Failed Connections');
    } finally {
      delete process.env.ORACLE_PASSWORD;
    }
  });
});
