import net from 'node:net';
import type { AddressInfo } from 'node:net';
import { describe, expect, it } from 'vitest';
import { freePort } from '../../scripts/kafka/kafka.mjs';
import { testConnectivity } from '../../server/kafka/connectivity';
import {
  KafkaAuthError,
  KafkaNotAuthorizedError,
  KafkaProtocolMismatchError,
  KafkaTopicMissingError,
  KafkaUnreachableError,
  SchemaRegistryError,
} from '../../server/kafka/errors';
import { createTopic, kafka, plaintextDestination, scramDestination, uniqueTopic } from './kafka-env';

const fail = (p: Promise<unknown>) => p.then(() => expect.unreachable('connectivity should have failed'), (e: unknown) => e);

describe('Test Connectivity against the real broker', () => {
  it('reports cluster, brokers and both topics with their partition counts (SCRAM)', async () => {
    const topic = uniqueTopic('it-conn');
    const ddl = uniqueTopic('it-conn-ddl');
    await createTopic(topic, 3);
    await createTopic(ddl, 1);
    const r = await testConnectivity(scramDestination(topic, { ddlTopic: ddl }));
    expect(r.clusterId).toMatch(/^[A-Za-z0-9_-]{22}$/);
    expect(r.brokers.length).toBeGreaterThanOrEqual(1);
    expect(r.topics).toEqual([
      { role: 'data', name: topic, partitions: 3 },
      { role: 'ddl', name: ddl, partitions: 1 },
    ]);
    expect(r.schemaRegistry).toBeNull();
  });

  it('a blank DDL topic means the main topic, checked once', async () => {
    const topic = uniqueTopic('it-conn1');
    await createTopic(topic, 2);
    const r = await testConnectivity(plaintextDestination(topic));
    expect(r.topics).toEqual([{ role: 'data', name: topic, partitions: 2 }]);
  });

  it('nothing listening on the port: KAFKA_UNREACHABLE on the brokers field', async () => {
    const port = await freePort();
    const err = await fail(testConnectivity(plaintextDestination('t', { brokers: [`127.0.0.1:${port}`] })));
    expect(err).toBeInstanceOf(KafkaUnreachableError);
    expect(err).toMatchObject({ code: 'KAFKA_UNREACHABLE', field: 'brokers', retriable: true });
    expect((err as Error).message).toContain(`127.0.0.1:${port}`);
    expect((err as Error).message).toContain('ECONNREFUSED');
  });

  it('a port that accepts but never answers: KAFKA_UNREACHABLE within the time limit', async () => {
    const silent = net.createServer(() => undefined);
    await new Promise<void>((r) => silent.listen(0, '127.0.0.1', r));
    const port = (silent.address() as AddressInfo).port;
    try {
      const t0 = Date.now();
      const err = await fail(testConnectivity(plaintextDestination('t', { brokers: [`127.0.0.1:${port}`] }), { timeoutMs: 1500 }));
      expect(err).toMatchObject({ code: 'KAFKA_UNREACHABLE' });
      expect(Date.now() - t0).toBeLessThan(5000);
    } finally {
      silent.close();
    }
  });

  it('wrong password: KAFKA_AUTH_FAILED', async () => {
    const topic = uniqueTopic('it-conn2');
    await createTopic(topic, 1);
    const err = await fail(testConnectivity(scramDestination(topic, { password: 'wrong' })));
    expect(err).toBeInstanceOf(KafkaAuthError);
    expect((err as KafkaAuthError).hint).toMatch(/SCRAM-SHA-256 user/);
  });

  it('SCRAM against the PLAINTEXT listener: KAFKA_PROTOCOL_MISMATCH; plaintext against SASL: unreachable with a hint', async () => {
    const k = kafka();
    const topic = uniqueTopic('it-conn3');
    await createTopic(topic, 1);
    const e1 = await fail(testConnectivity(scramDestination(topic, { brokers: [k.plaintext] })));
    expect(e1).toBeInstanceOf(KafkaProtocolMismatchError);
    expect(e1).toMatchObject({ field: 'connectionMethod' });
    const e2 = await fail(testConnectivity(plaintextDestination(topic, { brokers: [k.sasl] }), { timeoutMs: 5000 }));
    expect(e2).toBeInstanceOf(KafkaUnreachableError);
    expect((e2 as Error).message).toMatch(/closed the connection/);
  });

  it('missing topic and missing DDL topic: KAFKA_TOPIC_MISSING on the right field', async () => {
    const topic = uniqueTopic('it-conn4');
    const missing = uniqueTopic('it-nope');
    const e1 = await fail(testConnectivity(plaintextDestination(missing)));
    expect(e1).toBeInstanceOf(KafkaTopicMissingError);
    expect(e1).toMatchObject({ code: 'KAFKA_TOPIC_MISSING', field: 'topic' });
    expect((e1 as Error).message).toContain(`"${missing}"`);
    await createTopic(topic, 1);
    const e2 = await fail(testConnectivity(plaintextDestination(topic, { ddlTopic: missing })));
    expect(e2).toMatchObject({ code: 'KAFKA_TOPIC_MISSING', field: 'ddlTopic' });
  });

  it('an account without ACLs on the topic: KAFKA_NOT_AUTHORIZED naming the account', async (ctx) => {
    const k = kafka();
    if (!k.restrictedUser || !k.restrictedPassword) return ctx.skip();
    const topic = uniqueTopic('it-conn5');
    await createTopic(topic, 1);
    const err = await fail(testConnectivity(scramDestination(topic, { username: k.restrictedUser, password: k.restrictedPassword })));
    expect(err).toBeInstanceOf(KafkaNotAuthorizedError);
    expect((err as Error).message).toContain(`account ${k.restrictedUser}`);
    expect((err as KafkaNotAuthorizedError).hint).toContain(`User:${k.restrictedUser}`);
  });

  it('Schema Registry enabled but unreachable: SCHEMA_REGISTRY_UNREACHABLE after the Kafka checks pass', async () => {
    const topic = uniqueTopic('it-conn6');
    await createTopic(topic, 1);
    const port = await freePort();
    const d = plaintextDestination(topic, { schemaRegistry: { enabled: true, url: `http://127.0.0.1:${port}` } });
    const err = await fail(testConnectivity(d));
    expect(err).toBeInstanceOf(SchemaRegistryError);
    expect(err).toMatchObject({ code: 'SCHEMA_REGISTRY_UNREACHABLE', field: 'schemaRegistry.url' });
  });
});
