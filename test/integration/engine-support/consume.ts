import { randomUUID } from 'node:crypto';
import type { KafkaDestination } from '../../../server/model/kafka-destination';
import { createKafka } from '../../../server/kafka/client';

/**
 * Reads a whole topic, from the start to the end offsets measured when called, the way a
 * downstream consumer would (read_committed by default: records of aborted transactions and
 * transaction markers are skipped).
 */
export interface ConsumedRecord {
  partition: number;
  offset: bigint;
  key: string | null;
  value: Buffer | null;
}

export async function consumeAll(
  d: KafkaDestination,
  topic: string,
  opts: { isolation?: 'read_committed' | 'read_uncommitted'; timeoutMs?: number } = {},
): Promise<ConsumedRecord[]> {
  const kafka = createKafka(d);
  const admin = kafka.admin();
  await admin.connect();
  const groupId = `it-consume-${randomUUID()}`;
  try {
    const offsets = await admin.fetchTopicOffsets(topic);
    const ends = new Map(offsets.map((o) => [o.partition, BigInt(o.high)]));
    const pending = new Set(offsets.filter((o) => BigInt(o.high) > BigInt(o.low)).map((o) => o.partition));
    const out: ConsumedRecord[] = [];
    if (pending.size === 0) return out;
    const consumer = kafka.consumer({ groupId, readUncommitted: opts.isolation === 'read_uncommitted', maxWaitTimeInMs: 200, maxBytes: 50 * 1024 * 1024 });
    await consumer.connect();
    try {
      await consumer.subscribe({ topic, fromBeginning: true });
      await new Promise<void>((resolve, reject) => {
        const timeoutMs = opts.timeoutMs ?? 60_000;
        const timer = setTimeout(() => reject(new Error(`topic ${topic}: end not reached in ${timeoutMs} ms (${out.length} records read)`)), timeoutMs);
        consumer
          .run({
            autoCommit: false,
            eachBatch: async ({ batch }) => {
              for (const m of batch.messages) out.push({ partition: batch.partition, offset: BigInt(m.offset), key: m.key?.toString() ?? null, value: m.value });
              if (BigInt(batch.lastOffset()) + 1n >= (ends.get(batch.partition) ?? 0n)) pending.delete(batch.partition);
              if (pending.size === 0) {
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
    return out;
  } finally {
    await admin.deleteGroups([groupId]).catch(() => undefined);
    await admin.disconnect();
  }
}
