import type { ProtocolRequest } from './kafkajs-internals';

/**
 * A Produce request (v3: the first with a transactional id and record batches; brokers from 0.11
 * through 4.x accept it) whose record batches (record-batch.ts) are written straight into it, and its
 * response read partition by partition, so the caller learns which batch failed and why.
 *
 *   transactional_id NULLABLE_STRING · acks INT16 · timeout INT32 ·
 *   [topic STRING · [partition INT32 · record_set (INT32 size + batch)]]
 *   response: [topic STRING · [partition INT32 · error_code INT16 · base_offset INT64 · log_append_time INT64]] · throttle_time_ms INT32
 */

/** A batch in a request being built: its exact size, and either its bytes or a writer for them. */
export interface FrameBatch {
  topic: string;
  partition: number;
  size: number;
  /** Bytes already encoded (a retry); otherwise `write` puts them at `pos` and returns the end. */
  batch: Buffer | null;
  write(out: Buffer, pos: number): number;
}

/** Request header v1: size, api key, api version, correlation id, client id. */
export function frameHeaderSize(clientId: string): number {
  return 4 + 2 + 2 + 4 + 2 + Buffer.byteLength(clientId, 'utf8');
}
export const CORRELATION_ID_OFFSET = 8;

/** Bytes of the whole request (header + body). */
export function produceFrameSize(clientId: string, transactionalId: string | null, batches: readonly FrameBatch[]): number {
  let size = frameHeaderSize(clientId) + 2 + (transactionalId === null ? 0 : Buffer.byteLength(transactionalId, 'utf8')) + 2 + 4 + 4;
  const topics = new Set<string>();
  for (const b of batches) {
    if (!topics.has(b.topic)) {
      topics.add(b.topic);
      size += 2 + Buffer.byteLength(b.topic, 'utf8') + 4;
    }
    size += 4 + 4 + b.size;
  }
  return size;
}

/**
 * Writes a whole Produce v3 request, header included (correlation id left 0 for the sender to
 * fill), into `out` (exactly `produceFrameSize` bytes); batches not yet encoded are written in
 * place and their bytes kept (`batch`) for a possible retry.
 */
export function writeProduceFrame(out: Buffer, clientId: string, transactionalId: string | null, acks: number, timeoutMs: number, batches: FrameBatch[]): void {
  const byTopic = new Map<string, FrameBatch[]>();
  for (const b of batches) {
    const list = byTopic.get(b.topic);
    if (list) list.push(b);
    else byTopic.set(b.topic, [b]);
  }
  let pos = out.writeInt32BE(out.length - 4, 0);
  pos = out.writeInt16BE(PRODUCE, pos);
  pos = out.writeInt16BE(3, pos);
  pos = out.writeInt32BE(0, pos);
  pos = writeString(out, pos, clientId);
  pos = transactionalId === null ? out.writeInt16BE(-1, pos) : writeString(out, pos, transactionalId);
  pos = out.writeInt16BE(acks, pos);
  pos = out.writeInt32BE(timeoutMs, pos);
  pos = out.writeInt32BE(byTopic.size, pos);
  for (const [topic, list] of byTopic) {
    pos = writeString(out, pos, topic);
    pos = out.writeInt32BE(list.length, pos);
    for (const b of list) {
      pos = out.writeInt32BE(b.partition, pos);
      pos = out.writeInt32BE(b.size, pos);
      if (b.batch) {
        out.set(b.batch, pos);
        pos += b.size;
      } else {
        const start = pos;
        pos = b.write(out, pos);
        if (pos - start !== b.size) throw new Error(`record batch for ${topic}/${b.partition} wrote ${pos - start} bytes, planned ${b.size}`);
        b.batch = out.subarray(start, pos);
      }
    }
  }
  if (pos !== out.length) throw new Error(`produce request is ${pos} bytes, planned ${out.length}`);
}

function writeString(out: Buffer, pos: number, s: string): number {
  const at = out.writeInt16BE(0, pos);
  const n = out.write(s, at, 'utf8');
  out.writeInt16BE(n, pos);
  return at + n;
}

export interface PartitionResult {
  topic: string;
  partition: number;
  errorCode: number;
  baseOffset: bigint;
}

const PRODUCE = 0;

export function decodeProduceResponse(payload: Buffer): { results: PartitionResult[]; throttleTimeMs: number } {
  let pos = 0;
  const results: PartitionResult[] = [];
  const topics = payload.readInt32BE(pos);
  pos += 4;
  for (let t = 0; t < topics; t++) {
    const len = payload.readInt16BE(pos);
    pos += 2;
    const topic = payload.toString('utf8', pos, pos + len);
    pos += len;
    const parts = payload.readInt32BE(pos);
    pos += 4;
    for (let p = 0; p < parts; p++) {
      results.push({ topic, partition: payload.readInt32BE(pos), errorCode: payload.readInt16BE(pos + 4), baseOffset: payload.readBigInt64BE(pos + 6) });
      pos += 22;
    }
  }
  return { results, throttleTimeMs: payload.readInt32BE(pos) };
}

/** The request in the shape kafkajs's connection sends (it adds the header and size prefix). */
export function produceRequest(body: Buffer): ProtocolRequest {
  return {
    request: { apiKey: PRODUCE, apiVersion: 3, apiName: 'Produce', encode: async () => ({ buf: body, buffer: body }) },
    response: { decode: async (payload: Buffer) => decodeProduceResponse(payload), parse: async (decoded: unknown) => decoded },
  };
}
