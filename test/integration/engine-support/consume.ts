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
    // Where each partition ends now, transaction markers still to come included: the high
    // watermark. (admin.fetchTopicOffsets answers read_committed — the last stable offset — which
    // lags a commit until its markers are written: read too early, a just-committed topic looked
    // empty.) The read_committed consumer below then reads until it has passed that point, which
    // it can only do once every transaction there has committed or aborted.
    const ends = await highWatermarks(kafka, topic);
    const pending = new Set(offsets.filter((o) => (ends.get(o.partition) ?? 0n) > BigInt(o.low)).map((o) => o.partition));
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

/**
 * Read_uncommitted ListOffsets (the high watermark per partition). kafkajs's admin only asks
 * read_committed, so this builds a cluster client with isolation level 0 through the client's
 * private factory — test code only; if kafkajs renames it, this throws rather than guessing.
 */
async function highWatermarks(kafka: ReturnType<typeof createKafka>, topic: string): Promise<Map<number, bigint>> {
  const factory = Object.getOwnPropertySymbols(kafka).find((s) => s.description === 'private:Kafka:createCluster');
  if (!factory) throw new Error('kafkajs has no private:Kafka:createCluster any more: update highWatermarks()');
  const create = (kafka as unknown as Record<symbol, (o: object) => KafkajsCluster>)[factory]!;
  const cluster = create({ allowAutoTopicCreation: false, isolationLevel: 0 });
  await cluster.connect();
  try {
    await cluster.addTargetTopic(topic);
    await cluster.refreshMetadata();
    const partitions = cluster.findTopicPartitionMetadata(topic).map((p) => ({ partition: p.partitionId }));
    const [offsets] = await cluster.fetchTopicsOffset([{ topic, fromBeginning: false, partitions }]);
    return new Map(offsets!.partitions.map((p) => [p.partition, BigInt(p.offset)]));
  } finally {
    await cluster.disconnect();
  }
}

interface KafkajsCluster {
  connect(): Promise<void>;
  disconnect(): Promise<void>;
  addTargetTopic(topic: string): Promise<void>;
  refreshMetadata(): Promise<void>;
  findTopicPartitionMetadata(topic: string): { partitionId: number }[];
  fetchTopicsOffset(topics: { topic: string; fromBeginning: boolean; partitions: { partition: number }[] }[]): Promise<{ topic: string; partitions: { partition: number; offset: string }[] }[]>;
}
