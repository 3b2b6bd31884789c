/**
 * Shared by the destination-*.test.ts files: the engine's write path without the runner, small
 * ChangeEvent builders, an independent Java String.hashCode oracle, DTS Avro decoding with the
 * reference schema, and exact message counts.
 */
import type { KafkaDestination } from '../../server/model/kafka-destination';
import type { ChangeEvent } from '../../server/model/change-event';
import type { ColumnMeta } from '../../server/model/oracle-types';
import type { Scn } from '../../server/model/scn';
import { taskConfigSchema, type PartitionPolicy, type TaskConfig } from '../../server/model/task-config';
import { createFormat } from '../../server/formats';
import { column } from '../../server/formats/fixtures/events';
import { decodingType } from '../support/formats/dts-avro-reference-type';
import { createPartitioner } from '../../server/kafka/partitioner';
import { EventEncoder } from '../../server/engine/sink/event-encoder';
import type { OpenedTarget, PendingRecord, TaskCheckpoint } from '../../server/model/pending-record';
import { openKafkaTarget } from '../../server/kafka/open-target';
import { consumeAll, type ConsumedRecord } from './engine-support/consume';
import { uniqueTopic } from './kafka-env';

export interface EngineWriter extends Omit<OpenedTarget, 'target'> {
  taskId: string;
  /** Encodes `events` as the task runner does and commits them, with a checkpoint, in one Kafka transaction. */
  write(events: readonly ChangeEvent[], safeScn?: Scn): Promise<PendingRecord[]>;
}

/**
 * What a task writes, without the runner around it: `openKafkaTarget` (KafkaTxSink: fencing,
 * checkpoint read back, partition counts checked against it, Schema Registry registration), the
 * EventEncoder with the task's format and partition policy (record ids continue from the
 * checkpoint), and one Kafka transaction per `write`.
 */
export async function openEngineWriter(
  destination: KafkaDestination,
  opts: { dataFormat: TaskConfig['dataFormat']; partitionPolicy: PartitionPolicy; taskId?: string; checkpointTopic: string },
): Promise<EngineWriter> {
  const taskId = opts.taskId ?? uniqueTopic('dest-task');
  const config = taskConfigSchema.parse({
    name: taskId,
    source: { host: 'it.sim', database: 'SIMDB', user: 'DTS_SYNC', password: 'dts_sync' },
    destination,
    dataFormat: opts.dataFormat,
    partitionPolicy: opts.partitionPolicy,
    objects: { schemas: [{ name: 'HR', all: true }] },
  });
  const opened = await openKafkaTarget(config, taskId, opts.checkpointTopic)();
  const format = config.dataFormat === 'dts-avro' ? createFormat({ name: 'dts-avro', sourceVersion: '19.0.0.0.0' }) : createFormat({ name: 'shareplex-json' });
  const encoder = new EventEncoder({
    format,
    partitioner: createPartitioner({ policy: config.partitionPolicy }),
    topics: opened.topics,
    partitionCounts: opened.partitionCounts,
    schemaIds: opened.schemaIds,
    nextRecordId: opened.checkpoint?.nextRecordId ?? 1,
  });
  const partitions = opened.checkpoint?.partitions ?? opened.partitionCounts;
  return {
    taskId,
    checkpoint: opened.checkpoint,
    partitionCounts: opened.partitionCounts,
    topics: opened.topics,
    schemaIds: opened.schemaIds,
    close: opened.close,
    async write(events, safeScn) {
      const records = events.map((e) => encoder.encode(e, safeScn));
      const checkpoint: TaskCheckpoint = { taskId, phase: 'incremental', schema: null, full: null, incremental: null, finished: [], nextRecordId: encoder.nextRecordId, partitions, writtenAtMs: Date.now() };
      await opened.target.commit(records, checkpoint);
      return records;
    },
  };
}

export const ROW_COLUMNS: ColumnMeta[] = [column('ID', 'NUMBER', 10, 0), column('NAME', 'VARCHAR2'), column('SALARY', 'NUMBER', 10, 2)];

let scn = 7_000_000n;

interface RowSpec {
  owner?: string;
  table?: string;
  id: number | string;
  salary: string;
  name?: string;
  primaryKey?: string[] | null;
}

/** One row change of OWNER.TABLE(ID, NAME, SALARY) with PK ID unless told otherwise. */
export function rowEvent(op: 'INSERT' | 'UPDATE' | 'DELETE' | 'INIT', spec: RowSpec, before?: { salary: string }): ChangeEvent {
  scn += 10n;
  const image = [String(spec.id), spec.name ?? `name-${spec.id}`, spec.salary];
  const old = before ? [String(spec.id), spec.name ?? `name-${spec.id}`, before.salary] : image;
  return {
    op,
    owner: spec.owner ?? 'HR',
    table: spec.table ?? 'EMPLOYEES',
    columns: ROW_COLUMNS,
    primaryKey: spec.primaryKey === undefined ? ['ID'] : spec.primaryKey,
    uniqueKeys: [],
    before: op === 'INSERT' || op === 'INIT' ? null : old,
    after: op === 'DELETE' ? null : image,
    scn,
    commitScn: scn + 1n,
    txId: op === 'INIT' ? '' : '0A001F00D3040000',
    seqInTx: 1,
    txSize: 1,
    commitTimeMs: 1763900000000,
    rowId: 'AAAR3sAAEAAAACXAAA',
    userName: 'HR',
  };
}

export function ddlEvent(owner: string, table: string, ddl: string): ChangeEvent {
  scn += 10n;
  return {
    op: 'DDL',
    owner,
    table,
    columns: [],
    primaryKey: null,
    uniqueKeys: [],
    before: null,
    after: null,
    scn,
    commitScn: scn + 1n,
    txId: '0A001F00D3040001',
    seqInTx: 1,
    txSize: 1,
    commitTimeMs: 1763900000000,
    ddl,
    ddlObjectType: 'TABLE',
  };
}

/**
 * Java String.hashCode written independently of the partitioner (BigInt arithmetic, explicit
 * two's-complement wrap), and the index rule the product documents: Math.abs(hash % n).
 */
export function javaHash(s: string): number {
  let h = 0n;
  for (let i = 0; i < s.length; i++) h = BigInt.asIntN(32, h * 31n + BigInt(s.charCodeAt(i)));
  return Number(h);
}
export const expectedPartition = (text: string, n: number): number => Math.abs(javaHash(text) % n);

/** Values printed by OpenJDK 17 (`"…".hashCode()`), to pin the oracle itself. */
export const JAVA_HASHES: Record<string, number> = {
  'HR.EMPLOYEES': 62658433,
  'HR.DEPARTMENTS': -304989091,
  'SALES.ORDERS': -2084828633,
  'HR.ODD\\u002ENAME': 1306072162,
  '101': 48626,
  '105': 48630,
  '7,2': 54269,
  polygenelubricants: -2147483648,
};

export interface DtsRecord {
  id: number;
  operation: string;
  objectName: string | null;
  sourcePosition: string;
  safeSourcePosition: string;
  fields: { name: string; dataTypeNumber: number }[] | string | null;
  afterImages: unknown[] | string | null;
  beforeImages: unknown[] | string | null;
}

/** Decode a DTS Avro value with the reference schema (../shared) when present. */
export function decodeDts(value: Buffer | null): DtsRecord {
  if (!value) throw new Error('message without a value');
  return decodingType().type.fromBuffer(value) as DtsRecord;
}

/** The text inside an image element ({ 'com.alibaba.dts.formats.avro.Integer': { value: '7', … } }). */
export function imageText(element: unknown): string | null {
  if (element === null) return null;
  const inner = Object.values(element as Record<string, { value: unknown }>)[0]!.value;
  return Buffer.isBuffer(inner) ? inner.toString('utf8') : String(inner);
}

/** Every committed message of a topic (read_committed), after checking there are exactly `n`; sorted by partition, offset. */
export async function readAll(d: KafkaDestination, topic: string, n: number): Promise<ConsumedRecord[]> {
  const got = await consumeAll(d, topic);
  if (got.length !== n) throw new Error(`topic ${topic} holds ${got.length} committed messages, expected ${n}`);
  return got.sort((a, b) => a.partition - b.partition || (a.offset < b.offset ? -1 : a.offset > b.offset ? 1 : 0));
}
