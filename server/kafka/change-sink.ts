import type { Admin } from 'kafkajs';
import type { ChangeEvent } from '../model/change-event';
import { ValidationError } from '../model/errors';
import { ddlTopicOf, type KafkaDestination } from '../model/kafka-destination';
import type { Scn } from '../model/scn';
import type { PartitionPolicy } from '../model/task-config';
import { createFormat, dtsRecordType, type Format, type FormatOptions } from '../formats';
import { createKafka, principalOf, type ClientOptions } from './client';
import { partitionCount } from './connectivity';
import { fromKafkaJs, KafkaError, KafkaPartitionCountChangedError } from './errors';
import { createPartitioner, type Partitioner } from './partitioner';
import { KafkaProducer, type Delivery, type ProducerOptions } from './producer';
import { RecordIdSequence, type RecordIdOptions } from './record-id';
import { frameConfluent, SchemaRegistryClient, valueSubject } from './schema-registry';

/**
 * The destination writer the engine uses: ChangeEvents in, acknowledged Kafka messages out.
 *
 *   const sink = await ChangeSink.open({ destination, format: { name: 'dts-avro', sourceVersion: '19.0.0.0.0' },
 *     partitionPolicy: 'hash-pk', recordIds: { highWater: saved.reservedRecordId, reserve: (n) => store.saveReserved(n) },
 *     expectedPartitions: saved.partitionCounts });           // counts recorded when the task first started
 *   const receipt = await sink.write(events, { safeScn });   // returns once all are queued (back-pressure)
 *   const ack = await receipt.acked;                         // all acknowledged by Kafka (acks=all)
 *   store.checkpoint(ack.safeScn, ack.last);                 // safe: nothing up to here can be lost
 *
 * Per event: the next record id, the format's encoding, the topic (DDL → the DDL topic, or the main
 * topic when that is blank), the partition from the policy against that topic's partition count
 * (fixed at open), and — with the Schema Registry on — the Confluent framing (magic 0 + schema id).
 * Writes are serialised: events reach the producer in call order, the producer keeps each
 * partition's order, and one key always maps to one partition, so per-key order holds end to end.
 * Any failure (encoding, Kafka, partition count changed) stops the sink for good, as DTS stops the
 * task; the engine restarts from its last acknowledged checkpoint.
 */

export interface ChangeSinkOptions {
  destination: KafkaDestination;
  /** Format settings, or a ready Format (tests, benchmarks). */
  format: FormatOptions | Format;
  partitionPolicy: PartitionPolicy;
  /** hash-pk only: user-chosen partition-key columns per table, keyed "OWNER.TABLE" (mapped names). */
  keyColumns?: Record<string, string[]>;
  recordIds: RecordIdOptions;
  /** Partition counts recorded when the task first started: a different count now refuses to open. */
  expectedPartitions?: Record<string, number>;
  producer?: ProducerOptions;
  client?: ClientOptions;
  registryTimeoutMs?: number;
  /** Clock for SharePlex `posttime` / DTS `readerThroughoutTime` (tests). */
  now?: () => number;
}

/** Where an event sits in the source stream (what the engine checkpoints). */
export interface SinkPosition {
  scn: Scn;
  commitScn: Scn;
  txId: string;
  seqInTx: number;
}

export interface WriteAck {
  count: number;
  /** Record ids of this write: firstRecordId..lastRecordId (null for an empty write). */
  firstRecordId: number | null;
  lastRecordId: number | null;
  safeScn: Scn | undefined;
  /** Position of the write's last event: with `acked` resolved, everything up to it is in Kafka. */
  last: SinkPosition | null;
  /** Highest acknowledged offset per "topic:partition" touched by this write. */
  offsets: Record<string, bigint>;
}

export interface WriteReceipt {
  count: number;
  firstRecordId: number | null;
  lastRecordId: number | null;
  /** Resolves when Kafka acknowledged every message of the write; rejects with the sink's error. */
  acked: Promise<WriteAck>;
}

export interface WriteContext {
  /** The SCN mining restarts from if the task resumes after these events (DTS safeSourcePosition). */
  safeScn?: Scn;
}

const noop = (): void => undefined;

export class ChangeSink {
  private readonly partitionOf: Partitioner;
  private tail: Promise<unknown> = Promise.resolve();
  private failure: Error | null = null;
  private closed = false;

  private constructor(
    private readonly producer: KafkaProducer,
    private readonly format: Format,
    private readonly ids: RecordIdSequence,
    /** Topic names: data and DDL (the same name when the DDL topic is blank). */
    readonly topics: { data: string; ddl: string },
    /** Partition counts read at open, per topic: persist them with the task to detect changes across restarts. */
    readonly partitionCounts: Readonly<Record<string, number>>,
    /** Schema id per topic when the Schema Registry is on, else null. */
    readonly schemaIds: Readonly<Record<string, number>> | null,
    opts: ChangeSinkOptions,
    private readonly now: () => number,
  ) {
    this.partitionOf = createPartitioner({ policy: opts.partitionPolicy, keyColumns: opts.keyColumns });
  }

  static async open(opts: ChangeSinkOptions): Promise<ChangeSink> {
    const d = opts.destination;
    const format = 'encode' in opts.format ? opts.format : createFormat(opts.format);
    const registryOn = d.schemaRegistry.enabled;
    if (registryOn && format.name !== 'dts-avro') {
      throw new ValidationError(
        'schemaRegistry.enabled',
        'The Schema Registry holds Avro schemas and works only with the DTS Avro data format.',
        'Choose DTS Avro as the data format, or turn Use Kafka Schema Registry off.',
      );
    }
    const ids = new RecordIdSequence(opts.recordIds);
    const topics = { data: d.topic, ddl: ddlTopicOf(d) };
    const kafka = createKafka(d, { clientId: 'ora2kafka-sink', ...opts.client });
    const counts = await readPartitionCounts(kafka.admin(), d, topics);
    for (const [topic, expected] of Object.entries(opts.expectedPartitions ?? {})) {
      const now = counts[topic];
      if (now !== undefined && now !== expected) throw new KafkaPartitionCountChangedError(topic, expected, now);
    }
    const schemaIds = registryOn ? await registerSchemas(d.schemaRegistry.url, topics, opts.registryTimeoutMs) : null;
    const producer = await KafkaProducer.connect(
      kafka,
      { idempotent: d.kafkaVersion !== '0.10', ...opts.producer, expectedPartitions: counts },
      { principal: principalOf(d), brokers: d.brokers },
    );
    return new ChangeSink(producer, format, ids, topics, counts, schemaIds, opts, opts.now ?? Date.now);
  }

  /**
   * Encode and queue `events` in order. Resolves once every message is handed to the producer
   * (waiting while its buffer is full); `receipt.acked` resolves when all are acknowledged.
   * Concurrent calls queue behind each other, so events reach Kafka in call order.
   */
  write(events: readonly ChangeEvent[], ctx: WriteContext = {}): Promise<WriteReceipt> {
    const run = this.tail.then(() => this.writeNow(events, ctx));
    this.tail = run.catch(noop);
    return run;
  }

  /** write + wait for the acknowledgement. */
  async writeAndAck(events: readonly ChangeEvent[], ctx: WriteContext = {}): Promise<WriteAck> {
    return (await this.write(events, ctx)).acked;
  }

  /** Send whatever the producer holds now and wait for it (e.g. before a checkpoint on idle). */
  async flush(): Promise<void> {
    await this.tail;
    this.throwIfFailed();
    await this.producer.flush();
  }

  /** Compare the topics' partition counts with those read at open (the producer also does this periodically). */
  async checkPartitions(): Promise<void> {
    this.throwIfFailed();
    await this.producer.checkPartitions();
  }

  /** The error that stopped the sink (or its producer), if any. */
  get error(): Error | null {
    return this.failure ?? this.producer.error;
  }

  /** The last record id handed out (acknowledged or not). */
  get issuedRecordId(): number {
    return this.ids.lastIssued;
  }

  /** The id a restart must seed `recordIds.highWater` with when it uses reservations. */
  get reservedRecordId(): number {
    return this.ids.reservedUpTo;
  }

  get producerStats(): Readonly<KafkaProducer['stats']> {
    return this.producer.stats;
  }

  /** Flush (unless failed) and disconnect. */
  async close(): Promise<void> {
    if (this.closed) return;
    this.closed = true;
    await this.tail;
    await this.producer.close();
  }

  private throwIfFailed(): void {
    const err = this.failure ?? this.producer.error;
    if (err) throw err;
    if (this.closed) throw new KafkaError('KAFKA_SINK_CLOSED', 'The Kafka writer was already closed.', { hint: 'Open a new ChangeSink.' });
  }

  private async writeNow(events: readonly ChangeEvent[], ctx: WriteContext): Promise<WriteReceipt> {
    this.throwIfFailed();
    if (events.length === 0) {
      const ack: WriteAck = { count: 0, firstRecordId: null, lastRecordId: null, safeScn: ctx.safeScn, last: null, offsets: {} };
      return { count: 0, firstRecordId: null, lastRecordId: null, acked: Promise.resolve(ack) };
    }
    const nowMs = this.now();
    const deliveries: Promise<Delivery>[] = new Array(events.length);
    let first: number;
    try {
      first = await this.ids.take(events.length);
      for (let i = 0; i < events.length; i++) {
        const event = events[i]!;
        const topic = event.op === 'DDL' ? this.topics.ddl : this.topics.data;
        const partition = this.partitionOf(event, this.partitionCounts[topic]!);
        const msg = this.format.encode(event, { recordId: first + i, nowMs, safeScn: ctx.safeScn });
        const schemaId = this.schemaIds?.[topic];
        const value = schemaId === undefined ? msg.value : frameConfluent(schemaId, msg.value);
        deliveries[i] = (await this.producer.enqueue({ topic, partition, key: msg.key, value, headers: msg.headers })).delivered;
      }
    } catch (e) {
      // Later events must not overtake this one (per-key order): the sink stops here.
      this.failure ??= e instanceof Error ? e : new Error(String(e));
      throw e;
    }
    const last = events[events.length - 1]!;
    const lastId = first + events.length - 1;
    const acked = Promise.all(deliveries).then((ds): WriteAck => {
      const offsets: Record<string, bigint> = {};
      for (const dl of ds) {
        const k = `${dl.topic}:${dl.partition}`;
        if (offsets[k] === undefined || dl.offset > offsets[k]) offsets[k] = dl.offset;
      }
      return {
        count: events.length,
        firstRecordId: first,
        lastRecordId: lastId,
        safeScn: ctx.safeScn,
        last: { scn: last.scn, commitScn: last.commitScn, txId: last.txId, seqInTx: last.seqInTx },
        offsets,
      };
    });
    acked.catch(noop); // the engine may await it later; failures also surface on the next write
    return { count: events.length, firstRecordId: first, lastRecordId: lastId, acked };
  }
}

/** Partition count of the data topic and (when separate) the DDL topic; missing topics throw. */
async function readPartitionCounts(admin: Admin, d: KafkaDestination, topics: { data: string; ddl: string }): Promise<Record<string, number>> {
  const principal = principalOf(d);
  try {
    await admin.connect();
    const counts: Record<string, number> = { [topics.data]: await partitionCount(admin, topics.data, { principal, field: 'topic' }) };
    if (topics.ddl !== topics.data) counts[topics.ddl] = await partitionCount(admin, topics.ddl, { principal, field: 'ddlTopic' });
    return counts;
  } catch (e) {
    throw fromKafkaJs(e, { brokers: d.brokers, username: d.username }) ?? e;
  } finally {
    await admin.disconnect().catch(noop);
  }
}

/**
 * The schema registered for DTS Avro values: the Record type alone, with its named types inlined
 * where first used. Registering the schema file's top-level array would declare a union, and a
 * Confluent deserializer would then expect a union branch index before every record.
 */
export function dtsRegistrySchema(): string {
  return JSON.stringify(dtsRecordType().schema({ exportAttrs: true }));
}

async function registerSchemas(url: string, topics: { data: string; ddl: string }, timeoutMs?: number): Promise<Record<string, number>> {
  const registry = new SchemaRegistryClient(url, { timeoutMs });
  const schema = dtsRegistrySchema();
  const ids: Record<string, number> = {};
  for (const topic of new Set([topics.data, topics.ddl])) ids[topic] = await registry.register(valueSubject(topic), schema);
  return ids;
}
