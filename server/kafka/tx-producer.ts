import { Partitioners, type Kafka } from 'kafkajs';
import { isTransientKafkaError, KafkaRecordTooLargeError } from './errors';
import { ByteArena } from './wire/byte-arena';
import { createCluster, protocolError, sendFramed, TRANSACTION_COORDINATOR, type KjsBroker, type KjsCluster } from './wire/kafkajs-internals';
import { CORRELATION_ID_OFFSET, decodeProduceResponse, frameHeaderSize, produceFrameSize, produceRequest, writeProduceFrame, type FrameBatch } from './wire/produce-request';
import { BATCH_HEADER_BYTES, encodeRecordBatch, RECORD_OVERHEAD_BYTES, recordBatchSize, writeRecordBatch, type BatchRecord } from './wire/record-batch';

/**
 * A transactional Kafka producer whose records are written once, straight into record batches
 * (no per-record buffers or copies, unlike kafkajs's produce path, which cost half the engine's
 * CPU). One `commit` is one Kafka transaction:
 *
 *   AddPartitionsToTxn(every partition written)  →  Produce… (one batch per partition per request,
 *   up to 5 requests in flight per broker, sequence numbers per partition)  →  EndTxn(commit)
 *
 *   const p = await TransactionalProducer.connect(kafka, { transactionalId: 'ora2kafka-task-7' });
 *   await p.commit([{ topic: 'oracle.hr', partition: 2, key, value }, …]);   // all visible, or none
 *
 * `connect` runs InitProducerId, which fences every older producer with the same transactional id
 * and aborts the transaction one of them left open. Transient failures (leader moved, connection
 * dropped, coordinator loading) are retried with the same sequence numbers, which the broker
 * de-duplicates; anything else — fenced, not authorised, out of retries — rejects, and the
 * producer must not be used again (the caller opens a new one, which fences this one).
 */

export interface TxRecord extends BatchRecord {
  topic: string;
  partition: number;
  /** Key + value + header bytes (sizes batches and requests). */
  bytes: number;
}

export interface TxProducerOptions {
  transactionalId: string;
  transactionTimeoutMs?: number;
  compression?: 'none' | 'gzip';
  /** Bytes per partition batch; keep under the topic's max.message.bytes (1 MiB by default). */
  maxBatchBytes?: number;
  /**
   * The topics' max.message.bytes, where known: batches stay within it, and a single record that
   * cannot fit fails the commit with KAFKA_RECORD_TOO_LARGE before anything is sent.
   */
  topicLimits?: Readonly<Record<string, number>>;
  /** Bytes per produce request. */
  maxRequestBytes?: number;
  produceTimeoutMs?: number;
  /** Attempts per request after a transient failure (backoff 200 ms doubling to 2 s: ~7 s for 6). */
  retries?: number;
  /** How long transaction-coordinator calls retry transient failures (coordinator moving or loading, broker restarting). */
  coordinatorRetryMs?: number;
  /** Produce requests in flight per broker (the broker keeps at most 5 batches per partition for de-duplication). */
  maxInFlight?: number;
  /** Client id in produce request headers (the Kafka client's, for broker logs and quotas). */
  clientId?: string;
}

const RETRIABLE_TYPES = new Set([
  'CONCURRENT_TRANSACTIONS',
  'COORDINATOR_LOAD_IN_PROGRESS',
  'COORDINATOR_NOT_AVAILABLE',
  'GROUP_COORDINATOR_NOT_AVAILABLE',
  'NOT_COORDINATOR',
  'NOT_COORDINATOR_FOR_GROUP',
  'GROUP_LOAD_IN_PROGRESS',
  'REQUEST_TIMED_OUT',
]);
const DUPLICATE_SEQUENCE = 46;
const OUT_OF_ORDER_SEQUENCE = 45;
const COORDINATOR_MOVED = new Set(['NOT_COORDINATOR', 'NOT_COORDINATOR_FOR_GROUP', 'COORDINATOR_NOT_AVAILABLE', 'GROUP_COORDINATOR_NOT_AVAILABLE']);
const INT32_MAX = 0x7fffffff;

type KjsError = Error & { type?: string; retriable?: boolean; name: string };

/** Transient failures (network, stale metadata, coordinator moving or loading): worth another attempt after a metadata refresh. */
function retriable(e: unknown): boolean {
  const err = e as KjsError;
  if (err?.type && RETRIABLE_TYPES.has(err.type)) return true;
  return isTransientKafkaError(e);
}

const sleep = (ms: number) => new Promise<void>((r) => setTimeout(r, ms));

interface PlannedBatch extends FrameBatch {
  acked: boolean;
  baseOffset: bigint | null;
}

export class TransactionalProducer {
  private producerId = '-1';
  private producerEpoch = -1;
  private coordinator: KjsBroker | null = null;
  private readonly sequences = new Map<string, number>();
  /** Requests of the transaction in progress are written here; reused by the next one. */
  private readonly arena = new ByteArena();
  private readonly clientId: string;
  private readonly settings: Required<Omit<TxProducerOptions, 'transactionalId'>>;
  readonly stats = { transactions: 0, requests: 0, batches: 0, retries: 0 };

  private constructor(
    private readonly cluster: KjsCluster,
    private readonly transactionalId: string,
    opts: TxProducerOptions,
    clientId: string,
  ) {
    this.clientId = clientId;
    this.settings = {
      clientId,
      topicLimits: opts.topicLimits ?? {},
      transactionTimeoutMs: opts.transactionTimeoutMs ?? 60_000,
      compression: opts.compression ?? 'none',
      maxBatchBytes: opts.maxBatchBytes ?? 512 * 1024,
      maxRequestBytes: opts.maxRequestBytes ?? 8 * 1024 * 1024,
      produceTimeoutMs: opts.produceTimeoutMs ?? 30_000,
      retries: opts.retries ?? 6,
      coordinatorRetryMs: opts.coordinatorRetryMs ?? 15_000,
      maxInFlight: Math.min(5, opts.maxInFlight ?? 5),
    };
  }

  /** Connects and runs InitProducerId (fencing older producers of the same transactional id). */
  static connect(kafka: Kafka, opts: TxProducerOptions): Promise<TransactionalProducer> {
    return TransactionalProducer.onCluster(createCluster(kafka), opts);
  }

  /** `connect` on a given cluster (tests script one). */
  static async onCluster(cluster: KjsCluster, opts: TxProducerOptions): Promise<TransactionalProducer> {
    const p = new TransactionalProducer(cluster, opts.transactionalId, opts, opts.clientId ?? 'ora2kafka');
    try {
      await p.cluster.connect();
      await p.withCoordinator(async (b) => {
        const r = await b.initProducerId({ transactionalId: p.transactionalId, transactionTimeout: p.settings.transactionTimeoutMs });
        p.producerId = r.producerId;
        p.producerEpoch = r.producerEpoch;
      });
    } catch (e) {
      await p.disconnect();
      throw e;
    }
    return p;
  }

  /** Partition of `key` under kafkajs's default partitioner (murmur2, as the Java client). */
  static defaultPartition(topic: string, key: string, partitions: number): number {
    const partitionMetadata = Array.from({ length: partitions }, (_, i) => ({ partitionId: i, leader: 0, partitionErrorCode: 0, replicas: [0], isr: [0] }));
    return Partitioners.DefaultPartitioner()({ topic, partitionMetadata, message: { key, value: null } });
  }

  /** Writes `records` in one transaction and commits it (an empty list commits nothing). */
  async commit(records: readonly TxRecord[]): Promise<void> {
    if (records.length === 0) return;
    this.arena.reset(); // the previous transaction's requests are all answered
    const batches = this.plan(records);
    const topics = new Map<string, Set<number>>();
    for (const b of batches) {
      let s = topics.get(b.topic);
      if (!s) topics.set(b.topic, (s = new Set()));
      s.add(b.partition);
    }
    const txTopics = [...topics].map(([topic, s]) => ({ topic, partitions: [...s] }));
    await this.withCoordinator((c) => c.addPartitionsToTxn({ transactionalId: this.transactionalId, producerId: this.producerId, producerEpoch: this.producerEpoch, topics: txTopics }));
    await this.cluster.addMultipleTargetTopics([...topics.keys()]);
    await this.produceAll(batches);
    await this.withCoordinator((c) => c.endTxn({ transactionalId: this.transactionalId, producerId: this.producerId, producerEpoch: this.producerEpoch, transactionResult: true }));
    this.stats.transactions++;
  }

  /** Aborts a transaction this producer may have open (after a failed commit, before giving up). */
  async abort(): Promise<void> {
    // Short: the caller is giving up anyway, and the next producer's InitProducerId aborts it too.
    await this.withCoordinator((c) => c.endTxn({ transactionalId: this.transactionalId, producerId: this.producerId, producerEpoch: this.producerEpoch, transactionResult: false }), 5000);
  }

  async disconnect(): Promise<void> {
    await this.cluster.disconnect().catch(() => undefined);
  }

  /** Record batches in send order: per partition, consecutive slices of at most `maxBatchBytes`. */
  private plan(records: readonly TxRecord[]): PlannedBatch[] {
    type Group = { topic: string; partition: number; records: TxRecord[] };
    const byTopic = new Map<string, Group[]>();
    const groups: Group[] = [];
    for (const r of records) {
      let parts = byTopic.get(r.topic);
      if (!parts) byTopic.set(r.topic, (parts = []));
      const g = parts[r.partition];
      if (g) g.records.push(r);
      else groups.push((parts[r.partition] = { topic: r.topic, partition: r.partition, records: [r] }));
    }
    const timestampMs = Date.now();
    const producerId = BigInt(this.producerId);
    const out: PlannedBatch[] = [];
    for (const g of groups) {
      const id = `${g.partition}\u0000${g.topic}`;
      const topicLimit = this.settings.topicLimits[g.topic];
      const limit = Math.min(this.settings.maxBatchBytes, topicLimit ?? Infinity);
      let from = 0;
      while (from < g.records.length) {
        let size = BATCH_HEADER_BYTES;
        let to = from;
        while (to < g.records.length && (to === from || size + g.records[to]!.bytes + RECORD_OVERHEAD_BYTES <= limit)) {
          size += g.records[to]!.bytes + RECORD_OVERHEAD_BYTES;
          to++;
        }
        if (to === from + 1 && topicLimit !== undefined && this.settings.compression === 'none') {
          const alone = recordBatchSize(g.records, from, to);
          if (alone > topicLimit) {
            throw new KafkaRecordTooLargeError(g.topic, `one record needs ${alone.toLocaleString('en-US')} bytes and the topic's max.message.bytes is ${topicLimit.toLocaleString('en-US')}`);
          }
        }
        const baseSequence = this.sequences.get(id) ?? 0;
        const next = baseSequence + (to - from);
        this.sequences.set(id, next > INT32_MAX ? next - INT32_MAX - 1 : next);
        const header = { producerId, producerEpoch: this.producerEpoch, baseSequence, transactional: true, timestampMs, compression: this.settings.compression };
        const list = g.records;
        const a = from;
        const z = to;
        // Uncompressed batches are written straight into their request; gzip needs the bytes first.
        const batch = this.settings.compression === 'gzip' ? encodeRecordBatch(list, header, a, z) : null;
        out.push({
          topic: g.topic,
          partition: g.partition,
          size: batch ? batch.length : recordBatchSize(list, a, z),
          batch,
          write: (buf, pos) => writeRecordBatch(buf, pos, list, header, a, z),
          acked: false,
          baseOffset: null,
        });
        from = to;
      }
    }
    this.stats.batches += out.length;
    return out;
  }

  /** Sends every batch, retrying transient failures with the same sequence numbers. */
  private async produceAll(batches: PlannedBatch[]): Promise<void> {
    for (let attempt = 0; ; attempt++) {
      const failures = await this.produceRound(batches.filter((b) => !b.acked));
      if (failures.length === 0) return;
      const fatal = failures.find((f) => !f.retriable);
      if (fatal || attempt >= this.settings.retries) throw (fatal ?? failures[0]!).error;
      this.stats.retries++;
      await sleep(Math.min(2000, 200 * 2 ** attempt));
      if (!this.cluster.isConnected()) await this.cluster.connect();
      await this.cluster.refreshMetadata();
    }
  }

  /**
   * One pass: batches grouped by leader into requests (at most one batch per partition each, in
   * plan order), requests to one broker pipelined on its connection, brokers in parallel.
   */
  private async produceRound(pending: PlannedBatch[]): Promise<{ error: Error; retriable: boolean }[]> {
    const byLeader = new Map<number, PlannedBatch[][]>();
    const failures: { error: Error; retriable: boolean }[] = [];
    for (const b of pending) {
      const leader = this.cluster.findTopicPartitionMetadata(b.topic).find((m) => m.partitionId === b.partition)?.leader;
      if (leader === undefined || leader < 0) {
        failures.push({ error: Object.assign(protocolError(6), { message: `No leader for ${b.topic} partition ${b.partition}` }), retriable: true });
        continue;
      }
      let requests = byLeader.get(leader);
      if (!requests) byLeader.set(leader, (requests = []));
      // The first request after the last one holding this partition, with room left.
      let i = requests.length - 1;
      while (i >= 0 && !requests[i]!.some((x) => x.topic === b.topic && x.partition === b.partition)) i--;
      i++;
      while (i < requests.length && requests[i]!.reduce((n, x) => n + x.size, 0) + b.size > this.settings.maxRequestBytes) i++;
      if (i === requests.length) requests.push([]);
      requests[i]!.push(b);
    }
    if (failures.length > 0) return failures;
    await Promise.all(
      [...byLeader].map(async ([nodeId, requests]) => {
        let broker: KjsBroker;
        try {
          broker = await this.cluster.findBroker({ nodeId });
        } catch (e) {
          failures.push({ error: e as Error, retriable: retriable(e) });
          return;
        }
        const inFlight = new Set<Promise<void>>();
        for (const req of requests) {
          while (inFlight.size >= this.settings.maxInFlight) await Promise.race(inFlight);
          const p = this.send(broker, req, failures).finally(() => inFlight.delete(p));
          inFlight.add(p);
        }
        await Promise.all(inFlight);
      }),
    );
    return failures;
  }

  private async send(broker: KjsBroker, req: PlannedBatch[], failures: { error: Error; retriable: boolean }[]): Promise<void> {
    const frame = this.arena.take(produceFrameSize(this.clientId, this.transactionalId, req));
    writeProduceFrame(frame, this.clientId, this.transactionalId, -1, this.settings.produceTimeoutMs, req);
    let reply: ReturnType<typeof decodeProduceResponse>;
    try {
      reply = await sendFramed(broker, frame, CORRELATION_ID_OFFSET, 0, 3, 'Produce', decodeProduceResponse, () => produceRequest(frame.subarray(frameHeaderSize(this.clientId))));
      this.stats.requests++;
    } catch (e) {
      if ((e as Error).name === 'KafkaJSConnectionClosedError') await broker.disconnect().catch(() => undefined);
      failures.push({ error: e as Error, retriable: retriable(e) });
      return;
    }
    const results = new Map(reply.results.map((r) => [`${r.partition}\u0000${r.topic}`, r]));
    for (const b of req) {
      const r = results.get(`${b.partition}\u0000${b.topic}`);
      if (r && (r.errorCode === 0 || r.errorCode === DUPLICATE_SEQUENCE)) {
        b.acked = true;
        b.baseOffset = r.baseOffset;
        continue;
      }
      const error = r ? protocolError(r.errorCode) : Object.assign(new Error(`no reply for ${b.topic} partition ${b.partition}`), { retriable: true });
      error.message = `${error.message} (topic ${b.topic}, partition ${b.partition})`;
      // Out of order means an earlier batch of the partition failed in this round: resending both in order fixes it.
      failures.push({ error, retriable: r?.errorCode === OUT_OF_ORDER_SEQUENCE ? true : retriable(error) });
    }
  }

  /** Runs `fn` against the transaction coordinator, finding it again when it moved or was loading. */
  private async withCoordinator<T>(fn: (b: KjsBroker) => Promise<T>, retryMs = this.settings.coordinatorRetryMs): Promise<T> {
    const deadline = Date.now() + retryMs;
    for (let attempt = 0; ; attempt++) {
      try {
        this.coordinator ??= await this.cluster.findGroupCoordinator({ groupId: this.transactionalId, coordinatorType: TRANSACTION_COORDINATOR });
        return await fn(this.coordinator);
      } catch (e) {
        const type = (e as KjsError).type ?? '';
        if (!retriable(e) || Date.now() > deadline) throw e;
        if (COORDINATOR_MOVED.has(type) || !type) this.coordinator = null;
        if (type !== 'CONCURRENT_TRANSACTIONS') this.stats.retries++;
        // CONCURRENT_TRANSACTIONS: the previous EndTxn is still writing its markers; that takes milliseconds.
        await sleep(type === 'CONCURRENT_TRANSACTIONS' ? Math.min(100, 5 * 2 ** attempt) : Math.min(2000, 100 * 2 ** attempt));
      }
    }
  }
}
