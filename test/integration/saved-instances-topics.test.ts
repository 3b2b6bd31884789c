import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ApiClient } from '../support/api-client';
import { startApiServer, type ApiServer } from '../support/api-server';
import { createTopic, kafka, uniqueTopic } from './kafka-env';

/**
 * Saved instances, the cluster's topics and task.create through the console's API over HTTP, with
 * the run's real broker: who may call what, that no answer ever holds a saved password (while the
 * database holds only ciphertexts), that a saved password is used only for its own connection, and
 * topic listing and creation against the broker's SCRAM listener.
 */
const dataDir = mkdtempSync(path.join(tmpdir(), 'o2k-instances-'));
process.env.ORA2KAFKA_DATA_DIR = dataDir;
delete process.env.DATABASE_URL;

const SECRETS = { admin: 'Inst-Admin-Pw-8c2', operator: 'Inst-Operator-Pw-4k1', viewer: 'Inst-Viewer-Pw-6d9', oracle: 'dts_sync' };

let server: ApiServer;
let admin: ApiClient;
let operator: ApiClient;
let viewer: ApiClient;

beforeAll(async () => {
  const { ensureFirstAdmin } = await import('../../server/auth/first-admin');
  await ensureFirstAdmin({ ORA2KAFKA_ADMIN_PASSWORD: SECRETS.admin }, () => undefined);
  server = await startApiServer();
  admin = new ApiClient(server.url);
  await admin.signIn('admin', SECRETS.admin);
  for (const [name, role, pw] of [['inst-operator', 'operator', SECRETS.operator], ['inst-viewer', 'viewer', SECRETS.viewer]] as const) {
    await admin.ok('mutate', 'user.create', { username: name, role, password: pw, mustChangePassword: false });
  }
  operator = new ApiClient(server.url);
  await operator.signIn('inst-operator', SECRETS.operator);
  viewer = new ApiClient(server.url);
  await viewer.signIn('inst-viewer', SECRETS.viewer);
});

afterAll(async () => {
  await server?.close();
});

const scram = () => {
  const k = kafka();
  return { brokers: k.sasl, connectionMethod: 'scram-sha-256', username: k.scramUser!, password: k.scramPassword! };
};
const demoOracle = { host: 'demo-oracle.sim', port: 1521, kind: 'sid', database: 'SIMDB', user: 'DTS_SYNC' };

describe('saved instances', () => {
  it('viewers list them, operators save and delete them, signed out is 401; no answer ever holds a password', async () => {
    const signedOut = new ApiClient(server.url);
    expect((await signedOut.query('instance.list', {})).status).toBe(401);
    const refused = await viewer.mutate('instance.save', { kind: 'oracle', name: 'viewer-try', settings: { ...demoOracle, password: SECRETS.oracle } });
    expect(refused.status).toBe(403);
    expect(refused.error?.message).toBe('instance.save needs the operator or admin role; you are signed in as a viewer.');

    const ora = await operator.ok<{ id: string; name: string; summary: string; createdBy: string; settings: { password: string } }>('mutate', 'instance.save', {
      kind: 'oracle',
      name: 'hr-demo',
      settings: { ...demoOracle, password: SECRETS.oracle },
    });
    expect(ora).toMatchObject({ name: 'hr-demo', summary: 'demo-oracle.sim:1521/SIMDB as DTS_SYNC', createdBy: 'inst-operator', settings: { password: 'set' } });
    const k = await operator.ok<{ id: string; summary: string; settings: { password: string; brokers: string[] } }>('mutate', 'instance.save', { kind: 'kafka', name: 'events', settings: scram() });
    expect(k.settings).toMatchObject({ password: 'set', brokers: kafka().sasl.split(',') });

    const dup = await operator.mutate('instance.save', { kind: 'oracle', name: 'hr-demo', settings: { ...demoOracle, password: 'x' } });
    expect(dup.status).toBe(409);
    expect(dup.error?.message).toBe('A saved Oracle instance named "hr-demo" already exists.');

    const noPassword = await operator.mutate('instance.save', { kind: 'oracle', name: 'no-pw', settings: demoOracle });
    expect(noPassword.status).toBe(400);
    expect(noPassword.error?.message).toContain('Enter the database password; it is saved encrypted and never shown again.');

    const listed = await viewer.ok<{ name: string; kind: string; settings: { password: string } }[]>('query', 'instance.list', {});
    expect(listed.map((i) => `${i.kind}:${i.name}:${i.settings.password}`)).toEqual(['oracle:hr-demo:set', 'kafka:events:set']);
    expect((await viewer.ok<unknown[]>('query', 'instance.list', { kind: 'kafka' })).length).toBe(1);

    // Renaming keeps the stored password; pointing it at another host without typing it again is refused.
    await operator.ok('mutate', 'instance.save', { id: ora.id, kind: 'oracle', name: 'hr-demo-renamed', settings: { ...demoOracle, password: '' } });
    const moved = await operator.mutate('instance.save', { id: ora.id, kind: 'oracle', name: 'hr-demo-renamed', settings: { ...demoOracle, host: 'elsewhere.example.com', password: '' } });
    expect(moved.status).toBe(400);
    expect(moved.error?.message).toContain('Enter the database password again: the connection changed');

    // The database holds ciphertexts only.
    const { getDb } = await import('../../server/store/db');
    const rows = await (await getDb()).savedInstance.findMany();
    expect(rows.map((r) => JSON.parse(r.settings).password as string).every((p) => p.startsWith('enc:v1:'))).toBe(true);
    expect(JSON.stringify(rows)).not.toContain(SECRETS.oracle);
    expect(JSON.stringify(rows)).not.toContain(kafka().scramPassword!);

    const extra = await operator.ok<{ id: string }>('mutate', 'instance.save', { kind: 'oracle', name: 'to-delete', settings: { ...demoOracle, password: 'pw' } });
    expect((await viewer.mutate('instance.delete', { id: extra.id })).status).toBe(403);
    expect(await operator.ok('mutate', 'instance.delete', { id: extra.id })).toEqual({ deleted: true });
    expect((await operator.mutate('instance.delete', { id: extra.id })).status).toBe(404);
  });

  it('a draft takes a blank password from the picked instance, only while the connection is the instance’s', async () => {
    const instances = await operator.ok<{ id: string; kind: string; name: string }[]>('query', 'instance.list', {});
    const ora = instances.find((i) => i.name === 'hr-demo-renamed')!;
    const kaf = instances.find((i) => i.kind === 'kafka')!;
    const topic = uniqueTopic('it-inst');
    await createTopic(topic, 2);
    const { id } = await operator.ok<{ id: string }>('mutate', 'task.saveDraft', {
      name: 'from-instances',
      source: { ...demoOracle, password: '' },
      destination: { ...scram(), password: '', topic },
      sourceInstanceId: ora.id,
      destinationInstanceId: kaf.id,
    });
    // Both passwords came from the instances: Test Connectivity logs in to Oracle and to the SCRAM listener.
    const conn = await operator.ok<{ source: { ok: boolean }; destination: { ok: boolean; topics: { name: string; partitions: number }[] } }>('mutate', 'connectivity.test', { taskId: id });
    expect(conn.source.ok).toBe(true);
    expect(conn.destination).toMatchObject({ ok: true, topics: [{ name: topic, partitions: 2 }] });
    const task = await operator.ok<{ config: { source: { password: string }; destination: { password: string } } }>('query', 'task.get', { id });
    expect(task.config.source.password).toBe('set');

    const other = await operator.mutate('task.saveDraft', { name: 'moved', source: { ...demoOracle, user: 'READONLY', password: '' }, destination: { brokers: kafka().plaintext, topic }, sourceInstanceId: ora.id });
    expect(other.status).toBe(400);
    expect(other.error?.message).toBe('Enter the database password: host, port, SID/service name or account differ from saved instance "hr-demo-renamed", so its stored password is not used.');
  });
});

describe('topics from the cluster', () => {
  it('lists topics with partition counts over SCRAM (typed password, saved instance, or saved draft) and never hands a stored password to other brokers', async () => {
    const topic = uniqueTopic('it-list');
    await createTopic(topic, 4);
    const typed = await operator.ok<{ brokers: number; topics: { name: string; partitions: number; replicationFactor: number }[] }>('mutate', 'kafkaTopics.list', { connection: scram() });
    expect(typed.brokers).toBeGreaterThanOrEqual(1);
    expect(typed.topics).toContainEqual({ name: topic, partitions: 4, replicationFactor: 1 });
    expect(typed.topics.some((t) => t.name.startsWith('__'))).toBe(false);

    const kaf = (await operator.ok<{ id: string; kind: string }[]>('query', 'instance.list', { kind: 'kafka' }))[0]!;
    const fromInstance = await operator.ok<{ topics: { name: string }[] }>('mutate', 'kafkaTopics.list', { connection: { ...scram(), password: '' }, instanceId: kaf.id });
    expect(fromInstance.topics.map((t) => t.name)).toContain(topic);

    const draft = await operator.ok<{ id: string }>('mutate', 'task.saveDraft', { name: 'draft-pw', source: { ...demoOracle, password: SECRETS.oracle }, destination: { ...scram(), topic } });
    const fromDraft = await operator.ok<{ topics: { name: string }[] }>('mutate', 'kafkaTopics.list', { connection: { ...scram(), password: '' }, taskId: draft.id });
    expect(fromDraft.topics.map((t) => t.name)).toContain(topic);

    // Another account (the same brokers): the instance's password is not used, so the login fails.
    const otherAccount = await operator.mutate('kafkaTopics.list', { connection: { ...scram(), username: 'someone-else', password: '' }, instanceId: kaf.id });
    expect(otherAccount.status).toBe(502);
    expect(otherAccount.error?.message).toContain('Kafka rejected the SCRAM-SHA-256 login of account "someone-else"');

    expect((await viewer.mutate('kafkaTopics.list', { connection: scram() })).status).toBe(403);
  });

  it('creates a topic with its partitions and replication factor; an existing name or too many replicas is a clear error', async () => {
    const name = uniqueTopic('it-create');
    const created = await operator.ok<{ name: string; partitions: number; replicationFactor: number }>('mutate', 'kafkaTopics.create', { connection: scram(), topic: { name, partitions: 5, replicationFactor: 1 } });
    expect(created).toEqual({ name, partitions: 5, replicationFactor: 1 });
    const listed = await operator.ok<{ topics: { name: string; partitions: number }[] }>('mutate', 'kafkaTopics.list', { connection: { brokers: kafka().plaintext } });
    expect(listed.topics).toContainEqual({ name, partitions: 5, replicationFactor: 1 });

    const again = await operator.mutate('kafkaTopics.create', { connection: scram(), topic: { name, partitions: 1, replicationFactor: 1 } });
    expect(again.error).toMatchObject({ appCode: 'KAFKA_TOPIC_EXISTS', message: `Topic "${name}" already exists on the Kafka cluster.` });
    const tooMany = await operator.mutate('kafkaTopics.create', { connection: scram(), topic: { name: uniqueTopic('it-rf'), partitions: 1, replicationFactor: 3 } });
    expect(tooMany.error?.message).toMatch(/a replication factor of 3 needs at least 3 brokers, and the cluster has 1\.$/);
    const badName = await operator.mutate('kafkaTopics.create', { connection: scram(), topic: { name: 'no spaces', partitions: 0 } });
    expect(badName.status).toBe(400);
    expect(badName.error?.message).toContain('A topic name has 1–249 characters');
    expect((await viewer.mutate('kafkaTopics.create', { connection: scram(), topic: { name: uniqueTopic('it-v'), partitions: 1 } })).status).toBe(403);
  });
});

describe('task.create', () => {
  it('creates the whole task in one call, Not Started, the same as the wizard would store it; a bad field is named', async () => {
    const topic = uniqueTopic('it-create-task');
    const body = {
      name: 'one-call',
      source: { ...demoOracle, password: SECRETS.oracle },
      destination: { brokers: kafka().plaintext, topic },
      migrationTypes: { schema: true, full: true, incremental: false },
      dataFormat: 'shareplex-json',
      partitionPolicy: 'hash-pk',
      objects: { schemas: [{ name: 'HR', tables: [{ name: 'JOBS', mappedName: 'ROLES' }] }] },
      advanced: { connectRetryMinutes: 60, otherRetryMinutes: 5, environmentTag: 'staging' },
      instanceClass: 'large',
      resourceGroup: 'team-a',
    };
    expect((await viewer.mutate('task.create', body)).status).toBe(403);
    const { id, status } = await operator.ok<{ id: string; status: string }>('mutate', 'task.create', body);
    expect(status).toBe('NotStarted');
    const task = await operator.ok<{ name: string; status: string; config: Record<string, unknown> }>('query', 'task.get', { id });
    expect(task).toMatchObject({ name: 'one-call', status: 'NotStarted' });
    expect(task.config).toMatchObject({ dataFormat: 'shareplex-json', instanceClass: 'large', resourceGroup: 'team-a', advanced: { environmentTag: 'staging' }, source: { password: 'set' } });
    const listed = await operator.ok<{ id: string; environmentTag: string }[]>('query', 'task.list');
    expect(listed.find((t) => t.id === id)?.environmentTag).toBe('staging');
    expect(server.seen.join('\n')).not.toContain(SECRETS.oracle);

    const bad = await operator.mutate('task.create', { ...body, advanced: { connectRetryMinutes: 30, otherRetryMinutes: 40 } });
    expect(bad.status).toBe(400);
    const missing = await operator.mutate('task.create', { ...body, objects: { schemas: [{ name: 'HR', tables: [{ name: 'NO_SUCH_TABLE' }] }] } });
    expect(missing.status).toBe(400);
    expect(missing.error?.message).toContain('Table HR.NO_SUCH_TABLE does not exist in the source database');
  });
});

describe('every answer of this file', () => {
  it('held no saved password', () => {
    const seen = server.seen.join('\n');
    for (const s of [SECRETS.oracle, kafka().scramPassword!]) expect(seen).not.toContain(s);
  });
});
