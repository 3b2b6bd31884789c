/**
 * Per-partition buffers for the producer (kafkajs has no linger or batch size of its own). Each entry
 * keeps the message and the callbacks that settle its delivery promise; `take` drains up to a byte
 * budget per partition and per request, oldest first, so per-partition order is kept.
 */
import type { Message } from 'kafkajs';

export interface Delivery {
  topic: string;
  partition: number;
  /** Offset Kafka assigned (int64). */
  offset: bigint;
}

export interface Pending {
  message: Message;
  bytes: number;
  resolve: (d: Delivery) => void;
  reject: (e: unknown) => void;
}

export interface PartitionChunk {
  topic: string;
  partition: number;
  entries: Pending[];
  bytes: number;
}

interface Queue {
  topic: string;
  partition: number;
  entries: Pending[];
  head: number;
  bytes: number;
}

/** Approximate on-wire size of a record (varint lengths and attributes add ~20 bytes). */
export function recordBytes(m: Message): number {
  let n = 20 + byteLen(m.key) + byteLen(m.value);
  if (m.headers) for (const [k, v] of Object.entries(m.headers)) n += 4 + Buffer.byteLength(k) + byteLen(v as Buffer | string | null | undefined);
  return n;
}

function byteLen(v: Buffer | string | null | undefined | (Buffer | string)[]): number {
  if (v == null) return 0;
  if (typeof v === 'string') return Buffer.byteLength(v);
  if (Array.isArray(v)) return v.reduce((s, x) => s + byteLen(x), 0);
  return v.length;
}

export class Accumulator {
  private readonly queues = new Map<string, Queue>();
  /** Bytes not yet handed to `take`. */
  pendingBytes = 0;
  /** When the oldest still-buffered message arrived (ms), or null when empty. */
  oldestAt: number | null = null;
  private fullPartitions = 0;

  constructor(private readonly batchBytes: number) {}

  add(topic: string, partition: number, p: Pending): void {
    const key = `${partition}\u0000${topic}`;
    let q = this.queues.get(key);
    if (!q) {
      q = { topic, partition, entries: [], head: 0, bytes: 0 };
      this.queues.set(key, q);
    }
    const wasFull = q.bytes >= this.batchBytes;
    q.entries.push(p);
    q.bytes += p.bytes;
    if (!wasFull && q.bytes >= this.batchBytes) this.fullPartitions++;
    this.pendingBytes += p.bytes;
    if (this.oldestAt === null) this.oldestAt = Date.now();
  }

  /** Some partition holds a full batch. */
  hasFullBatch(): boolean {
    return this.fullPartitions > 0;
  }

  isEmpty(): boolean {
    return this.pendingBytes === 0;
  }

  /** Remove up to `batchBytes` per partition (at least one message each) and `requestBytes` overall. */
  take(requestBytes: number): PartitionChunk[] {
    const out: PartitionChunk[] = [];
    let total = 0;
    for (const q of this.queues.values()) {
      if (total >= requestBytes) break;
      if (q.head >= q.entries.length) continue;
      const wasFull = q.bytes >= this.batchBytes;
      const chunk: PartitionChunk = { topic: q.topic, partition: q.partition, entries: [], bytes: 0 };
      while (q.head < q.entries.length) {
        const p = q.entries[q.head]!;
        if (chunk.entries.length > 0 && (chunk.bytes + p.bytes > this.batchBytes || total + chunk.bytes + p.bytes > requestBytes)) break;
        chunk.entries.push(p);
        chunk.bytes += p.bytes;
        q.head++;
      }
      q.bytes -= chunk.bytes;
      if (wasFull && q.bytes < this.batchBytes) this.fullPartitions--;
      total += chunk.bytes;
      if (q.head === q.entries.length) {
        q.entries = [];
        q.head = 0;
      } else if (q.head > 4096) {
        q.entries = q.entries.slice(q.head);
        q.head = 0;
      }
      out.push(chunk);
    }
    this.pendingBytes -= total;
    // What stays behind is at least as old as the previous oldest: keep it, so it goes out soon.
    if (this.pendingBytes === 0) this.oldestAt = null;
    return out;
  }

  /** Remove everything (on failure), returning the entries so they can be rejected. */
  drainAll(): Pending[] {
    const all: Pending[] = [];
    for (const q of this.queues.values()) all.push(...q.entries.slice(q.head));
    this.queues.clear();
    this.pendingBytes = 0;
    this.oldestAt = null;
    this.fullPartitions = 0;
    return all;
  }
}
