import { beforeAll, describe, expect, it } from 'vitest';
import type { ChangeEvent } from '../../server/model/change-event';
import { KafkaPartitionCountChangedError, KafkaTopicMissingError } from '../../server/kafka/errors';
import { createTopic, plaintextDestination, scramDestination, uniqueTopic, withAdmin } from './kafka-env';
import { ddlEvent, decodeDts, expectedPartition, imageText, JAVA_HASHES, javaHash, openEngineWriter, readAll, rowEvent } from './destination-helpers';

/**
 * The engine's write path (openEngineWriter: openKafkaTarget → EventEncoder → KafkaTxSink, one
 * Kafka transaction per write) against the real broker: both listeners, both formats, the three
 * partition policies on multi-partition topics (each message's partition checked against Java
 * String.hashCode), the DDL topic, per-key order, record ids across a restart, and partition
 * counts that changed between runs.
 */

const T = {
  pk: uniqueTopic('it-sink-pk'), // 6 partitions, DDL → pkDdl
  pkDdl: uniqueTopic('it-sink-pk-ddl'), // 3 partitions
  table: uniqueTopic('it-sink-table'), // 4 partitions, DDL topic blank
  zero: uniqueTopic('it-sink-zero'), // 6 partitions, DDL → zeroDdl
  zeroDdl: uniqueTopic('it-sink-zero-ddl'), // 3 partitions
  grow: uniqueTopic('it-sink-grow'), // 2 partitions, grows to 3
};

beforeAll(async () => {
  const parts: Record<keyof typeof T, number> = { pk: 6, pkDdl: 3, table: 4, zero: 6, zeroDdl: 3, grow: 2 };
  await Promise.all(Object.entries(T).map(([k, topic]) => createTopic(topic, parts[k as keyof typeof T])));
});

const ck = () => uniqueTopic('it-sink-ck');

describe('the test oracle', () => {
  it('matches the String.hashCode values OpenJDK prints', () => {
    for (const [text, hash] of Object.entries(JAVA_HASHES)) expect(javaHash(text), text).toBe(hash);
    expect(expectedPartition('polygenelubricants', 6)).toBe(2); // Integer.MIN_VALUE: |h % n|, never negative
  });
});

describe('engine → Kafka (PLAINTEXT, DTS Avro, hash of primary key, DDL topic)', () => {
  it('lands every row on the partition of its key, keeps per-key order, ids strictly increasing; DDL goes to the DDL topic', async () => {
    const d = plaintextDestination(T.pk, { ddlTopic: T.pkDdl });
    const keys = [101, 102, 103, 104, 105, 106, 107, 108];
    const batches: ChangeEvent[][] = [keys.map((id) => rowEvent('INSERT', { id, salary: '0.00' })), [], []];
    for (let round = 1; round <= 5; round++) {
      const b = batches[round <= 2 ? 1 : 2]!;
      for (const id of keys) b.push(rowEvent('UPDATE', { id, salary: `${round}.00` }, { salary: `${round - 1}.00` }));
      if (round === 2) b.push(ddlEvent('HR', 'EMPLOYEES', 'ALTER TABLE "HR"."EMPLOYEES" ADD ("BONUS" NUMBER)'));
    }
    // A composite key and a keyless table (→ 0).
    batches[2]!.push(
      { ...rowEvent('INSERT', { table: 'ORDER_LINES', id: 7, salary: '2' }), primaryKey: ['ID', 'SALARY'] },
      rowEvent('INSERT', { table: 'AUDIT', id: 105, salary: '1.00', primaryKey: null }),
      ddlEvent('HR', 'AUDIT', 'DROP TABLE "HR"."AUDIT"'),
    );
    const total = batches.reduce((s, b) => s + b.length, 0);

    const sink = await openEngineWriter(d, { dataFormat: 'dts-avro', partitionPolicy: 'hash-pk', checkpointTopic: ck() });
    expect(sink.partitionCounts).toEqual({ [T.pk]: 6, [T.pkDdl]: 3 });
    expect(sink.schemaIds).toBeNull();
    const written = [];
    for (const [i, b] of batches.entries()) written.push(await sink.write(b, 7_000_000n + BigInt(i)));
    await sink.close();
    expect(written.map((w) => w.length)).toEqual(batches.map((b) => b.length));

    const data = await readAll(d, T.pk, total - 2);
    const ddl = await readAll(d, T.pkDdl, 2);

    const byKey = new Map<string, { salary: string; id: number }[]>();
    for (const m of data) {
      const r = decodeDts(m.value);
      const [id, , salary] = (r.afterImages as unknown[]).map(imageText);
      const table = r.objectName!.split('.')[1];
      // The partition each message landed on, from the independent oracle.
      const keyText = table === 'ORDER_LINES' ? `${id},${salary}` : id!;
      const want = table === 'AUDIT' ? 0 : expectedPartition(keyText, 6);
      expect(m.partition, `${r.objectName} ${keyText}`).toBe(want);
      expect(m.key).toBe(table === 'ORDER_LINES' ? '7,2' : table === 'EMPLOYEES' ? id : null);
      expect(r.safeSourcePosition.startsWith('700000')).toBe(true);
      if (table === 'EMPLOYEES') {
        const list = byKey.get(id!) ?? [];
        list.push({ salary: salary!, id: r.id });
        byKey.set(id!, list);
      }
    }
    // Hard-checked against OpenJDK: "101".hashCode() % 6 = 2, "105" → 0, composite "7,2" → 5.
    const partitionsOf = (key: string) => [...new Set(data.filter((m) => m.key === key).map((m) => m.partition))];
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

    // Record ids: exactly 1..total, each used once, increasing with offset in every partition.
    const ids = [...data, ...ddl].map((m) => decodeDts(m.value).id);
    expect(ids.sort((a, b) => a - b)).toEqual(Array.from({ length: total }, (_, i) => 1 + i));
    for (const m of [data, ddl]) {
      const perPartition = new Map<number, number[]>();
      for (const x of m) perPartition.set(x.partition, [...(perPartition.get(x.partition) ?? []), decodeDts(x.value).id]);
      for (const list of perPartition.values()) for (let i = 1; i < list.length; i++) expect(list[i]).toBeGreaterThan(list[i - 1]!);
    }
    // The DDL was written between round 2 and round 3: its id sits between theirs.
    expect(ddlRecords[0]!.r.id).toBe(keys.length + 2 * keys.length + 1);
  });
});

describe('engine → Kafka (SCRAM-SHA-256, SharePlex JSON, hash of table name, blank DDL topic)', () => {
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
    const sink = await openEngineWriter(d, { dataFormat: 'shareplex-json', partitionPolicy: 'hash-table', checkpointTopic: ck() });
    expect(sink.topics).toEqual({ data: T.table, ddl: T.table });
    await sink.write(events);
    await sink.close();

    const got = await readAll(d, T.table, events.length);
    const rows = got.map((m) => ({ partition: m.partition, key: m.key, json: JSON.parse(m.value!.toString('utf8')) }));
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

describe('engine → Kafka (PLAINTEXT, DTS Avro, partition 0)', () => {
  it('puts everything on partition 0 of multi-partition topics, and ids continue from the checkpoint after a restart', async () => {
    const d = plaintextDestination(T.zero, { ddlTopic: T.zeroDdl });
    const checkpointTopic = ck();
    const first = await openEngineWriter(d, { dataFormat: 'dts-avro', partitionPolicy: 'partition-0', checkpointTopic });
    await first.write([...[1, 2, 3, 4, 5].map((id) => rowEvent('INSERT', { id, salary: '1.00' })), ddlEvent('HR', 'EMPLOYEES', 'TRUNCATE TABLE "HR"."EMPLOYEES"')]);
    await first.close();

    const second = await openEngineWriter(d, { dataFormat: 'dts-avro', partitionPolicy: 'partition-0', checkpointTopic, taskId: first.taskId });
    expect(second.checkpoint?.nextRecordId).toBe(7);
    await second.write([rowEvent('UPDATE', { id: 1, salary: '2.00' }, { salary: '1.00' })]);
    await second.close();

    const data = await readAll(d, T.zero, 6);
    const ddl = await readAll(d, T.zeroDdl, 1);
    expect([...data, ...ddl].every((m) => m.partition === 0)).toBe(true);
    expect(data.map((m) => decodeDts(m.value).id)).toEqual([1, 2, 3, 4, 5, 7]);
    expect(decodeDts(ddl[0]!.value)).toMatchObject({ id: 6, operation: 'DDL' });
  });
});

describe('engine → Kafka: topics that changed or are missing', () => {
  it('refuses to resume when a topic’s partition count changed since the task first wrote', async () => {
    const d = plaintextDestination(T.grow);
    const checkpointTopic = ck();
    const sink = await openEngineWriter(d, { dataFormat: 'dts-avro', partitionPolicy: 'hash-pk', checkpointTopic });
    await sink.write([rowEvent('INSERT', { id: 1, salary: '1.00' })]);
    await sink.close();
    await withAdmin((a) => a.createPartitions({ topicPartitions: [{ topic: T.grow, count: 3 }] }));

    const err = await openEngineWriter(d, { dataFormat: 'dts-avro', partitionPolicy: 'hash-pk', checkpointTopic, taskId: sink.taskId }).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(KafkaPartitionCountChangedError);
    expect((err as KafkaPartitionCountChangedError).code).toBe('KAFKA_PARTITIONS_CHANGED');
    expect((err as Error).message).toContain(`Topic "${T.grow}" had 2 partitions when the task started and now has 3`);
  });

  it('names the missing DDL topic at open', async () => {
    const missing = uniqueTopic('it-sink-missing');
    const err = await openEngineWriter(plaintextDestination(T.zero, { ddlTopic: missing }), { dataFormat: 'dts-avro', partitionPolicy: 'partition-0', checkpointTopic: ck() }).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(KafkaTopicMissingError);
    expect(err).toMatchObject({ code: 'KAFKA_TOPIC_MISSING', field: 'ddlTopic', topic: missing });
  });
});
