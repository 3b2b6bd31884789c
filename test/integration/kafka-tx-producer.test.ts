import { describe, expect, it } from 'vitest';
import { createKafka } from '../../server/kafka/client';
import { TransactionalProducer, type TxRecord } from '../../server/kafka/tx-producer';
import type { KafkaDestination } from '../../server/model/kafka-destination';
import { createTopic, plaintextDestination, scramDestination, uniqueTopic } from './kafka-env';
import { consumeAll } from './engine-support/consume';

const rec = (topic: string, partition: number, i: number, valueBytes = 40): TxRecord => {
  const key = Buffer.from(`k${i}`);
  const value = Buffer.from(`v${i}:`.padEnd(valueBytes, 'x'));
  return { topic, partition, key, value, bytes: key.length + value.length };
};

async function open(d: KafkaDestination, over: Partial<Parameters<typeof TransactionalProducer.connect>[1]> = {}) {
  return TransactionalProducer.connect(createKafka(d), { transactionalId: uniqueTopic('txp'), ...over });
}

describe('TransactionalProducer (real broker)', () => {
  it('writes many batches over several pipelined requests; read_committed sees every record once, in order per partition', async () => {
    const topic = uniqueTopic('txp-many');
    await createTopic(topic, 4);
    const d = plaintextDestination(topic);
    // 2 KiB batches and 6 KiB requests: each partition's records span many batches and requests.
    const p = await open(d, { maxBatchBytes: 2048, maxRequestBytes: 6 * 1024 });
    const records = Array.from({ length: 1200 }, (_, i) => rec(topic, i % 4, i));
    await p.commit(records.slice(0, 700));
    await p.commit(records.slice(700));
    expect(p.stats.requests).toBeGreaterThan(10);
    expect(p.stats.batches).toBeGreaterThan(40);
    await p.disconnect();
    const got = await consumeAll(d, topic);
    expect(got).toHaveLength(1200);
    for (let part = 0; part < 4; part++) {
      const keys = got.filter((m) => m.partition === part).sort((a, b) => Number(a.offset - b.offset)).map((m) => m.key);
      expect(keys).toEqual(records.filter((r) => r.partition === part).map((r) => r.key!.toString()));
    }
    expect(got.find((m) => m.key === 'k1199')?.value?.toString()).toBe(records[1199]!.value!.toString());
  });

  it('works over SASL/SCRAM, with gzip, null keys and headers', async () => {
    const topic = uniqueTopic('txp-scram');
    await createTopic(topic, 2);
    const d = scramDestination(topic);
    const p = await open(d, { compression: 'gzip' });
    const records: TxRecord[] = [
      { ...rec(topic, 0, 1, 500), headers: { 'x-op': 'INSERT' } },
      { topic, partition: 1, key: null, value: Buffer.from('keyless'), bytes: 7 },
      rec(topic, 1, 3, 500),
    ];
    await p.commit(records);
    await p.disconnect();
    const kafka = createKafka(d);
    const consumer = kafka.consumer({ groupId: uniqueTopic('txp-read'), readUncommitted: false, maxWaitTimeInMs: 200 });
    const seen: { key: string | null; value: string; headers: Record<string, string> }[] = [];
    await consumer.connect();
    await consumer.subscribe({ topic, fromBeginning: true });
    await new Promise<void>((resolve) => {
      void consumer.run({
        eachMessage: async ({ message }) => {
          seen.push({
            key: message.key?.toString() ?? null,
            value: message.value!.toString(),
            headers: Object.fromEntries(Object.entries(message.headers ?? {}).map(([k, v]) => [k, String(v)])),
          });
          if (seen.length === 3) resolve();
        },
      });
    });
    await consumer.disconnect();
    expect(seen.find((m) => m.key === 'k1')?.headers).toEqual({ 'x-op': 'INSERT' });
    expect(seen.find((m) => m.key === null)?.value).toBe('keyless');
    expect(seen.find((m) => m.key === 'k3')?.value).toBe(records[2]!.value!.toString());
  });

  it('a second producer with the same transactional id fences the first', async () => {
    const topic = uniqueTopic('txp-fence');
    await createTopic(topic, 1);
    const d = plaintextDestination(topic);
    const transactionalId = uniqueTopic('txp-fence-id');
    const first = await open(d, { transactionalId });
    await first.commit([rec(topic, 0, 1)]);
    const second = await open(d, { transactionalId });
    await expect(first.commit([rec(topic, 0, 2)])).rejects.toMatchObject({ type: expect.stringMatching(/INVALID_PRODUCER_EPOCH|PRODUCER_FENCED/) });
    await first.abort().catch(() => undefined);
    await second.commit([rec(topic, 0, 3)]);
    await Promise.all([first.disconnect(), second.disconnect()]);
    expect((await consumeAll(d, topic)).map((m) => m.key)).toEqual(['k1', 'k3']);
  });
});
