import type { Admin } from 'kafkajs';
import { EngineError } from '../model/errors';
import { ddlTopicOf, type KafkaDestination } from '../model/kafka-destination';
import type { CommitTarget, PendingRecord, TaskCheckpoint } from '../model/pending-record';
import { DEFAULT_CHECKPOINT_TOPIC, ensureCheckpointTopic, readCheckpoint } from './checkpoint-topic';
import { createKafka, principalOf, type ClientOptions } from './client';
import { partitionCount } from './connectivity';
import { fromKafkaJs, isTransientKafkaError, kafkaJsTypes, KafkaError, KafkaPartitionCountChangedError, KafkaProduceError, KafkaRecordTooLargeError } from './errors';
import { TransactionalProducer, type TxRecord } from './tx-producer';

/**
 * Exactly-once delivery into Kafka: each commit is one Kafka transaction holding a batch of
 * records plus the task checkpoint that covers them (transactional id "ora2kafka-<task id>").
 *
 *   open  → InitProducerId fences any older process of the task and aborts its open transaction
 *         → read the last committed checkpoint (read_committed) → resume from exactly there
 *   commit(records, checkpoint) → AddPartitions, Produce… (the checkpoint rides in the last
 *                                 request), EndTxn(commit) — see tx-producer.ts
 *
 * A process killed mid-transaction leaves nothing visible to read_committed consumers, and the
 * checkpoint it resumes from names exactly the records that are. Consumers must read with
 * isolation.level=read_committed (the Kafka default for Java consumers is read_uncommitted) to
 * see no duplicates; a read_uncommitted consumer can see records of aborted transactions.
 */
export interface TxSinkOptions {
  destination: KafkaDestination;
  taskId: string;
  checkpointTopic?: string;
  client?: ClientOptions;
  compression?: 'none' | 'gzip';
  /** Bytes per record batch (one partition, one request); keep under the topic's max.message.bytes (1 MiB default). */
  maxPartitionBatchBytes?: number;
  /** Bytes per produce request. */
  maxRequestBytes?: number;
  transactionTimeoutMs?: number;
  /** Further topics the task writes (the dead-letter topic), checked to exist like the main ones; `field` names the setting in errors. */
  extraTopics?: { topic: string; field: string }[];
}

export class TaskFencedError extends EngineError {
  constructor(taskId: string, cause?: unknown) {
    super('TASK_FENCED', `Another Ora2Kafka process took over task ${taskId}; this one stopped writing.`, {
      cause,
      hint: 'Only one process may run a task. Stop the other runner (or wait for it), then resume the task.',
    });
  }
}

const FENCED = new Set(['INVALID_PRODUCER_EPOCH', 'PRODUCER_FENCED', 'INVALID_PRODUCER_ID_MAPPING']);

export interface OpenedSink {
  sink: KafkaTxSink;
  checkpoint: TaskCheckpoint | null;
  partitionCounts: Record<string, number>;
  topics: { data: string; ddl: string };
}

export class KafkaTxSink implements CommitTarget {
  private broken: Error | null = null;
  readonly stats = { transactions: 0, records: 0, bytes: 0 };

  private constructor(
    private readonly admin: Admin,
    private readonly producer: TransactionalProducer,
    private readonly settings: Required<Omit<TxSinkOptions, 'client'>>,
    /** The checkpoint topic's partition for this task (kafkajs's default partitioner on the task id, as before). */
    private readonly checkpointPartition: number,
  ) {}

  static async open(opts: TxSinkOptions): Promise<OpenedSink> {
    const destination = opts.destination;
    const settings = {
      destination,
      taskId: opts.taskId,
      checkpointTopic: opts.checkpointTopic ?? DEFAULT_CHECKPOINT_TOPIC,
      compression: opts.compression ?? 'none',
      maxPartitionBatchBytes: opts.maxPartitionBatchBytes ?? 512 * 1024,
      maxRequestBytes: opts.maxRequestBytes ?? 8 * 1024 * 1024,
      transactionTimeoutMs: opts.transactionTimeoutMs ?? 60_000,
      extraTopics: opts.extraTopics ?? [],
    } as const;
    const clientId = opts.client?.clientId ?? `ora2kafka-${opts.taskId}`;
    const kafka = createKafka(destination, { ...opts.client, clientId });
    const admin = kafka.admin();
    let producer: TransactionalProducer | null = null;
    try {
      await admin.connect();
      await ensureCheckpointTopic(admin, settings.checkpointTopic);
      // InitProducerId fences older producers of this task and aborts any transaction they left
      // open before we read the checkpoint.
      const topics = { data: destination.topic, ddl: ddlTopicOf(destination) };
      producer = await TransactionalProducer.connect(kafka, {
        transactionalId: transactionalIdOf(opts.taskId),
        clientId,
        topicLimits: await maxMessageBytes(admin, [...new Set([topics.data, topics.ddl, ...settings.extraTopics.map((t) => t.topic)])]),
        transactionTimeoutMs: settings.transactionTimeoutMs,
        compression: settings.compression,
        maxBatchBytes: settings.maxPartitionBatchBytes,
        maxRequestBytes: settings.maxRequestBytes,
      });
      const checkpoint = await readCheckpoint(kafka, admin, settings.checkpointTopic, opts.taskId);
      const principal = principalOf(destination);
      const partitionCounts: Record<string, number> = { [topics.data]: await partitionCount(admin, topics.data, { principal, field: 'topic' }) };
      if (topics.ddl !== topics.data) partitionCounts[topics.ddl] = await partitionCount(admin, topics.ddl, { principal, field: 'ddlTopic' });
      for (const extra of settings.extraTopics) partitionCounts[extra.topic] ??= await partitionCount(admin, extra.topic, { principal, field: extra.field });
      for (const [topic, before] of Object.entries(checkpoint?.partitions ?? {})) {
        const now = partitionCounts[topic];
        if (now !== undefined && now !== before) throw new KafkaPartitionCountChangedError(topic, before, now);
      }
      const ckPartition = TransactionalProducer.defaultPartition(settings.checkpointTopic, opts.taskId, await partitionCount(admin, settings.checkpointTopic, { principal }));
      return { sink: new KafkaTxSink(admin, producer, settings, ckPartition), checkpoint, partitionCounts, topics };
    } catch (e) {
      await Promise.allSettled([producer?.disconnect(), admin.disconnect()]);
      throw toKafkaError(e, destination, opts.taskId, destination.topic);
    }
  }

  async commit(records: readonly PendingRecord[], checkpoint: TaskCheckpoint): Promise<void> {
    if (this.broken) throw this.broken;
    const value = Buffer.from(JSON.stringify(checkpoint));
    const key = Buffer.from(this.settings.taskId);
    const all: TxRecord[] = [...records, { topic: this.settings.checkpointTopic, partition: this.checkpointPartition, key, value, bytes: key.length + value.length }];
    try {
      await this.producer.commit(all);
      this.stats.transactions++;
      this.stats.records += records.length;
      for (const r of records) this.stats.bytes += r.bytes;
    } catch (e) {
      await this.producer.abort().catch(() => undefined);
      // The producer's transaction state is unknown now: a new attempt opens a new sink (and fences this one).
      this.broken = toKafkaError(e, this.settings.destination, this.settings.taskId, records[0]?.topic ?? this.settings.destination.topic);
      throw this.broken;
    }
  }

  /** The transactional producer's counters (transactions, produce requests, batches, retries). */
  get producerStats(): Readonly<TransactionalProducer['stats']> {
    return this.producer.stats;
  }

  async close(): Promise<void> {
    await Promise.allSettled([this.producer.disconnect(), this.admin.disconnect()]);
  }
}

/**
 * Makes sure no process of the task can ever commit again (release): a new producer with the
 * task's transactional id bumps the epoch, which fences every older producer and aborts any
 * transaction one of them left open.
 */
export async function fenceTask(destination: KafkaDestination, taskId: string, client: ClientOptions = {}): Promise<void> {
  const kafka = createKafka(destination, { clientId: `ora2kafka-${taskId}-release`, ...client });
  try {
    const producer = await TransactionalProducer.connect(kafka, { transactionalId: transactionalIdOf(taskId) });
    await producer.disconnect();
  } catch (e) {
    throw toKafkaError(e, destination, taskId, destination.topic);
  }
}

export function transactionalIdOf(taskId: string): string {
  return `ora2kafka-${taskId}`;
}

/**
 * Each topic's max.message.bytes (the topic's own or the broker default it inherits). Topics whose
 * configuration the account may not read (no DescribeConfigs) are left out: batches then stay at
 * the producer's default size, and an oversized record is reported by the broker instead.
 */
async function maxMessageBytes(admin: Admin, topics: string[]): Promise<Record<string, number>> {
  const out: Record<string, number> = {};
  try {
    const r = await admin.describeConfigs({
      includeSynonyms: false,
      resources: topics.map((name) => ({ type: TOPIC_RESOURCE, name, configNames: ['max.message.bytes'] })),
    });
    for (const res of r.resources) {
      const v = Number(res.configEntries.find((c) => c.configName === 'max.message.bytes')?.configValue);
      if (res.errorCode === 0 && Number.isInteger(v) && v > 0) out[res.resourceName] = v;
    }
  } catch {
    /* not authorised to describe configs: keep the defaults */
  }
  return out;
}

/** ConfigResourceTypes.TOPIC: Node's ESM loader does not see that named export of CommonJS kafkajs. */
const TOPIC_RESOURCE = 2;

const TOO_LARGE = new Set(['MESSAGE_TOO_LARGE', 'RECORD_LIST_TOO_LARGE']);

function toKafkaError(e: unknown, destination: KafkaDestination, taskId: string, topic: string): Error {
  if (e instanceof KafkaError || e instanceof EngineError) return e;
  const types = kafkaJsTypes(e);
  if (types.some((t) => FENCED.has(t))) return new TaskFencedError(taskId, e);
  if (types.some((t) => TOO_LARGE.has(t))) return new KafkaRecordTooLargeError(topic, `the broker refused a record batch as larger than the topic's max.message.bytes (${(e as Error).message})`, e);
  const known = fromKafkaJs(e, { brokers: destination.brokers, username: principalOf(destination) });
  if (known) return known;
  // A broker that is down (no coordinator, no leader, no connection) is retried within the task's
  // retry window, never a failed task: the commit is idempotent from the last checkpoint.
  return new KafkaProduceError(topic, (e as Error).message ?? String(e), isTransientKafkaError(e), e);
}
