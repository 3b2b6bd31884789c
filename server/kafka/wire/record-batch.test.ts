import { createRequire } from 'node:module';
import { describe, expect, it } from 'vitest';
import { crc32c, crc32cJs, nativeCrc32c } from './crc32c';
import { BATCH_HEADER_BYTES, encodeRecordBatch, type BatchRecord } from './record-batch';

// kafkajs's own record-batch decoder (what its consumers run) reads our batches back.
const require = createRequire(import.meta.url);
const Decoder = require('kafkajs/src/protocol/decoder') as new (b: Buffer) => unknown;
const decodeBatch = require('kafkajs/src/protocol/recordBatch/v0/decoder') as (d: unknown) => Promise<{
  firstOffset: string;
  lastOffsetDelta: number;
  firstTimestamp: string;
  maxTimestamp: string;
  producerId: string;
  producerEpoch: number;
  firstSequence: number;
  inTransaction: boolean;
  records: { key: Buffer | null; value: Buffer | null; headers: Record<string, Buffer>; offset: string; timestamp: string }[];
}>;
const kafkajsCrc = require('kafkajs/src/protocol/recordBatch/crc32C/crc32C') as (b: Buffer) => number;

const header = { producerId: 4711n, producerEpoch: 3, baseSequence: 120, transactional: true, timestampMs: 1_700_000_000_123 };

describe('crc32c', () => {
  it('matches the published check value and kafkajs on odd lengths and offsets', () => {
    expect(crc32c(Buffer.from('123456789'))).toBe(0xe3069283);
    const b = Buffer.alloc(4099);
    for (let i = 0; i < b.length; i++) b[i] = (i * 2654435761) >>> 24;
    for (const [s, e] of [[0, 4099], [3, 4000], [5, 12], [7, 7]] as const) {
      expect(crc32c(b, s, e)).toBe(kafkajsCrc(b.subarray(s, e)) >>> 0);
      expect(crc32cJs(b, s, e)).toBe(kafkajsCrc(b.subarray(s, e)) >>> 0);
    }
    expect(crc32cJs(Buffer.from('123456789'))).toBe(0xe3069283);
  });

  it('uses the native implementation on this platform (linux x64)', () => {
    if (process.platform === 'linux' && process.arch === 'x64') expect(nativeCrc32c).toBe(true);
  });
});

describe('encodeRecordBatch', () => {
  const records: BatchRecord[] = [
    { key: Buffer.from('7'), value: Buffer.from('first') },
    { key: null, value: Buffer.alloc(300, 0x41) }, // value length needs a 2-byte varint
    { key: Buffer.from('k'), value: null }, // tombstone
    { key: Buffer.from('h'), value: Buffer.from('v'), headers: { 'x-op': 'UPDATE', 'x-ü': 'ß' } },
  ];

  it('is read back by kafkajs with keys, values, headers, offsets and producer fields intact', async () => {
    const batch = encodeRecordBatch(records, header);
    const out = await decodeBatch(new Decoder(batch));
    expect(out).toMatchObject({ firstOffset: '0', lastOffsetDelta: 3, producerId: '4711', producerEpoch: 3, firstSequence: 120, inTransaction: true });
    expect(out.firstTimestamp).toBe(String(header.timestampMs));
    expect(out.records.map((r) => [r.key?.toString() ?? null, r.value?.toString() ?? null, r.offset])).toEqual([
      ['7', 'first', '0'],
      [null, 'A'.repeat(300), '1'],
      ['k', null, '2'],
      ['h', 'v', '3'],
    ]);
    expect(Object.fromEntries(Object.entries(out.records[3]!.headers).map(([k, v]) => [k, v.toString()]))).toEqual({ 'x-op': 'UPDATE', 'x-ü': 'ß' });
  });

  it('states its length and a CRC-32C over attributes..end, as brokers check', () => {
    const batch = encodeRecordBatch(records, header);
    expect(batch.readInt32BE(8)).toBe(batch.length - 12);
    expect(batch.readInt8(16)).toBe(2);
    expect(batch.readUInt32BE(17)).toBe(crc32c(batch, 21, batch.length));
    batch[batch.length - 1]! ^= 1;
    expect(batch.readUInt32BE(17)).not.toBe(crc32c(batch, 21, batch.length));
  });

  it('encodes a slice of the records, numbering offsets from zero', async () => {
    const out = await decodeBatch(new Decoder(encodeRecordBatch(records, { ...header, transactional: false }, 1, 3)));
    expect(out.inTransaction).toBe(false);
    expect(out.records.map((r) => [r.key?.toString() ?? null, r.offset])).toEqual([[null, '0'], ['k', '1']]);
  });

  it('gzips the records section when asked, and kafkajs inflates it', async () => {
    const many: BatchRecord[] = Array.from({ length: 200 }, (_, i) => ({ key: Buffer.from(String(i)), value: Buffer.from(`row ${i} `.repeat(20)) }));
    const plain = encodeRecordBatch(many, header);
    const packed = encodeRecordBatch(many, { ...header, compression: 'gzip' });
    expect(packed.length).toBeLessThan(plain.length / 4);
    expect(packed.readInt16BE(21) & 0x07).toBe(1);
    const out = await decodeBatch(new Decoder(packed));
    expect(out.records).toHaveLength(200);
    expect(out.records[199]!.value!.toString()).toBe('row 199 '.repeat(20));
  });

  it('refuses an empty batch', () => {
    expect(() => encodeRecordBatch([], header)).toThrow(/at least one record/);
    expect(BATCH_HEADER_BYTES).toBe(61);
  });
});
