/**
 * What integration tests need to talk to the run's broker: destination settings for each listener,
 * a kafkajs admin, and unique topic names (tests share one broker, so each makes its own topics).
 */
import { randomBytes } from 'node:crypto';
import { inject } from 'vitest';
import type { Admin } from 'kafkajs';
import { kafkaDestinationSchema, type KafkaDestination } from '../../server/model/kafka-destination';
import { createKafka } from '../../server/kafka/client';
import { ensureTopic } from '../../server/kafka/connectivity';

export const kafka = () => inject('kafka');

/** Destination settings for the PLAINTEXT listener. */
export function plaintextDestination(topic: string, extra: Partial<KafkaDestination> = {}): KafkaDestination {
  return { ...kafkaDestinationSchema.parse({ brokers: kafka().plaintext, topic }), ...extra };
}

/** Destination settings for the SCRAM-SHA-256 listener with the main account. */
export function scramDestination(topic: string, extra: Partial<KafkaDestination> = {}): KafkaDestination {
  const k = kafka();
  if (!k.scramUser || k.scramPassword === null) throw new Error('set KAFKA_SASL_USERNAME and KAFKA_SASL_PASSWORD to test SCRAM against KAFKA_BROKERS');
  return {
    ...kafkaDestinationSchema.parse({ brokers: k.sasl, topic, connectionMethod: 'scram-sha-256', username: k.scramUser, password: k.scramPassword }),
    ...extra,
  };
}

export function uniqueTopic(prefix: string): string {
  return `${prefix}-${Date.now().toString(36)}-${randomBytes(3).toString('hex')}`;
}

/** Run `fn` with a connected admin on the PLAINTEXT listener. */
export async function withAdmin<T>(fn: (admin: Admin) => Promise<T>): Promise<T> {
  const admin = createKafka(plaintextDestination('unused')).admin();
  await admin.connect();
  try {
    return await fn(admin);
  } finally {
    await admin.disconnect();
  }
}

export async function createTopic(topic: string, partitions: number): Promise<void> {
  await withAdmin((a) => ensureTopic(a, topic, partitions));
}

export interface Consumed {
  partition: number;
  offset: bigint;
  key: Buffer | null;
  value: Buffer | null;
  headers: Record<string, Buffer | undefined>;
}

/** Read the first `n` messages of `topic` from the beginning (fresh consumer group). */
export async function consume(d: KafkaDestination, topic: string, n: number, timeoutMs = 20_000): Promise<Consumed[]> {
  const consumer = createKafka(d).consumer({ groupId: uniqueTopic('it-group'), sessionTimeout: 10_000, heartbeatInterval: 1000 });
  await consumer.connect();
  const got: Consumed[] = [];
  try {
    await consumer.subscribe({ topic, fromBeginning: true });
    await new Promise<void>((resolve, reject) => {
      const timer = setTimeout(() => reject(new Error(`consumed ${got.length} of ${n} messages from ${topic} within ${timeoutMs} ms`)), timeoutMs);
      consumer
        .run({
          eachMessage: async ({ partition, message }) => {
            got.push({
              partition,
              offset: BigInt(message.offset),
              key: message.key,
              value: message.value,
              headers: Object.fromEntries(Object.entries(message.headers ?? {}).map(([k, v]) => [k, Array.isArray(v) ? (v[0] as Buffer) : (v as Buffer | undefined)])),
            });
            if (got.length >= n) {
              clearTimeout(timer);
              resolve();
            }
          },
        })
        .catch(reject);
    });
  } finally {
    await consumer.disconnect();
  }
  return got;
}
