import { randomUUID } from 'node:crypto';
import type { Admin, Kafka } from 'kafkajs';
import { EngineError } from '../model/errors';

/**
 * Reads a topic the way a downstream consumer does — read_committed, so records of aborted
 * transactions and transaction markers never show — from a starting point up to the end measured
 * when the read begins (the last stable offset: nothing still in an open transaction).
 *
 *   readTopic(kafka, admin, 'oracle.hr', { from: { kind: 'start' } }, (batch) => { … })
 *   → { partitions: [{ partition: 0, earliest: 0n, start: 0n, end: 1204n }, …], stopped: false }
 *
 * `earliest` > 0 means retention (or compaction of the head) removed records: a replay from there
 * cannot rebuild the whole table, which callers must say rather than report false differences.
 */
export type ReadFrom = { kind: 'start' } | { kind: 'offset'; offset: bigint } | { kind: 'time'; ms: number };

export interface TopicMessage {
  partition: number;
  offset: bigint;
  timestampMs: number;
  key: Buffer | null;
  value: Buffer | null;
}

export interface PartitionRange {
  partition: number;
  /** First offset still in the log (log start offset). */
  earliest: bigint;
  /** Where this read started. */
  start: bigint;
  /** Last stable offset when the read began: the read stops there. */
  end: bigint;
}

export interface TopicRead {
  partitions: PartitionRange[];
  /** The callback asked to stop before every partition reached its end. */
  stopped: boolean;
}

export class TopicReadError extends EngineError {
  constructor(topic: string, detail: string, hint: string) {
    super('TOPIC_READ_FAILED', `Reading topic ${topic}: ${detail}`, { hint });
  }
}

/** Batches in offset order per partition; return false to stop reading. */
export type OnMessages = (messages: TopicMessage[]) => boolean | void | Promise<boolean | void>;

export async function readTopic(kafka: Kafka, admin: Admin, topic: string, opts: { from: ReadFrom; timeoutMs?: number }, onMessages: OnMessages): Promise<TopicRead> {
  if (!(await admin.listTopics()).includes(topic)) throw new TopicReadError(topic, 'the topic does not exist', 'Check the task\'s Topic setting; the topic is created when the task first starts.');
  const offsets = await admin.fetchTopicOffsets(topic);
  const starts = await startOffsets(admin, topic, opts.from, offsets);
  const partitions: PartitionRange[] = offsets
    .map((o) => {
      const earliest = BigInt(o.low);
      const end = BigInt(o.high);
      const want = starts.get(o.partition) ?? earliest;
      const start = want < earliest ? earliest : want > end ? end : want;
      return { partition: o.partition, earliest, start, end };
    })
    .sort((a, b) => a.partition - b.partition);
  const pending = new Set(partitions.filter((p) => p.end > p.start).map((p) => p.partition));
  if (pending.size === 0) return { partitions, stopped: false };
  const range = new Map(partitions.map((p) => [p.partition, p]));
  // Next offset to hand out per partition: a fetch made before the seek took effect may deliver
  // offsets again after it, and each message must reach the callback once.
  const next = new Map(partitions.map((p) => [p.partition, p.start]));
  const groupId = `ora2kafka-reader-${randomUUID()}`;
  const consumer = kafka.consumer({ groupId, readUncommitted: false, sessionTimeout: 10_000, heartbeatInterval: 1000, maxWaitTimeInMs: 200, maxBytes: 16 * 1024 * 1024 });
  const timeoutMs = opts.timeoutMs ?? 60_000;
  let stopped = false;
  await consumer.connect();
  try {
    await consumer.subscribe({ topic, fromBeginning: true });
    await new Promise<void>((resolve, reject) => {
      const timer = setTimeout(() => reject(new TopicReadError(topic, `the end was not reached within ${timeoutMs} ms`, 'A transaction left open on the topic holds read_committed readers back; it ends when its producer commits, aborts or times out.')), timeoutMs);
      const finish = () => {
        clearTimeout(timer);
        resolve();
      };
      // A partition is read once a batch ends at or past its end. Batches holding only transaction
      // markers (the end of a range is often a commit marker) never reach eachBatch, but kafkajs
      // reports every batch here, after eachBatch handled its messages; lastOffset counts markers.
      consumer.on(consumer.events.END_BATCH_PROCESS, ({ payload }) => {
        const r = range.get(payload.partition);
        if (stopped || !r || payload.topic !== topic || !pending.has(r.partition)) return;
        if (BigInt(payload.lastOffset) + 1n >= r.end) pending.delete(r.partition);
        if (pending.size === 0) finish();
      });
      consumer
        .run({
          autoCommit: false,
          eachBatch: async ({ batch }) => {
            if (stopped || !pending.has(batch.partition)) return;
            const r = range.get(batch.partition)!;
            const out: TopicMessage[] = [];
            for (const m of batch.messages) {
              const offset = BigInt(m.offset);
              // Before a seek takes effect a fetch may start earlier; past the end belongs to a later read.
              if (offset < next.get(batch.partition)! || offset >= r.end) continue;
              next.set(batch.partition, offset + 1n);
              out.push({ partition: batch.partition, offset, timestampMs: Number(m.timestamp), key: m.key, value: m.value });
            }
            if (out.length > 0 && (await onMessages(out)) === false) {
              stopped = true;
              finish();
            }
          },
        })
        .then(() => {
          for (const p of partitions) if (p.start > p.earliest && pending.has(p.partition)) consumer.seek({ topic, partition: p.partition, offset: String(p.start) });
        })
        .catch((e: unknown) => {
          clearTimeout(timer);
          reject(e);
        });
    });
  } finally {
    await consumer.disconnect().catch(() => undefined);
    await admin.deleteGroups([groupId]).catch(() => undefined);
  }
  return { partitions, stopped };
}

async function startOffsets(admin: Admin, topic: string, from: ReadFrom, offsets: { partition: number; low: string }[]): Promise<Map<number, bigint>> {
  if (from.kind === 'start') return new Map(offsets.map((o) => [o.partition, BigInt(o.low)]));
  if (from.kind === 'offset') return new Map(offsets.map((o) => [o.partition, from.offset]));
  const byTime = await admin.fetchTopicOffsetsByTimestamp(topic, from.ms);
  return new Map(byTime.map((o) => [o.partition, BigInt(o.offset)]));
}
