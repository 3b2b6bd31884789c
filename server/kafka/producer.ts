import * as kafkajs from 'kafkajs';
import { CompressionTypes, type Admin, type Kafka, type Producer, type RecordMetadata } from 'kafkajs';
import type { KafkaDestination } from '../model/kafka-destination';
import { Accumulator, recordBytes, type Delivery, type PartitionChunk, type Pending } from './accumulator';
import { createKafka, principalOf, type ClientOptions } from './client';
import { fromKafkaJs, kafkaJsType, KafkaError, KafkaNotAuthorizedError, KafkaPartitionCountChangedError, KafkaProduceError, KafkaTopicMissingError } from './errors';
import { partitionCount } from './connectivity';

/**
 * The product's produce path: idempotent, acks=all, our own batching (kafkajs has no linger or batch
 * size: a batch leaves when a partition holds `batchBytes`, the buffer holds that much overall, or
 * its oldest message waited `lingerMs`), bounded memory (`enqueue` waits while `maxBufferedBytes` are
 * unacknowledged) and a delivery promise per message that resolves with the offset once Kafka has
 * acknowledged it, so the engine checkpoints only what is durable.
 *
 * One request is in flight at a time. That is no loss with idempotence on: kafkajs holds a lock per
 * broker for the whole produce round trip anyway. It also keeps per-partition order across retries.
 *
 *   const p = await KafkaProducer.connect(kafka, { lingerMs: 10 });
 *   const { delivered } = await p.enqueue({ topic: 'oracle.hr', partition: 2, key: '7', value: avroBytes });
 *   const { offset } = await delivered;         // 41n: acknowledged by all in-sync replicas
 *
 * Messages carry explicit partitions (chosen by the partition policy); the partition count of every
 * topic is fixed when it is first used (or given as `expectedPartitions`) and checked periodically:
 * a change stops the producer with KAFKA_PARTITIONS_CHANGED, as DTS stops the task.
 */

export type { Delivery } from './accumulator';

export interface OutMessage {
  topic: string;
  partition: number;
  key: Buffer | string | null;
  value: Buffer | string | null;
  headers?: Record<string, Buffer | string>;
  /** Record timestamp, epoch ms (default: now). */
  timestamp?: number;
}

export type CompressionName = 'none' | 'gzip' | 'snappy' | 'lz4' | 'zstd';

export interface ProducerOptions {
  /**
   * Bytes per partition batch (default 64 KiB; must stay below the topic's max.message.bytes). A
   * request carries at most one batch per partition. Bigger is not faster here: kafkajs groups a
   * request's messages per partition by copying the array once per message (quadratic in the
   * batch's message count), which made 1 MiB batches cost ~25% more CPU per record than 64 KiB.
   */
  batchBytes?: number;
  lingerMs?: number;
  maxRequestBytes?: number;
  /** Unacknowledged bytes (buffered + in flight) at which `enqueue` waits. */
  maxBufferedBytes?: number;
  compression?: CompressionName;
  /** Partition counts recorded when the task started; default: read at first use. */
  expectedPartitions?: Record<string, number>;
  partitionCheckIntervalMs?: number;
  /** Broker-side produce timeout (ms). */
  produceTimeoutMs?: number;
  /** Attempts kafkajs makes per request before the producer fails (idempotence needs ≥ 1). */
  retries?: number;
  /** Off only for pre-0.11 brokers (no InitProducerId). */
  idempotent?: boolean;
}

const CODEC: Record<CompressionName, CompressionTypes> = {
  none: CompressionTypes.None,
  gzip: CompressionTypes.GZIP,
  snappy: CompressionTypes.Snappy,
  lz4: CompressionTypes.LZ4,
  zstd: CompressionTypes.ZSTD,
};

/** kafkajs implements gzip itself; the others need a codec package registered in CompressionCodecs. */
export function compressionAvailable(name: CompressionName): boolean {
  if (name === 'none') return true;
  // Node's ESM loader does not see CompressionCodecs among kafkajs's CommonJS exports; bundlers do.
  const ns = kafkajs as unknown as { CompressionCodecs?: Record<number, () => unknown>; default?: { CompressionCodecs?: Record<number, () => unknown> } };
  const codecs = ns.CompressionCodecs ?? ns.default?.CompressionCodecs ?? {};
  try {
    return Boolean(codecs[CODEC[name]]?.());
  } catch {
    return false;
  }
}

const noop = (): void => undefined;

export class KafkaProducer {
  private readonly acc: Accumulator;
  private readonly counts = new Map<string, Promise<number>>();
  /** Partition counts already read (the synchronous view of `counts`). */
  private readonly known = new Map<string, number>();
  private readonly o: Required<Omit<ProducerOptions, 'expectedPartitions' | 'idempotent'>>;
  private bufferedBytes = 0;
  private inFlight = false;
  private dispatchScheduled = false;
  private lingerTimer: NodeJS.Timeout | undefined;
  private checkTimer: NodeJS.Timeout | undefined;
  private failure: KafkaError | null = null;
  private flushing = 0;
  private waiters: (() => void)[] = [];
  private idleWaiters: (() => void)[] = [];
  readonly stats = { records: 0, bytes: 0, requests: 0 };

  private constructor(
    private readonly producer: Producer,
    private readonly admin: Admin,
    private readonly ctx: { principal: string; brokers: string[] },
    opts: ProducerOptions,
  ) {
    this.o = {
      batchBytes: opts.batchBytes ?? 64 * 1024,
      lingerMs: opts.lingerMs ?? 10,
      maxRequestBytes: opts.maxRequestBytes ?? 8 * 1024 * 1024,
      maxBufferedBytes: opts.maxBufferedBytes ?? 32 * 1024 * 1024,
      compression: opts.compression ?? 'none',
      partitionCheckIntervalMs: opts.partitionCheckIntervalMs ?? 15_000,
      produceTimeoutMs: opts.produceTimeoutMs ?? 30_000,
      retries: opts.retries ?? 8,
    };
    this.acc = new Accumulator(this.o.batchBytes);
    for (const [topic, n] of Object.entries(opts.expectedPartitions ?? {})) {
      this.counts.set(topic, Promise.resolve(n));
      this.known.set(topic, n);
    }
    this.checkTimer = setInterval(() => void this.checkPartitions().catch(noop), this.o.partitionCheckIntervalMs);
    this.checkTimer.unref();
  }

  /** `ctx` only names the account and brokers in error messages. */
  static async connect(kafka: Kafka, opts: ProducerOptions = {}, ctx: { principal?: string; brokers?: string[] } = {}): Promise<KafkaProducer> {
    const compression = opts.compression ?? 'none';
    if (!compressionAvailable(compression)) {
      throw new KafkaError('KAFKA_CODEC_UNAVAILABLE', `Compression "${compression}" is not available: kafkajs implements only gzip itself.`, {
        field: 'compression',
        hint: 'Choose gzip or none, or install and register the codec package (kafkajs-snappy, kafkajs-lz4 or @kafkajs/zstd).',
      });
    }
    const idempotent = opts.idempotent ?? true;
    const producer = kafka.producer({
      idempotent,
      maxInFlightRequests: idempotent ? 1 : undefined,
      retry: { retries: opts.retries ?? 8, initialRetryTime: 300, maxRetryTime: 10_000 },
      allowAutoTopicCreation: false,
    });
    const admin = kafka.admin();
    await Promise.all([producer.connect(), admin.connect()]);
    const p = new KafkaProducer(producer, admin, { principal: ctx.principal ?? 'ANONYMOUS', brokers: ctx.brokers ?? [] }, opts);
    try {
      await Promise.all(Object.entries(opts.expectedPartitions ?? {}).map(([t, n]) => p.checkTopic(t, n)));
    } catch (e) {
      await p.close().catch(noop);
      throw e;
    }
    return p;
  }

  /** Producer for a destination from the wizard (idempotence off only for Kafka 0.10). */
  static forDestination(d: KafkaDestination, opts: ProducerOptions = {}, client: ClientOptions = {}): Promise<KafkaProducer> {
    const kafka = createKafka(d, { clientId: 'ora2kafka-producer', ...client });
    return KafkaProducer.connect(kafka, { idempotent: d.kafkaVersion !== '0.10', ...opts }, { principal: principalOf(d), brokers: d.brokers });
  }

  /** Buffer one message; waits while the buffer is full. `delivered` settles when Kafka acks it. */
  enqueue(m: OutMessage): Promise<{ delivered: Promise<Delivery> }> {
    if (this.failure) return Promise.reject(this.failure);
    const count = this.known.get(m.topic);
    // Fast path (the common case): topic known, room in the buffer; no extra awaits per message.
    if (count === undefined || this.bufferedBytes >= this.o.maxBufferedBytes) return this.enqueueSlow(m);
    try {
      return Promise.resolve({ delivered: this.add(m, count) });
    } catch (e) {
      return Promise.reject(e);
    }
  }

  private async enqueueSlow(m: OutMessage): Promise<{ delivered: Promise<Delivery> }> {
    const count = await this.partitionsOf(m.topic);
    while (this.bufferedBytes >= this.o.maxBufferedBytes && !this.failure) {
      await new Promise<void>((r) => this.waiters.push(r));
    }
    if (this.failure) throw this.failure;
    return { delivered: this.add(m, count) };
  }

  private add(m: OutMessage, count: number): Promise<Delivery> {
    if (!Number.isInteger(m.partition) || m.partition < 0 || m.partition >= count) {
      throw new KafkaProduceError(m.topic, `partition ${m.partition} does not exist (the topic has ${count} partitions)`, false);
    }
    const message = { key: m.key, value: m.value, partition: m.partition, headers: m.headers, timestamp: m.timestamp === undefined ? undefined : String(m.timestamp) };
    let entry!: Pending;
    const delivered = new Promise<Delivery>((resolve, reject) => {
      entry = { message, bytes: recordBytes(message), resolve, reject };
    });
    delivered.catch(noop); // failures also surface through enqueue/flush; never crash on an unread promise
    this.acc.add(m.topic, m.partition, entry);
    this.bufferedBytes += entry.bytes;
    this.schedule();
    return delivered;
  }

  /** enqueue + wait for the acknowledgement. */
  async send(m: OutMessage): Promise<Delivery> {
    return (await this.enqueue(m)).delivered;
  }

  /** Send everything buffered now and wait until all of it is acknowledged. */
  async flush(): Promise<void> {
    this.flushing++;
    try {
      this.schedule();
      while (!this.failure && (this.inFlight || !this.acc.isEmpty())) await new Promise<void>((r) => this.idleWaiters.push(r));
      if (this.failure) throw this.failure;
    } finally {
      this.flushing--;
    }
  }

  async close(): Promise<void> {
    try {
      if (!this.failure) await this.flush();
    } finally {
      clearInterval(this.checkTimer);
      clearTimeout(this.lingerTimer);
      await Promise.allSettled([this.producer.disconnect(), this.admin.disconnect()]);
    }
  }

  /** The first error that stopped the producer, if any. */
  get error(): KafkaError | null {
    return this.failure;
  }

  /** Compare each topic's current partition count with the one fixed at first use. */
  async checkPartitions(): Promise<void> {
    for (const [topic, expected] of this.counts) {
      const before = await expected.catch(() => null);
      if (before === null || this.failure) continue;
      let now: number;
      try {
        now = await partitionCount(this.admin, topic, { principal: this.ctx.principal });
      } catch (e) {
        if (e instanceof KafkaTopicMissingError) this.fail(e);
        continue; // a transient metadata failure is not a partition change
      }
      if (now !== before) this.fail(new KafkaPartitionCountChangedError(topic, before, now));
    }
    if (this.failure) throw this.failure;
  }

  private partitionsOf(topic: string): Promise<number> {
    let p = this.counts.get(topic);
    if (!p) {
      p = this.checkTopic(topic);
      this.counts.set(topic, p);
      p.then(
        (n) => this.known.set(topic, n),
        () => this.counts.delete(topic),
      );
    }
    return p;
  }

  private async checkTopic(topic: string, expected?: number): Promise<number> {
    try {
      const n = await partitionCount(this.admin, topic, { principal: this.ctx.principal });
      if (expected !== undefined && expected !== n) throw new KafkaPartitionCountChangedError(topic, expected, n);
      return n;
    } catch (e) {
      throw this.mapError(e, topic);
    }
  }

  private schedule(): void {
    if (this.inFlight || this.dispatchScheduled || this.failure || this.acc.isEmpty()) return;
    const age = Date.now() - (this.acc.oldestAt ?? Date.now());
    if (this.flushing > 0 || this.acc.hasFullBatch() || this.acc.pendingBytes >= this.o.batchBytes || age >= this.o.lingerMs) {
      clearTimeout(this.lingerTimer);
      this.lingerTimer = undefined;
      this.dispatchScheduled = true;
      setImmediate(() => void this.dispatch());
    } else if (!this.lingerTimer) {
      this.lingerTimer = setTimeout(() => {
        this.lingerTimer = undefined;
        this.schedule();
      }, this.o.lingerMs - age);
    }
  }

  private async dispatch(): Promise<void> {
    this.dispatchScheduled = false;
    if (this.inFlight || this.failure || this.acc.isEmpty()) return;
    this.inFlight = true;
    const chunks = this.acc.take(this.o.maxRequestBytes);
    try {
      const byTopic = new Map<string, PartitionChunk[]>();
      for (const c of chunks) byTopic.set(c.topic, [...(byTopic.get(c.topic) ?? []), c]);
      const result = await this.producer.sendBatch({
        acks: -1,
        timeout: this.o.produceTimeoutMs,
        compression: CODEC[this.o.compression],
        topicMessages: [...byTopic].map(([topic, cs]) => ({ topic, messages: cs.flatMap((c) => c.entries.map((e) => e.message)) })),
      });
      this.settle(chunks, result);
    } catch (e) {
      let err = this.mapError(e, chunks[0]?.topic ?? '?');
      // A vanished topic or partition usually means the topic was deleted or re-partitioned: say which.
      if (kafkaJsType(e) === 'UNKNOWN_TOPIC_OR_PARTITION') err = await this.checkPartitions().then(() => err, (x: KafkaError) => x);
      for (const c of chunks) for (const entry of c.entries) entry.reject(err);
      this.fail(err);
    } finally {
      for (const c of chunks) this.bufferedBytes -= c.bytes;
      this.inFlight = false;
      this.wake();
      this.schedule();
    }
  }

  private settle(chunks: PartitionChunk[], result: RecordMetadata[]): void {
    const base = new Map(result.map((r) => [`${r.partition}\u0000${r.topicName}`, r.baseOffset]));
    for (const c of chunks) {
      const b = base.get(`${c.partition}\u0000${c.topic}`);
      if (b === undefined) {
        const err = new KafkaProduceError(c.topic, `no acknowledgement for partition ${c.partition} in the broker's reply`, true);
        for (const entry of c.entries) entry.reject(err);
        this.fail(err);
        continue;
      }
      const first = BigInt(b);
      c.entries.forEach((entry, i) => entry.resolve({ topic: c.topic, partition: c.partition, offset: first + BigInt(i) }));
      this.stats.records += c.entries.length;
      this.stats.bytes += c.bytes;
    }
    this.stats.requests++;
  }

  private mapError(e: unknown, topic: string): KafkaError {
    const type = kafkaJsType(e);
    if (type === 'TOPIC_AUTHORIZATION_FAILED') return new KafkaNotAuthorizedError(`write to topic "${topic}"`, this.ctx.principal, 'topic', e);
    const known = fromKafkaJs(e, { brokers: this.ctx.brokers, username: this.ctx.principal });
    if (known) return known;
    const retriable = Boolean((e as { retriable?: boolean }).retriable) || (e as Error).name === 'KafkaJSNumberOfRetriesExceeded';
    return new KafkaProduceError(topic, (e as Error).message ?? String(e), retriable, e);
  }

  /** Stop for good: reject everything still buffered; every later call throws `err`. */
  private fail(err: KafkaError): void {
    if (this.failure) return;
    this.failure = err;
    clearTimeout(this.lingerTimer);
    for (const entry of this.acc.drainAll()) {
      entry.reject(err);
      this.bufferedBytes -= entry.bytes;
    }
    this.wake();
  }

  private wake(): void {
    const ws = this.waiters.splice(0);
    for (const w of ws) w();
    if (this.failure || (!this.inFlight && this.acc.isEmpty())) for (const w of this.idleWaiters.splice(0)) w();
  }
}
