import { describe, expect, it } from 'vitest';
import { createKafka } from '../../server/kafka/client';
import { KafkaPartitionCountChangedError, KafkaProduceError, KafkaTopicMissingError } from '../../server/kafka/errors';
import { KafkaProducer, type Delivery } from '../../server/kafka/producer';
import { consume, createTopic, plaintextDestination, scramDestination, uniqueTopic, withAdmin } from './kafka-env';

describe('KafkaProducer against the real broker', () => {
  it('reports partition and offset per message, and the messages are where it says', async () => {
    const topic = uniqueTopic('it-prod');
    await createTopic(topic, 3);
    const d = plaintextDestination(topic);
    const p = await KafkaProducer.forDestination(d, { lingerMs: 5 });
    const deliveries: Promise<Delivery>[] = [];
    for (let i = 0; i < 30; i++) {
      const { delivered } = await p.enqueue({ topic, partition: i % 3, key: `k${i}`, value: `v${i}`, headers: { seq: String(i) } });
      deliveries.push(delivered);
    }
    const acks = await Promise.all(deliveries);
    await p.close();
    acks.forEach((a, i) => expect(a).toEqual({ topic, partition: i % 3, offset: BigInt(Math.floor(i / 3)) }));

    const got = await consume(d, topic, 30);
    for (const m of got) {
      const i = Number(m.headers.seq?.toString());
      expect(m.value?.toString()).toBe(`v${i}`);
      expect(m.key?.toString()).toBe(`k${i}`);
      expect({ partition: m.partition, offset: m.offset }).toEqual({ partition: acks[i]!.partition, offset: acks[i]!.offset });
    }
    expect(p.stats.records).toBe(30);
  });

  it('works over SCRAM-SHA-256 with gzip, and flush waits for every acknowledgement', async () => {
    const topic = uniqueTopic('it-prod-gz');
    await createTopic(topic, 2);
    const d = scramDestination(topic);
    const p = await KafkaProducer.forDestination(d, { compression: 'gzip', lingerMs: 1000 });
    const settled: number[] = [];
    for (let i = 0; i < 10; i++) void (await p.enqueue({ topic, partition: 1, key: null, value: 'x'.repeat(500) })).delivered.then(() => settled.push(i));
    expect(settled).toEqual([]); // linger 1 s: nothing sent yet
    await p.flush();
    await new Promise((r) => setImmediate(r));
    expect(settled).toEqual([0, 1, 2, 3, 4, 5, 6, 7, 8, 9]);
    await p.close();
    const got = await consume(d, topic, 10);
    expect(got.every((m) => m.partition === 1 && m.value?.length === 500)).toBe(true);
  });

  it('applies back-pressure: enqueue waits while unacknowledged bytes exceed the limit', async () => {
    const topic = uniqueTopic('it-prod-bp');
    await createTopic(topic, 1);
    const value = Buffer.alloc(1000, 1);
    const p = await KafkaProducer.forDestination(plaintextDestination(topic), { maxBufferedBytes: 2500, lingerMs: 20 });
    const events: string[] = [];
    const all: Promise<unknown>[] = [];
    for (let i = 0; i < 6; i++) {
      const { delivered } = await p.enqueue({ topic, partition: 0, key: null, value });
      events.push(`enq${i}`);
      all.push(delivered.then(() => events.push(`ack${i}`)));
    }
    await Promise.all(all);
    await p.close();
    // At most three ~1 KB messages fit under 2.5 KB: the fourth is accepted only after an ack.
    expect(events.indexOf('enq3')).toBeGreaterThan(events.indexOf('ack0'));
    expect(events.slice(0, 3)).toEqual(['enq0', 'enq1', 'enq2']);
  });

  it('stops with KAFKA_PARTITIONS_CHANGED when partitions are added during the task', async () => {
    const topic = uniqueTopic('it-prod-pc');
    await createTopic(topic, 2);
    const p = await KafkaProducer.forDestination(plaintextDestination(topic), { partitionCheckIntervalMs: 60_000 });
    await p.send({ topic, partition: 1, key: null, value: 'before' });
    await withAdmin((a) => a.createPartitions({ topicPartitions: [{ topic, count: 3 }] }));
    await expect(p.checkPartitions()).rejects.toBeInstanceOf(KafkaPartitionCountChangedError);
    const err = await p.enqueue({ topic, partition: 0, key: null, value: 'after' }).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(KafkaPartitionCountChangedError);
    expect((err as Error).message).toContain('had 2 partitions when the task started and now has 3');
    await p.close();
  });

  it('notices the change by itself on the periodic check', async () => {
    const topic = uniqueTopic('it-prod-pc2');
    await createTopic(topic, 1);
    const p = await KafkaProducer.forDestination(plaintextDestination(topic), { partitionCheckIntervalMs: 200 });
    await p.send({ topic, partition: 0, key: null, value: 'v' });
    await withAdmin((a) => a.createPartitions({ topicPartitions: [{ topic, count: 2 }] }));
    await expect.poll(() => p.error?.code, { timeout: 5000, interval: 100 }).toBe('KAFKA_PARTITIONS_CHANGED');
    await p.close();
  });

  it('refuses to start when the count differs from the one recorded at task start', async () => {
    const topic = uniqueTopic('it-prod-pc3');
    await createTopic(topic, 4);
    const err = await KafkaProducer.forDestination(plaintextDestination(topic), { expectedPartitions: { [topic]: 3 } }).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(KafkaPartitionCountChangedError);
  });

  it('rejects a missing topic and a partition the topic does not have', async () => {
    const topic = uniqueTopic('it-prod-x');
    await createTopic(topic, 2);
    const p = await KafkaProducer.forDestination(plaintextDestination(topic));
    const missing = uniqueTopic('it-missing');
    await expect(p.enqueue({ topic: missing, partition: 0, key: null, value: 'v' })).rejects.toBeInstanceOf(KafkaTopicMissingError);
    const err = await p.enqueue({ topic, partition: 2, key: null, value: 'v' }).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(KafkaProduceError);
    expect((err as Error).message).toContain('partition 2 does not exist (the topic has 2 partitions)');
    await p.send({ topic, partition: 1, key: null, value: 'still fine' });
    await p.close();
  });

  it('refuses a compression codec kafkajs does not ship', async () => {
    const kafka = createKafka(plaintextDestination('unused'));
    await expect(KafkaProducer.connect(kafka, { compression: 'snappy' })).rejects.toMatchObject({ code: 'KAFKA_CODEC_UNAVAILABLE' });
  });
});

describe('KafkaProducer failure path', () => {
  it('a topic deleted mid-task rejects the pending deliveries and every later call with KAFKA_TOPIC_MISSING', async () => {
    const topic = uniqueTopic('it-prod-del');
    await createTopic(topic, 1);
    const p = await KafkaProducer.forDestination(plaintextDestination(topic), { retries: 1, lingerMs: 1 });
    await p.send({ topic, partition: 0, key: null, value: 'kept' });
    await withAdmin((a) => a.deleteTopics({ topics: [topic] }));
    const { delivered } = await p.enqueue({ topic, partition: 0, key: null, value: 'lost' });
    const err = await delivered.catch((e: unknown) => e);
    expect(err).toBeInstanceOf(KafkaTopicMissingError);
    expect(p.error).toBe(err);
    await expect(p.enqueue({ topic, partition: 0, key: null, value: 'later' })).rejects.toBe(err);
    await expect(p.flush()).rejects.toBe(err);
    await p.close();
  });
});
