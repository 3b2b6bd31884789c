import { gzipSync } from 'node:zlib';
import { crc32c } from './crc32c';

/**
 * Kafka record batches (magic 2), written once into a buffer of exactly the right size: every
 * record's key and value are copied straight into the batch, with no per-record buffers. This is
 * the format a broker keeps on disk and the only one transactions use.
 *
 *   baseOffset int64 · batchLength int32 · partitionLeaderEpoch int32 · magic int8 · crc uint32 ·
 *   attributes int16 · lastOffsetDelta int32 · baseTimestamp int64 · maxTimestamp int64 ·
 *   producerId int64 · producerEpoch int16 · baseSequence int32 · recordCount int32 · records…
 *   record: length varint · attributes int8 · timestampDelta varlong · offsetDelta varint ·
 *           keyLength varint (-1 = null) · key · valueLength varint · value · headerCount varint ·
 *           [headerKeyLength varint · headerKey · headerValueLength varint · headerValue]
 *
 * The CRC-32C covers everything from `attributes` to the end.
 */

export interface BatchRecord {
  key: Buffer | null;
  value: Buffer | null;
  headers?: Readonly<Record<string, string>>;
}

export interface BatchHeader {
  producerId: bigint;
  producerEpoch: number;
  baseSequence: number;
  transactional: boolean;
  /** Record timestamp (CreateTime) of every record, epoch ms. */
  timestampMs: number;
  compression?: 'none' | 'gzip';
}

export const BATCH_HEADER_BYTES = 61;
const CRC_OFFSET = 17;
const ATTRIBUTES_OFFSET = 21;
const TRANSACTIONAL = 0x10;
const GZIP = 0x01;

/** Upper bound of the bytes a record adds to a batch besides its key, value and headers. */
export const RECORD_OVERHEAD_BYTES = 5 + 1 + 1 + 5 + 5 + 5 + 5;

function varintSize(n: number): number {
  const z = ((n << 1) ^ (n >> 31)) >>> 0;
  if (z < 0x80) return 1;
  if (z < 0x4000) return 2;
  if (z < 0x200000) return 3;
  if (z < 0x10000000) return 4;
  return 5;
}

function writeVarint(buf: Buffer, pos: number, n: number): number {
  let z = ((n << 1) ^ (n >> 31)) >>> 0;
  while (z >= 0x80) {
    buf[pos++] = (z & 0x7f) | 0x80;
    z >>>= 7;
  }
  buf[pos++] = z;
  return pos;
}

function headerEntries(h: Readonly<Record<string, string>> | undefined): [Buffer, Buffer][] | null {
  if (!h) return null;
  const keys = Object.keys(h);
  return keys.length === 0 ? null : keys.map((k) => [Buffer.from(k, 'utf8'), Buffer.from(h[k]!, 'utf8')]);
}

function bodySize(r: BatchRecord, offsetDelta: number, headers: [Buffer, Buffer][] | null): number {
  const k = r.key === null ? -1 : r.key.length;
  const v = r.value === null ? -1 : r.value.length;
  let size = 1 + 1 + varintSize(offsetDelta) + varintSize(k) + Math.max(k, 0) + varintSize(v) + Math.max(v, 0);
  if (headers === null) return size + 1;
  size += varintSize(headers.length);
  for (const [hk, hv] of headers) size += varintSize(hk.length) + hk.length + varintSize(hv.length) + hv.length;
  return size;
}

/** The records section alone (uncompressed), `records[from, to)`. */
function writeRecords(records: readonly BatchRecord[], from: number, to: number, out: Buffer, start: number): number {
  let pos = start;
  for (let i = from; i < to; i++) {
    const r = records[i]!;
    const h = headerEntries(r.headers);
    const delta = i - from;
    pos = writeVarint(out, pos, bodySize(r, delta, h));
    out[pos++] = 0; // attributes
    out[pos++] = 0; // timestampDelta: every record carries the batch's timestamp
    pos = writeVarint(out, pos, delta);
    if (r.key === null) pos = writeVarint(out, pos, -1);
    else {
      pos = writeVarint(out, pos, r.key.length);
      out.set(r.key, pos);
      pos += r.key.length;
    }
    if (r.value === null) pos = writeVarint(out, pos, -1);
    else {
      pos = writeVarint(out, pos, r.value.length);
      out.set(r.value, pos);
      pos += r.value.length;
    }
    if (h === null) out[pos++] = 0;
    else {
      pos = writeVarint(out, pos, h.length);
      for (const [hk, hv] of h) {
        pos = writeVarint(out, pos, hk.length);
        pos += hk.copy(out, pos);
        pos = writeVarint(out, pos, hv.length);
        pos += hv.copy(out, pos);
      }
    }
  }
  return pos;
}

/** Bytes of the uncompressed batch holding `records[from, to)`. */
export function recordBatchSize(records: readonly BatchRecord[], from = 0, to = records.length): number {
  let size = BATCH_HEADER_BYTES;
  for (let i = from; i < to; i++) {
    const r = records[i]!;
    const body = bodySize(r, i - from, headerEntries(r.headers));
    size += varintSize(body) + body;
  }
  return size;
}

/**
 * Writes the batch holding `records[from, to)` into `out` at `pos` (uncompressed; exactly
 * `recordBatchSize` bytes) and returns the end position.
 */
export function writeRecordBatch(out: Buffer, pos: number, records: readonly BatchRecord[], header: BatchHeader, from = 0, to = records.length): number {
  if (to - from <= 0) throw new RangeError('a record batch needs at least one record');
  const end = writeRecords(records, from, to, out, pos + BATCH_HEADER_BYTES);
  finishHeader(out, pos, end, to - from, header, false);
  return end;
}

/** One record batch holding `records[from, to)` (default: all) in a buffer of its own; gzip when asked. */
export function encodeRecordBatch(records: readonly BatchRecord[], header: BatchHeader, from = 0, to = records.length): Buffer {
  if ((header.compression ?? 'none') !== 'gzip') {
    const out = Buffer.allocUnsafe(recordBatchSize(records, from, to));
    writeRecordBatch(out, 0, records, header, from, to);
    return out;
  }
  const count = to - from;
  if (count <= 0) throw new RangeError('a record batch needs at least one record');
  const plain = Buffer.allocUnsafe(recordBatchSize(records, from, to) - BATCH_HEADER_BYTES);
  writeRecords(records, from, to, plain, 0);
  const packed = gzipSync(plain);
  const out = Buffer.allocUnsafe(BATCH_HEADER_BYTES + packed.length);
  const end = BATCH_HEADER_BYTES + packed.copy(out, BATCH_HEADER_BYTES);
  finishHeader(out, 0, end, count, header, true);
  return out;
}

function finishHeader(out: Buffer, at: number, end: number, count: number, header: BatchHeader, gzip: boolean): void {
  out.writeBigInt64BE(0n, at); // baseOffset: the broker assigns offsets
  out.writeInt32BE(end - at - 12, at + 8); // batchLength: everything after this field
  out.writeInt32BE(-1, at + 12); // partitionLeaderEpoch: set by the broker
  out.writeInt8(2, at + 16); // magic
  out.writeInt16BE((header.transactional ? TRANSACTIONAL : 0) | (gzip ? GZIP : 0), at + ATTRIBUTES_OFFSET);
  out.writeInt32BE(count - 1, at + 23); // lastOffsetDelta
  out.writeBigInt64BE(BigInt(header.timestampMs), at + 27); // baseTimestamp
  out.writeBigInt64BE(BigInt(header.timestampMs), at + 35); // maxTimestamp
  out.writeBigInt64BE(header.producerId, at + 43);
  out.writeInt16BE(header.producerEpoch, at + 51);
  out.writeInt32BE(header.baseSequence, at + 53);
  out.writeInt32BE(count, at + 57);
  out.writeUInt32BE(crc32c(out, at + ATTRIBUTES_OFFSET, end), at + CRC_OFFSET);
}
