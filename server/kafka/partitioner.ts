import type { ChangeEvent } from '../model/change-event';
import type { PartitionPolicy } from '../model/task-config';
import { identityKeyText, keyText } from '../formats/message-key';
import { objectName } from '../formats/object-name';

/**
 * The three DTS partition policies ("Specify the policy for migrating data to Kafka partitions";
 * DTS hashes with Java's String.hashCode):
 *
 *   partition-0  everything, DDL included, to partition 0 (one global order).
 *   hash-table   hash of "OWNER.TABLE" (the DTS objectName, dots in names escaped as \u002E):
 *                a table's rows and its DDL share a partition; DDL naming no table → 0.
 *   hash-pk      hash of the row's key text — the same text as the message key (message-key.ts):
 *                primary key, else first unique key, else user-chosen columns (keyColumns).
 *                DDL and tables without any key → partition 0.
 *
 * Index = Math.abs(hash % partitionCount), hash = String.hashCode over UTF-16 code units as a
 * 32-bit signed int. DTS does not publish its index formula; this is the usual Java idiom that
 * never goes negative (unlike Math.abs(hash) % n, which does for Integer.MIN_VALUE, e.g.
 * "polygenelubricants"). With 12 partitions: "HR.EMPLOYEES" → hash 62658433 → partition 1;
 * key "7" → hash 55 → partition 7.
 *
 * The result depends only on the event's key text and the partition count, so one key always
 * lands on one partition and per-key order holds as long as the count does not change (a task
 * whose topic's count changed refuses to resume: KafkaTxSink.open compares it with the checkpoint).
 */
export interface PartitionerOptions {
  policy: PartitionPolicy;
  /** hash-pk only: user-chosen partition-key columns per table, keyed "OWNER.TABLE". */
  keyColumns?: Record<string, string[]>;
}

export type Partitioner = (event: ChangeEvent, partitionCount: number) => number;

/** Java's String.hashCode: h = 31*h + c over UTF-16 code units, wrapping at 32 bits. */
export function javaStringHashCode(s: string): number {
  let h = 0;
  for (let i = 0; i < s.length; i++) h = (Math.imul(31, h) + s.charCodeAt(i)) | 0;
  return h;
}

/** Math.abs(hash % n) with Java semantics (the remainder keeps the hash's sign). */
export function partitionIndex(hash: number, partitionCount: number): number {
  return Math.abs((hash | 0) % partitionCount) | 0;
}

/** The text a policy hashes for this event, or null when the event goes to partition 0. */
export function partitionKeyText(event: ChangeEvent, options: PartitionerOptions): string | null {
  switch (options.policy) {
    case 'partition-0':
      return null;
    case 'hash-table':
      return event.table === '' ? null : objectName(event.owner, event.table);
    case 'hash-pk': {
      if (event.op === 'DDL') return null;
      const chosen = options.keyColumns === undefined ? undefined : options.keyColumns[`${event.owner}.${event.table}`];
      return chosen && chosen.length > 0 ? keyText(event, chosen) : identityKeyText(event);
    }
  }
}

export function choosePartition(event: ChangeEvent, partitionCount: number, options: PartitionerOptions): number {
  if (!Number.isInteger(partitionCount) || partitionCount < 1) {
    throw new RangeError(`partition count must be a positive integer, got ${partitionCount}`);
  }
  const text = partitionKeyText(event, options);
  return text === null ? 0 : partitionIndex(javaStringHashCode(text), partitionCount);
}

export function createPartitioner(options: PartitionerOptions): Partitioner {
  return (event, partitionCount) => choosePartition(event, partitionCount, options);
}
