import { EngineError } from '../model/errors';

/**
 * The DTS Avro `id` sequence: strictly increasing over the whole life of a task, restarts included.
 *
 * Persisting only the last *acknowledged* id is not enough: messages written after the last
 * checkpoint may already sit in Kafka when the task dies, and a restart from that checkpoint would
 * hand out ids they already carry. So ids are handed out from blocks, like a database sequence
 * cache: before the first id of a new block is used, `reserve(upTo)` must durably record that every
 * id up to `upTo` may be in use; a restart seeds `highWater` with the last reserved value and skips
 * the rest of the old block.
 *
 *   highWater 1000, blockSize 500: take(3) → reserve(1503) first, then ids 1001..1003
 *   take(600) → ids 1004..1603, which cross 1503 → reserve(2103) first
 *   restart with highWater 2103 → next id 2104
 *
 * Without `reserve` the caller owns persistence: ids continue from `highWater + 1`, and the caller
 * must store an id at least as high as every id it used (see ChangeSink `issuedRecordId`).
 */

/** Largest long avsc (and most JS consumers) reads back exactly: 2^53 - 2 (MAX_RECORD_ID in formats). */
export const RECORD_ID_LIMIT = 9007199254740990;

export interface RecordIdOptions {
  /** Highest id that may already have been used (persisted); the next id is highWater + 1. 0 for a new task. */
  highWater: number;
  /** Durably record "ids up to `upTo` may be in use"; awaited before any id of the new block is issued. */
  reserve?: (upTo: number) => void | Promise<void>;
  /** Ids per reservation (default 1,000,000: one write to the store per million records). */
  blockSize?: number;
}

export class RecordIdExhaustedError extends EngineError {
  constructor(next: number, count: number) {
    super('RECORD_ID_EXHAUSTED', `The record id sequence cannot hand out ${count} more ids after ${next - 1}: the limit is ${RECORD_ID_LIMIT}.`, {
      hint: 'Start a new task (which starts the id sequence again at 1); consumers that dedupe by id must be reset with it.',
    });
  }
}

export class RecordIdSequence {
  private next: number;
  private reserved: number;
  private readonly blockSize: number;

  constructor(private readonly opts: RecordIdOptions) {
    if (!Number.isSafeInteger(opts.highWater) || opts.highWater < 0 || opts.highWater > RECORD_ID_LIMIT) {
      throw new RangeError(`record id high-water mark must be an integer in 0..${RECORD_ID_LIMIT}, got ${opts.highWater}`);
    }
    this.blockSize = opts.blockSize ?? 1_000_000;
    if (!Number.isSafeInteger(this.blockSize) || this.blockSize < 1) throw new RangeError(`record id block size must be a positive integer, got ${this.blockSize}`);
    this.next = opts.highWater + 1;
    // Without `reserve`, the whole range counts as reserved: the caller persists what it used.
    this.reserved = opts.reserve ? opts.highWater : RECORD_ID_LIMIT;
  }

  /** The id the next `take` starts at. */
  get peek(): number {
    return this.next;
  }

  /** The last id handed out (highWater when none yet). */
  get lastIssued(): number {
    return this.next - 1;
  }

  /** The highest id covered by a reservation (what a restart must start above). */
  get reservedUpTo(): number {
    return this.opts.reserve ? this.reserved : this.lastIssued;
  }

  /**
   * First id of `count` consecutive ids, reserving a new block first when needed. Calls must not
   * overlap (the sink serialises its writes).
   */
  async take(count: number): Promise<number> {
    if (!Number.isSafeInteger(count) || count < 0) throw new RangeError(`record id count must be a non-negative integer, got ${count}`);
    const first = this.next;
    const last = first + count - 1;
    if (last > RECORD_ID_LIMIT) throw new RecordIdExhaustedError(first, count);
    if (last > this.reserved && this.opts.reserve) {
      const upTo = Math.min(RECORD_ID_LIMIT, last + this.blockSize);
      await this.opts.reserve(upTo);
      this.reserved = upTo;
    }
    this.next = last + 1;
    return first;
  }
}
