import { describe, expect, it } from 'vitest';
import { createKafka } from '../../server/kafka/client';
import { testConnectivity } from '../../server/kafka/connectivity';
import { KafkaAuthError } from '../../server/kafka/errors';
import { consume, createTopic, kafka, plaintextDestination, scramDestination, uniqueTopic } from './kafka-env';
import type { KafkaDestination } from '../../server/model/kafka-destination';

async function roundTrip(d: KafkaDestination): Promise<void> {
  const producer = createKafka(d).producer({ idempotent: true, maxInFlightRequests: 1 });
  await producer.connect();
  const sent = await producer.send({ topic: d.topic, acks: -1, messages: [{ key: 'k1', value: `hello over ${d.connectionMethod}`, partition: 1 }] });
  await producer.disconnect();
  expect(sent).toEqual([expect.objectContaining({ topicName: d.topic, partition: 1, errorCode: 0, baseOffset: '0' })]);

  const [m] = await consume(d, d.topic, 1);
  expect(m?.partition).toBe(1);
  expect(m?.key?.toString()).toBe('k1');
  expect(m?.value?.toString()).toBe(`hello over ${d.connectionMethod}`);
}

describe('local Kafka broker', () => {
  it('produces and consumes over PLAINTEXT', async () => {
    const topic = uniqueTopic('it-plain');
    await createTopic(topic, 2);
    await roundTrip(plaintextDestination(topic));
  });

  it('produces and consumes over SASL_PLAINTEXT with SCRAM-SHA-256', async () => {
    const topic = uniqueTopic('it-scram');
    await createTopic(topic, 2);
    await roundTrip(scramDestination(topic));
  });

  it('rejects a wrong SCRAM password with KAFKA_AUTH_FAILED naming the account', async () => {
    const topic = uniqueTopic('it-badpw');
    await createTopic(topic, 1);
    const d = scramDestination(topic, { password: 'not-the-password' });
    const err = await testConnectivity(d).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(KafkaAuthError);
    expect(err).toMatchObject({ code: 'KAFKA_AUTH_FAILED', field: 'password' });
    expect((err as Error).message).toContain(`account "${kafka().scramUser}"`);
    expect((err as Error).message).toMatch(/invalid credentials/);
    expect((err as Error).message).not.toContain('not-the-password');
  });
});
