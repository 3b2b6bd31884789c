import { beforeAll, describe, expect, it } from 'vitest';
import type { ChangeEvent } from '../../server/model/change-event';
import { ChangeSink, type WriteReceipt } from '../../server/kafka/change-sink';
import { KafkaPartitionCountChangedError, KafkaTopicMissingError } from '../../server/kafka/errors';
import { createTopic, plaintextDestination, scramDestination, uniqueTopic, withAdmin } from './kafka-env';
import { ddlEvent, decodeDts, expectedPartition, imageText, JAVA_HASHES, javaHash, readAll, rowEvent } from './destination-helpers';

/**
 * ChangeSink against the real broker: both listeners, both formats, the three partition policies
 * on multi-partition topics (each message's partition checked against Java String.hashCode), the
 * DDL topic, per-key order, record ids, back-pressure and partition-count changes.
 */

const T = {
  pk: uniqueTopic('it-sink-pk'), // 6 partitions, DDL → pkDdl
  pkDdl: uniqueTopic('it-sink-pk-ddl'), // 3 partitions
  table: uniqueTopic('it-sink-table'), // 4 partitions, DDL topic blank
  zero: uniqueTopic('it-sink-zero'), // 6 partitions, DDL → zeroDdl
  zeroDdl: uniqueTopic('it-sink-zero-ddl'), // 3 partitions
  bp: uniqueTopic('it-sink-bp'), // 1 partition
  grow: uniqueTopic('it-sink-grow'), // 2 partitions, grows to 3
};

beforeAll(async () => {
  const parts: Record<keyof typeof T, number> = { pk: 6, pkDdl: 3, table: 4, zero: 6, zeroDdl: 3, bp: 1, grow: 2 };
  await Promise.all(Object.entries(T).map(([k, topic]) => createTopic(topic, parts[k as keyof typeof T])));
});

const DTS = { name: 'dts-avro', sourceVersion: '19.0.0.0.0' } as const;

describe('the test oracle', () => {
  it('matches the String.hashCode values OpenJDK prints', () => {
    for (const [text, hash] of Object.entries(JAVA_HASHES)) expect(javaHash(text), text).toBe(hash);
    expect(expectedPartition('polygenelubricants', 6)).toBe(2); // Integer.MIN_VALUE: |h % n|, never negative
  });
});

describe('ChangeSink → Kafka (PLAINTEXT, DTS Avro, hash of primary key, DDL topic)', () => {
  it('lands every row on the partition of its key, keeps per-key order, ids strictly increasing; DDL goes to the DDL topic', async () => {
    const d = plaintextDestination(T.pk, { ddlTopic: T.pkDdl });
    const keys = [101, 102, 103, 104, 105, 106, 107, 108];
    const batches: ChangeEvent[][] = [
      keys.map((id) => rowEvent('INSERT', { id, salary: '0.00' })),
      [],
      [],
    ];
    for (let round = 1; round <= 5; round++) {
      const b = batches[round <= 2 ? 1 : 2]!;
      for (const id of keys) b.push(rowEvent('UPDATE', { id, salary: `${round}.00` }, { salary: `${round - 1}.00` }));
      if (round === 2) b.push(ddlEvent('HR', 'EMPLOYEES', 'ALTER TABLE "HR"."EMPLOYEES" ADD ("BONUS" NUMBER)'));
    }
    // A composite key, a keyless table (→ 0) and a keyless table with user-chosen key columns.
    batches[2]!.push(
      { ...rowEvent('INSERT', { table: 'ORDER_LINES', id: 7, salary: '2' }), primaryKey: ['ID', 'SALARY'] },
      rowEvent('INSERT', { table: 'AUDIT', id: 105, salary: '1.00', primaryKey: null }),
      rowEvent('INSERT', { table: 'NOTES', id: 999, salary: '3.00', name: 'chosen', primaryKey: null }),
      ddlEvent('HR', 'AUDIT', 'DROP TABLE "HR"."AUDIT"'),
    );
    const total = batches.reduce((s, b) => s + b.length, 0);

    const reserved: number[] = [];
    const sink = await ChangeSink.open({
      destination: d,
      format: DTS,
      partitionPolicy: 'hash-pk',
      keyColumns: { 'HR.NOTES': ['NAME'] },
      recordIds: { highWater: 500, blockSize: 1000, reserve: (n) => void reserved.push(n) },
      producer: { lingerMs: 5 },
    });
    expect(sink.partitionCounts).toEqual({ [T.pk]: 6, [T.pkDdl]: 3 });
    // Concurrent writes queue behind each other in call order.
    const receipts = await Promise.all(batches.map((b, i) => sink.write(b, { safeScn: 7_000_000n + BigInt(i) })));
    const acks = await Promise.all(receipts.map((r) => r.acked));
    await sink.close();

    expect(reserved).toEqual([500 + batches[0]!.length + 1000]);
    expect(acks.map((a) => [a.firstRecordId, a.lastRecordId])).toEqual([
      [501, 508],
      [509, 509 + batches[1]!.length - 1],
      [509 + batches[1]!.length, 500 + total],
    ]);
    const lastEvent = batches[2]![batches[2]!.length - 1]!;
    expect(acks[2]!.last).toEqual({ scn: lastEvent.scn, commitScn: lastEvent.commitScn, txId: lastEvent.txId, seqInTx: 1 });
    expect(acks[2]!.safeScn).toBe(7_000_002n);

    const data = await readAll(d, T.pk, total - 2);
    const ddl = await readAll(d, T.pkDdl, 2);

    const byKey = new Map<string, { salary: string; id: number }[]>();
    for (const m of data) {
      const r = decodeDts(m.value);
      const after = r.afterImages as unknown[];
      const [id, name, salary] = after.map(imageText);
      const table = r.objectName!.split('.')[1];
      // The partition each message landed on, from the independent oracle.
      const keyText = table === 'ORDER_LINES' ? `${id},${salary}` : table === 'NOTES' ? name! : id!;
      const want = table === 'AUDIT' ? 0 : expectedPartition(keyText, 6);
      expect(m.partition, `${r.objectName} ${keyText}`).toBe(want);
      expect(m.key?.toString() ?? null).toBe(table === 'ORDER_LINES' ? '7,2' : table === 'EMPLOYEES' ? id : null);
      if (table === 'EMPLOYEES') {
        const list = byKey.get(id!) ?? [];
        list.push({ salary: salary!, id: r.id });
        byKey.set(id!, list);
      }
    }
    // Hard-checked against OpenJDK: "101".hashCode() % 6 = 2, "105" → 0, composite "7,2" → 5.
    const partitionsOf = (key: string) => [...new Set(data.filter((m) => m.key?.toString() === key).map((m) => m.partition))];
    expect(partitionsOf('101')).toEqual([2]);
    expect(partitionsOf('105')).toEqual([0]);
    expect(partitionsOf('7,2')).toEqual([5]);
    expect(new Set(data.map((m) => m.partition)).size).toBe(6);

    for (const [key, list] of byKey) {
      expect(list.map((x) => x.salary), `order of key ${key}`).toEqual(['0.00', '1.00', '2.00', '3.00', '4.00', '5.00']);
      expect(list.map((x) => x.id)).toEqual([...list.map((x) => x.id)].sort((a, b) => a - b));
    }

    // DDL: in the DDL topic, partition 0 (hash-pk sends DDL to 0), with the DDL text.
    const ddlRecords = ddl.map((m) => ({ partition: m.partition, key: m.key, r: decodeDts(m.value) }));
    expect(ddlRecords.map((x) => [x.partition, x.key, x.r.operation, x.r.objectName, x.r.afterImages])).toEqual([
      [0, null, 'DDL', 'HR.EMPLOYEES', 'ALTER TABLE "HR"."EMPLOYEES" ADD ("BONUS" NUMBER)'],
      [0, null, 'DDL', 'HR.AUDIT', 'DROP TABLE "HR"."AUDIT"'],
    ]);

    // Record ids: exactly 501..500+total, each used once, increasing with offset in every partition.
    const ids = [...data, ...ddl].map((m) => decodeDts(m.value).id);
    expect(ids.sort((a, b) => a - b)).toEqual(Array.from({ length: total }, (_, i) => 501 + i));
    for (const m of [data, ddl]) {
      const perPartition = new Map<number, number[]>();
      for (const x of m) perPartition.set(x.partition, [...(perPartition.get(x.partition) ?? []), decodeDts(x.value).id]);
      for (const list of perPartition.values()) for (let i = 1; i < list.length; i++) expect(list[i]).toBeGreaterThan(list[i - 1]!);
    }
    // The DDL was written between round 2 and round 3: its id sits between theirs.
    const ddlId = ddlRecords[0]!.r.id;
    expect(ddlId).toBe(509 + 2 * keys.length);
  });
});

describe('ChangeSink → Kafka (SCRAM-SHA-256, SharePlex JSON, hash of table name, blank DDL topic)', () => {
  it('sends a table’s rows and its DDL to the partition of "OWNER.TABLE" on the main topic', async () => {
    const d = scramDestination(T.table);
    const events = [
      rowEvent('INSERT', { table: 'EMPLOYEES', id: 1, salary: '10.00' }),
      rowEvent('INSERT', { table: 'DEPARTMENTS', id: 2, salary: '20.00' }),
      rowEvent('INSERT', { owner: 'SALES', table: 'ORDERS', id: 3, salary: '30.00' }),
      rowEvent('INSERT', { table: 'ODD.NAME', id: 4, salary: '40.00' }),
      rowEvent('UPDATE', { table: 'EMPLOYEES', id: 1, salary: '11.50' }, { salary: '10.00' }),
      rowEvent('DELETE', { table: 'DEPARTMENTS', id: 2, salary: '20.00' }),
      ddlEvent('HR', 'EMPLOYEES', 'ALTER TABLE "HR"."EMPLOYEES" DROP COLUMN "NAME"'),
      ddlEvent('HR', '', 'CREATE USER X IDENTIFIED BY "***"'),
    ];
    const sink = await ChangeSink.open({ destination: d, format: { name: 'shareplex-json' }, partitionPolicy: 'hash-table', recordIds: { highWater: 0 } });
    expect(sink.topics).toEqual({ data: T.table, ddl: T.table });
    const ack = await sink.writeAndAck(events);
    await sink.close();
    expect([ack.firstRecordId, ack.lastRecordId]).toEqual([1, 8]);

    const got = await readAll(d, T.table, events.length);
    const rows = got.map((m) => ({ partition: m.partition, key: m.key?.toString() ?? null, json: JSON.parse(m.value!.toString('utf8')) }));
    const find = (op: string, table: string) => rows.find((r) => r.json.meta.op === op && r.json.meta.table === table)!;
    // OpenJDK: "HR.EMPLOYEES" → 62658433 % 4 = 1, "HR.DEPARTMENTS" → 3, "SALES.ORDERS" → 1, "HR.ODD\u002ENAME" → 2.
    expect(find('ins', 'HR.EMPLOYEES').partition).toBe(1);
    expect(find('ins', 'HR.DEPARTMENTS').partition).toBe(3);
    expect(find('ins', 'SALES.ORDERS').partition).toBe(1);
    expect(find('ins', 'HR.ODD.NAME').partition).toBe(2);
    expect(find('upd', 'HR.EMPLOYEES').partition).toBe(1);
    expect(find('del', 'HR.DEPARTMENTS').partition).toBe(3);
    expect(find('ddl', 'HR.EMPLOYEES').partition).toBe(1); // with its table's rows
    expect(find('ddl', 'HR').partition).toBe(0); // DDL naming no table

    expect(find('ins', 'SALES.ORDERS').json.data).toEqual({ ID: '3', NAME: 'name-3', SALARY: '30.00' });
    const upd = find('upd', 'HR.EMPLOYEES');
    expect(upd.key).toBe('1');
    expect(upd.json.data).toEqual({ SALARY: '11.50' });
    expect(upd.json.key).toEqual({ ID: '1', NAME: 'name-1', SALARY: '10.00' });
    expect(find('del', 'HR.DEPARTMENTS').json.data).toEqual({ ID: '2', NAME: 'name-2', SALARY: '20.00' });
    expect(find('ddl', 'HR.EMPLOYEES').json.data).toEqual({ ddl: 'ALTER TABLE "HR"."EMPLOYEES" DROP COLUMN "NAME"' });
    expect(Object.keys(upd.json.meta)).toEqual(['time', 'userid', 'op', 'scn', 'rowid', 'trans', 'seq', 'size', 'table', 'idx', 'posttime']);
    // Partition 1 holds EMPLOYEES' insert, update and DDL in write order.
    expect(rows.filter((r) => r.partition === 1 && r.json.meta.table === 'HR.EMPLOYEES').map((r) => r.json.meta.op)).toEqual(['ins', 'upd', 'ddl']);
  });
});

describe('ChangeSink → Kafka (PLAINTEXT, DTS Avro, partition 0)', () => {
  it('puts everything on partition 0 of multi-partition topics, and ids keep increasing across a restart', async () => {
    const d = plaintextDestination(T.zero, { ddlTopic: T.zeroDdl });
    let stored = 0;
    const open = () =>
      ChangeSink.open({ destination: d, format: DTS, partitionPolicy: 'partition-0', recordIds: { highWater: stored, blockSize: 100, reserve: (n) => void (stored = n) } });
    const first = await open();
    await first.writeAndAck([...[1, 2, 3, 4, 5].map((id) => rowEvent('INSERT', { id, salary: '1.00' })), ddlEvent('HR', 'EMPLOYEES', 'TRUNCATE TABLE "HR"."EMPLOYEES"')]);
    // Unacknowledged ids beyond the checkpoint are covered by the reservation: a restart skips them.
    expect(first.reservedRecordId).toBe(106);
    await first.close();

    const second = await open();
    const ack = await second.writeAndAck([rowEvent('UPDATE', { id: 1, salary: '2.00' }, { salary: '1.00' })]);
    await second.close();
    expect(ack.firstRecordId).toBe(107);

    const data = await readAll(d, T.zero, 6);
    const ddl = await readAll(d, T.zeroDdl, 1);
    expect([...data, ...ddl].every((m) => m.partition === 0)).toBe(true);
    expect(data.map((m) => decodeDts(m.value).id)).toEqual([1, 2, 3, 4, 5, 107]);
    expect(decodeDts(ddl[0]!.value)).toMatchObject({ id: 6, operation: 'DDL' });
  });
});

describe('ChangeSink flow control and failures', () => {
  it('passes back-pressure through: write returns only once acknowledgements made room', async () => {
    const d = plaintextDestination(T.bp);
    const sink = await ChangeSink.open({
      destination: d,
      format: { name: 'shareplex-json' },
      partitionPolicy: 'hash-pk',
      recordIds: { highWater: 0 },
      producer: { maxBufferedBytes: 4000, lingerMs: 20 },
    });
    const events = Array.from({ length: 20 }, (_, i) => rowEvent('INSERT', { id: i, salary: '1.00', name: 'x'.repeat(1000) }));
    const receipt: WriteReceipt = await sink.write(events);
    // 20 × ~1.2 KB cannot fit under 4 KB: write had to wait for acknowledgements of earlier ones.
    expect(sink.producerStats.records).toBeGreaterThan(0);
    expect(sink.producerStats.records).toBeLessThan(20);
    expect((await receipt.acked).count).toBe(20);
    await sink.close();
    const got = await readAll(d, T.bp, 20);
    expect(got.map((m) => JSON.parse(m.value!.toString()).data.ID)).toEqual(events.map((_, i) => String(i)));
  });

  it('stops with a clear error when the topic’s partition count changes while writing, and refuses to reopen with the old count', async () => {
    const d = plaintextDestination(T.grow);
    const sink = await ChangeSink.open({
      destination: d,
      format: DTS,
      partitionPolicy: 'hash-pk',
      recordIds: { highWater: 0 },
      producer: { partitionCheckIntervalMs: 200 },
    });
    await sink.writeAndAck([rowEvent('INSERT', { id: 1, salary: '1.00' })]);
    const counts = { ...sink.partitionCounts };
    await withAdmin((a) => a.createPartitions({ topicPartitions: [{ topic: T.grow, count: 3 }] }));
    await expect.poll(() => sink.error?.constructor, { timeout: 5000, interval: 100 }).toBe(KafkaPartitionCountChangedError);
    const err = await sink.write([rowEvent('UPDATE', { id: 1, salary: '2.00' }, { salary: '1.00' })]).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(KafkaPartitionCountChangedError);
    expect((err as KafkaPartitionCountChangedError).code).toBe('KAFKA_PARTITIONS_CHANGED');
    expect((err as Error).message).toContain(`Topic "${T.grow}" had 2 partitions when the task started and now has 3`);
    await sink.close();

    const reopen = await ChangeSink.open({ destination: d, format: DTS, partitionPolicy: 'hash-pk', recordIds: { highWater: 1 }, expectedPartitions: counts }).catch((e: unknown) => e);
    expect(reopen).toBeInstanceOf(KafkaPartitionCountChangedError);
  });

  it('names the missing DDL topic at open', async () => {
    const missing = uniqueTopic('it-sink-missing');
    const err = await ChangeSink.open({ destination: plaintextDestination(T.bp, { ddlTopic: missing }), format: DTS, partitionPolicy: 'partition-0', recordIds: { highWater: 0 } }).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(KafkaTopicMissingError);
    expect(err).toMatchObject({ code: 'KAFKA_TOPIC_MISSING', field: 'ddlTopic', topic: missing });
  });
});
