import { randomUUID } from 'node:crypto';
import type { Admin, Kafka } from 'kafkajs';
import { EngineError } from '../model/errors';
import type { TaskCheckpoint } from '../model/pending-record';

/**
 * The compacted topic that holds each task's checkpoint, written inside the same Kafka transaction
 * as the records it covers. One message per commit:
 *
 *   key "o2k-3f9c…" (task id)   value {"taskId":"o2k-3f9c…","phase":"incremental","incremental":{"restartScn":"5012001",…},…}
 *
 * Reading it back uses isolation level read_committed, so a checkpoint whose transaction was
 * aborted (or left open by a process that was killed, then aborted by the fencing InitProducerId)
 * is never seen: the checkpoint found is always the one matching the records consumers can see.
 */
export const DEFAULT_CHECKPOINT_TOPIC = '__ora2kafka_checkpoints';

export class CheckpointTopicError extends EngineError {
  constructor(topic: string, detail: string, cause?: unknown) {
    super('CHECKPOINT_TOPIC_UNREADABLE', `Cannot read task checkpoints from topic "${topic}": ${detail}`, {
      retriable: true,
      cause,
      hint: `The account needs Describe, Read and Write on topic ${topic} (created automatically with cleanup.policy=compact) and Write/Describe on the task's transactional id (ora2kafka-<task id>). The task retries within its retry window.`,
    });
  }
}

/** Creates the checkpoint topic (1 partition, compacted) when it does not exist. */
export async function ensureCheckpointTopic(admin: Admin, topic: string): Promise<void> {
  const existing = await admin.listTopics();
  if (existing.includes(topic)) return;
  const { brokers } = await admin.describeCluster();
  try {
    await admin.createTopics({
      topics: [{ topic, numPartitions: 1, replicationFactor: Math.min(3, brokers.length), configEntries: [{ name: 'cleanup.policy', value: 'compact' }] }],
      waitForLeaders: true,
    });
  } catch (e) {
    if ((e as { type?: string }).type !== 'TOPIC_ALREADY_EXISTS') throw e;
  }
  // KRaft brokers may briefly report the new topic unknown; wait for a leader.
  for (let i = 0; i < 50; i++) {
    try {
      const md = await admin.fetchTopicMetadata({ topics: [topic] });
      if (md.topics[0]?.partitions.every((p) => p.leader >= 0)) return;
    } catch {
      /* not visible yet */
    }
    await new Promise((r) => setTimeout(r, 100));
  }
}

/**
 * The last committed checkpoint of `taskId`, or null. Reads the topic from the start to its end
 * offset with read_committed. Call after the task's transactional producer is initialised (that
 * aborts a transaction a killed process left open, so the end offset is final for this task).
 */
export async function readCheckpoint(kafka: Kafka, admin: Admin, topic: string, taskId: string, timeoutMs = 30_000): Promise<TaskCheckpoint | null> {
  const offsets = await admin.fetchTopicOffsets(topic);
  const ends = new Map(offsets.map((o) => [o.partition, BigInt(o.high)]));
  const starts = new Map(offsets.map((o) => [o.partition, BigInt(o.low)]));
  const pending = new Set([...ends].filter(([p, high]) => high > (starts.get(p) ?? 0n)).map(([p]) => p));
  if (pending.size === 0) return null;
  const groupId = `ora2kafka-checkpoint-reader-${randomUUID()}`;
  const consumer = kafka.consumer({ groupId, readUncommitted: false, sessionTimeout: 10_000, heartbeatInterval: 1000, maxWaitTimeInMs: 200 });
  let latest: TaskCheckpoint | null = null;
  await consumer.connect();
  try {
    await consumer.subscribe({ topic, fromBeginning: true });
    await new Promise<void>((resolve, reject) => {
      const timer = setTimeout(
        () => reject(new CheckpointTopicError(topic, `the end of the topic was not reached within ${timeoutMs} ms (a long-open transaction of another task holds it back)`)),
        timeoutMs,
      );
      consumer
        .run({
          autoCommit: false,
          eachBatch: async ({ batch }) => {
            for (const m of batch.messages) {
              if (m.key?.toString() === taskId && m.value) latest = JSON.parse(m.value.toString()) as TaskCheckpoint;
            }
            // lastOffset() counts transaction markers too, which are never delivered as messages.
            if (BigInt(batch.lastOffset()) + 1n >= (ends.get(batch.partition) ?? 0n)) pending.delete(batch.partition);
            if (pending.size === 0) {
              clearTimeout(timer);
              resolve();
            }
          },
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
  return latest;
}
