import { describe, expect, it } from 'vitest';
import { KafkaTxSink } from '../../server/kafka/tx-sink';
import type { PendingRecord, TaskCheckpoint } from '../../server/model/pending-record';
import { createKafka } from '../../server/kafka/client';
import { createTopic, plaintextDestination, uniqueTopic, withAdmin } from './kafka-env';
import { consumeAll } from './engine-support/consume';

const rec = (topic: string, i: number, partition = 0): PendingRecord => ({ topic, partition, key: Buffer.from(`k${i}`), value: Buffer.from(`v${i}`), bytes: 6 });

function ckpt(taskId: string, n: number): TaskCheckpoint {
  return { taskId, phase: 'full', schema: null, full: null, incremental: null, finished: [], nextRecordId: n, partitions: {}, writtenAtMs: Date.now() };
}

describe('KafkaTxSink (real broker)', () => {
  it('commits records with the checkpoint and reads the checkpoint back after a restart', async () => {
    const topic = uniqueTopic('eng-tx');
    const ckTopic = uniqueTopic('eng-ck');
    await createTopic(topic, 3);
    const d = plaintextDestination(topic);
    const taskId = uniqueTopic('task');
    const first = await KafkaTxSink.open({ destination: d, taskId, checkpointTopic: ckTopic });
    expect(first.checkpoint).toBeNull();
    expect(first.partitionCounts).toEqual({ [topic]: 3 });
    await first.sink.commit([rec(topic, 1, 0), rec(topic, 2, 1)], ckpt(taskId, 3));
    await first.sink.commit([rec(topic, 3, 2)], ckpt(taskId, 4));
    await first.sink.close();

    const second = await KafkaTxSink.open({ destination: d, taskId, checkpointTopic: ckTopic });
    expect(second.checkpoint?.nextRecordId).toBe(4);
    await second.sink.close();
    const got = await consumeAll(d, topic, { isolation: 'read_committed' });
    expect(got.map((m) => m.key).sort()).toEqual(['k1', 'k2', 'k3']);
  });

  it('a new process fences the old one and its open transaction never becomes visible', async () => {
    const topic = uniqueTopic('eng-fence');
    const ckTopic = uniqueTopic('eng-ck');
    await createTopic(topic, 1);
    const d = plaintextDestination(topic);
    const taskId = uniqueTopic('task');
    const old = await KafkaTxSink.open({ destination: d, taskId, checkpointTopic: ckTopic });
    await old.sink.commit([rec(topic, 1)], ckpt(taskId, 2));
    // The old process starts a transaction and "dies" before committing it.
    const kafka = createKafka(d);
    const zombie = kafka.producer({ transactionalId: `ora2kafka-${taskId}`, idempotent: true, maxInFlightRequests: 1 });
    await zombie.connect();
    const tx = await zombie.transaction();
    await tx.send({ topic, messages: [{ key: 'ghost', value: 'never', partition: 0 }] });

    const next = await KafkaTxSink.open({ destination: d, taskId, checkpointTopic: ckTopic });
    expect(next.checkpoint?.nextRecordId).toBe(2);
    await expect(tx.commit()).rejects.toThrow();
    await expect(old.sink.commit([rec(topic, 9)], ckpt(taskId, 10))).rejects.toMatchObject({ code: 'TASK_FENCED' });
    await next.sink.commit([rec(topic, 2)], ckpt(taskId, 3));
    await Promise.allSettled([zombie.disconnect(), old.sink.close(), next.sink.close()]);
    const got = await consumeAll(d, topic, { isolation: 'read_committed' });
    expect(got.map((m) => m.key)).toEqual(['k1', 'k2']);
  });

  it("sizes batches to the topic's max.message.bytes and names a record too large for it", async () => {
    const topic = uniqueTopic('eng-small');
    await withAdmin((a) => a.createTopics({ topics: [{ topic, numPartitions: 1, configEntries: [{ name: 'max.message.bytes', value: '4000' }] }], waitForLeaders: true }));
    const d = plaintextDestination(topic);
    const taskId = uniqueTopic('task');
    const opened = await KafkaTxSink.open({ destination: d, taskId, checkpointTopic: uniqueTopic('eng-ck') });
    // 60 records of ~300 bytes: one 512 KiB batch would be refused; batches of < 4000 bytes are not.
    const big = (i: number): PendingRecord => ({ topic, partition: 0, key: Buffer.from(`k${i}`), value: Buffer.alloc(300, 65), bytes: 302 + String(i).length });
    await opened.sink.commit(Array.from({ length: 60 }, (_, i) => big(i)), ckpt(taskId, 61));
    const huge: PendingRecord = { topic, partition: 0, key: Buffer.from('huge'), value: Buffer.alloc(5000, 66), bytes: 5004 };
    await expect(opened.sink.commit([huge], ckpt(taskId, 62))).rejects.toMatchObject({ code: 'KAFKA_RECORD_TOO_LARGE', message: expect.stringContaining('4,000') });
    await opened.sink.close();
    expect(await consumeAll(d, topic)).toHaveLength(60);
  });
});
