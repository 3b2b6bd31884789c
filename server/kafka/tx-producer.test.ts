import { describe, expect, it } from 'vitest';
import { TransactionalProducer, type TxRecord } from './tx-producer';
import type { KjsBroker, KjsCluster, ProtocolRequest } from './wire/kafkajs-internals';
import { protocolError } from './wire/kafkajs-internals';
import { decodeProduceResponse } from './wire/produce-request';

/**
 * The producer's retry and bookkeeping logic against a scripted cluster (the real-broker behaviour
 * is in test/integration/kafka-tx-producer.test.ts). The scripted connection reports itself not
 * connected, so produce requests take kafkajs's path (`connectionPool.send`), which the script answers.
 */
type Reply = (batches: { topic: string; partition: number; baseSequence: number; count: number }[]) => { errorCode: number }[] | Error;

function scripted(replies: Reply[], coordinatorErrors: Error[] = []) {
  const calls: string[] = [];
  const produced: { partition: number; baseSequence: number; count: number }[][] = [];
  const broker: KjsBroker = {
    nodeId: 1,
    disconnect: async () => undefined,
    initProducerId: async () => {
      calls.push('InitProducerId');
      return { producerId: '77', producerEpoch: 2 };
    },
    addPartitionsToTxn: async (a) => {
      const e = coordinatorErrors.shift();
      calls.push(`AddPartitionsToTxn ${a.topics.map((t) => `${t.topic}[${t.partitions.join(',')}]`).join(' ')}${e ? ` → ${(e as { type?: string }).type}` : ''}`);
      if (e) throw e;
    },
    endTxn: async (a) => void calls.push(`EndTxn ${a.transactionResult ? 'commit' : 'abort'}`),
    connectionPool: {
      host: 'h',
      port: 1,
      getConnection: async () => ({ isConnected: () => false }) as never,
      send: async (req: ProtocolRequest) => {
        const body = (await req.request.encode()).buffer;
        const batches = parseBody(body);
        produced.push(batches);
        calls.push(`Produce ${batches.map((b) => `${b.partition}@${b.baseSequence}+${b.count}`).join(' ')}`);
        const reply = (replies.shift() ?? (() => batches.map(() => ({ errorCode: 0 }))))(batches.map((b) => ({ topic: 't', ...b })));
        if (reply instanceof Error) throw reply;
        return decodeProduceResponse(encodeReply(batches, reply));
      },
    },
  };
  const cluster: KjsCluster = {
    connect: async () => undefined,
    disconnect: async () => undefined,
    isConnected: () => true,
    refreshMetadata: async () => void calls.push('Metadata'),
    addMultipleTargetTopics: async () => undefined,
    findTopicPartitionMetadata: () => [0, 1, 2].map((partitionId) => ({ partitionId, leader: 1 })),
    findBroker: async () => broker,
    findGroupCoordinator: async () => broker,
  };
  return { cluster, calls, produced };
}

/** Partition, base sequence and record count of each batch in a Produce v3 body. */
function parseBody(b: Buffer) {
  let pos = 2 + b.readInt16BE(0);
  pos += 2 + 4;
  const out: { partition: number; baseSequence: number; count: number }[] = [];
  const topics = b.readInt32BE(pos);
  pos += 4;
  for (let t = 0; t < topics; t++) {
    pos += 2 + b.readInt16BE(pos);
    const parts = b.readInt32BE(pos);
    pos += 4;
    for (let p = 0; p < parts; p++) {
      const partition = b.readInt32BE(pos);
      const size = b.readInt32BE(pos + 4);
      const batch = b.subarray(pos + 8, pos + 8 + size);
      out.push({ partition, baseSequence: batch.readInt32BE(53), count: batch.readInt32BE(57) });
      pos += 8 + size;
    }
  }
  return out;
}

function encodeReply(batches: { partition: number }[], codes: { errorCode: number }[]): Buffer {
  const parts = batches.map((b, i) => {
    const x = Buffer.alloc(22);
    x.writeInt32BE(b.partition, 0);
    x.writeInt16BE(codes[i]!.errorCode, 4);
    x.writeBigInt64BE(100n, 6);
    return x;
  });
  const head = Buffer.alloc(4 + 2 + 1 + 4);
  head.writeInt32BE(1, 0);
  head.writeInt16BE(1, 4);
  head.write('t', 6);
  head.writeInt32BE(parts.length, 7);
  return Buffer.concat([head, ...parts, Buffer.alloc(4)]);
}

const recs = (n: number, partitions = 3): TxRecord[] =>
  Array.from({ length: n }, (_, i) => ({ topic: 't', partition: i % partitions, key: Buffer.from(`k${i}`), value: Buffer.alloc(100, 1), bytes: 100 + String(i).length + 1 }));

const open = (cluster: KjsCluster, over = {}) => TransactionalProducer.onCluster(cluster, { transactionalId: 'tx', retries: 3, ...over });

describe('TransactionalProducer', () => {
  it('adds every partition, produces batches with per-partition sequences, then commits; sequences continue in the next transaction', async () => {
    const s = scripted([]);
    const p = await open(s.cluster);
    await p.commit(recs(6));
    await p.commit(recs(3));
    expect(s.calls).toEqual([
      'InitProducerId',
      'AddPartitionsToTxn t[0,1,2]',
      'Produce 0@0+2 1@0+2 2@0+2',
      'EndTxn commit',
      'AddPartitionsToTxn t[0,1,2]',
      'Produce 0@2+1 1@2+1 2@2+1',
      'EndTxn commit',
    ]);
  });

  it('splits a partition into batches and requests by size, one batch per partition per request, in order', async () => {
    const s = scripted([]);
    const p = await open(s.cluster, { maxBatchBytes: 400, maxRequestBytes: 1000 });
    await p.commit(recs(12, 1));
    const seqs = s.produced.flat().map((b) => [b.baseSequence, b.count]);
    expect(seqs.reduce((n, [, c]) => n + c!, 0)).toBe(12);
    // consecutive sequences, no gap, no overlap
    seqs.forEach(([seq], i) => i > 0 && expect(seq).toBe(seqs[i - 1]![0]! + seqs[i - 1]![1]!));
    expect(s.produced.every((req) => req.length === 1)).toBe(true);
    expect(s.produced.length).toBeGreaterThan(3);
  });

  it('retries a retriable partition error with the same sequence and treats a duplicate as delivered', async () => {
    const s = scripted([
      (b) => b.map((x) => ({ errorCode: x.partition === 1 ? 6 : 0 })), // NOT_LEADER on partition 1
      (b) => b.map(() => ({ errorCode: 46 })), // the retry: the broker already had it
    ]);
    const p = await open(s.cluster);
    await p.commit(recs(3));
    expect(s.calls).toEqual(['InitProducerId', 'AddPartitionsToTxn t[0,1,2]', 'Produce 0@0+1 1@0+1 2@0+1', 'Metadata', 'Produce 1@0+1', 'EndTxn commit']);
    expect(p.stats.retries).toBe(1);
  });

  it('retries after a dropped connection, and fails at once on a fatal error', async () => {
    const dropped = Object.assign(new Error('Connection closed'), { name: 'KafkaJSConnectionClosedError', retriable: true });
    const s = scripted([() => dropped]);
    const p = await open(s.cluster);
    await p.commit(recs(3));
    expect(s.calls.filter((c) => c.startsWith('Produce'))).toHaveLength(2);

    const f = scripted([(b) => b.map(() => ({ errorCode: 29 }))]); // TOPIC_AUTHORIZATION_FAILED
    const q = await open(f.cluster);
    await expect(q.commit(recs(3))).rejects.toMatchObject({ type: 'TOPIC_AUTHORIZATION_FAILED' });
    expect(f.calls).not.toContain('EndTxn commit');
  });

  it('gives up after the configured retries', async () => {
    const s = scripted(Array.from({ length: 10 }, () => (b: { partition: number }[]) => b.map(() => ({ errorCode: 6 }))));
    const p = await open(s.cluster, { retries: 2 });
    await expect(p.commit(recs(2))).rejects.toMatchObject({ type: 'NOT_LEADER_FOR_PARTITION' });
    expect(s.calls.filter((c) => c.startsWith('Produce'))).toHaveLength(3);
  }, 10_000);

  it('retries coordinator calls while the previous transaction completes (CONCURRENT_TRANSACTIONS), but not a fenced producer', async () => {
    const s = scripted([], [protocolError(51), protocolError(51)]);
    const p = await open(s.cluster);
    await p.commit(recs(1));
    expect(s.calls.filter((c) => c.startsWith('AddPartitionsToTxn'))).toEqual(['AddPartitionsToTxn t[0] → CONCURRENT_TRANSACTIONS', 'AddPartitionsToTxn t[0] → CONCURRENT_TRANSACTIONS', 'AddPartitionsToTxn t[0]']);
    expect(s.calls.at(-1)).toBe('EndTxn commit');

    const f = scripted([], [protocolError(47)]); // INVALID_PRODUCER_EPOCH
    const q = await open(f.cluster);
    await expect(q.commit(recs(1))).rejects.toMatchObject({ type: 'INVALID_PRODUCER_EPOCH' });
    expect(f.calls.filter((c) => c.startsWith('AddPartitionsToTxn'))).toHaveLength(1);
  });

  it("keeps batches within each topic's max.message.bytes and refuses a record that cannot fit before sending anything", async () => {
    const s = scripted([]);
    const p = await open(s.cluster, { topicLimits: { t: 700 } });
    await p.commit(recs(12, 1)); // ~107-byte records: at most 5 per 700-byte batch
    expect(s.produced.flat().every((b) => b.count <= 5)).toBe(true);
    expect(s.produced.flat().reduce((n, b) => n + b.count, 0)).toBe(12);

    const q = scripted([]);
    const small = await open(q.cluster, { topicLimits: { t: 150 } });
    await expect(small.commit(recs(2, 1))).rejects.toMatchObject({ code: 'KAFKA_RECORD_TOO_LARGE', message: expect.stringMatching(/max\.message\.bytes is 150/) });
    expect(q.calls).toEqual(['InitProducerId']);
  });
});
