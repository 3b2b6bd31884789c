import type { ChangeEvent } from '../../model/change-event';
import type { Scn } from '../../model/scn';
import type { Format } from '../../formats/format';
import { frameConfluent } from '../../kafka/confluent-frame';
import type { Partitioner } from '../../kafka/partitioner';
import type { PendingRecord } from '../../model/pending-record';

/**
 * Turns mapped ChangeEvents into Kafka messages: the next record id, the format's bytes, the topic
 * (DDL → the DDL topic), the partition from the policy, and the Confluent framing when the Schema
 * Registry is on.
 *
 *   UPDATE HR_PROD.EMPLOYEE (ID 7), hash-pk, 12 partitions
 *   → { topic: 'oracle.hr', partition: 7, key: <"7">, value: <Avro Record id 90211>, bytes: 312 }
 */
export interface EncoderOptions {
  format: Format;
  partitioner: Partitioner;
  topics: { data: string; ddl: string };
  partitionCounts: Readonly<Record<string, number>>;
  /** Schema id per topic when the Schema Registry is on. */
  schemaIds?: Readonly<Record<string, number>> | null;
  /** First record id to hand out (the checkpoint's nextRecordId). */
  nextRecordId: number;
  now?: () => number;
}

export class EventEncoder {
  private next: number;
  private readonly now: () => number;

  constructor(private readonly options: EncoderOptions) {
    this.next = options.nextRecordId;
    this.now = options.now ?? Date.now;
  }

  /** The id the next encoded record gets (persist with the checkpoint). */
  get nextRecordId(): number {
    return this.next;
  }

  encode(event: ChangeEvent, safeScn?: Scn, nowMs = this.now()): PendingRecord {
    const topic = event.op === 'DDL' ? this.options.topics.ddl : this.options.topics.data;
    const count = this.options.partitionCounts[topic];
    if (count === undefined) throw new RangeError(`no partition count known for topic ${topic}`);
    const msg = this.options.format.encode(event, { recordId: this.next, nowMs, ...(safeScn === undefined ? {} : { safeScn }) });
    this.next++;
    const schemaId = this.options.schemaIds?.[topic];
    const value = schemaId === undefined ? msg.value : frameConfluent(schemaId, msg.value);
    let bytes = value.length + (msg.key?.length ?? 0);
    if (msg.headers) for (const [k, v] of Object.entries(msg.headers)) bytes += k.length + v.length;
    // One object shape for every record (no conditional spreads): this runs once per row.
    const record: PendingRecord = { topic, partition: this.options.partitioner(event, count), key: msg.key, value, bytes, commitTimeMs: event.op === 'INIT' ? undefined : event.commitTimeMs };
    if (msg.headers) record.headers = msg.headers;
    return record;
  }
}
