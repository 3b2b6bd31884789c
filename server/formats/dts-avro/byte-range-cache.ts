import type { AvroReader } from './avro-reader';

/**
 * Values decoded from parts of a record that repeat record after record — a table's `fields`
 * list, its objectName, its pk_uk_info tag — found again by their bytes, so each distinct part is
 * decoded once. A full verification reads every record of a topic, and decoding the same column
 * names again for each one was a large share of its time.
 *
 *   fields bytes 04 16 "EMPLOYEE_ID" … 00  → ['EMPLOYEE_ID', …] (the same frozen array each time)
 *
 * Values are shared by every record that carries the same bytes, so callers hand out only frozen
 * or immutable ones. Bounded: past `limit` distinct parts the cache starts over.
 */
export class ByteRangeCache<T> {
  private readonly entries = new Map<number, { bytes: Buffer; value: T }[]>();
  private size = 0;
  /** The entry found last: records of one table in a row carry the same bytes, so it is tried first. */
  private last: { bytes: Buffer; value: T } | null = null;

  constructor(private readonly limit = 1024) {}

  /**
   * The value of the bytes from `start` to the reader's position (the caller stepped over the
   * part); on a miss `decode` reads them again from `start` and must end where the part ends.
   */
  value(r: AvroReader, start: number, decode: (r: AvroReader) => T): T {
    const end = r.pos;
    const buf = r.buf;
    if (this.last && sameBytes(this.last.bytes, buf, start, end)) return this.last.value;
    let h = 0x811c9dc5;
    for (let i = start; i < end; i++) h = Math.imul(h ^ buf[i]!, 0x01000193);
    const bucket = this.entries.get(h);
    if (bucket) {
      for (const e of bucket) {
        if (!sameBytes(e.bytes, buf, start, end)) continue;
        this.last = e;
        return e.value;
      }
    }
    r.pos = start;
    const value = decode(r);
    if (r.pos !== end) throw new RangeError('a cached part decoded to a different length than it spans');
    if (this.size >= this.limit) {
      this.entries.clear();
      this.size = 0;
    }
    const entry = { bytes: Buffer.from(buf.subarray(start, end)), value };
    const b = this.entries.get(h);
    if (b) b.push(entry);
    else this.entries.set(h, [entry]);
    this.size++;
    this.last = entry;
    return value;
  }
}

function sameBytes(a: Buffer, buf: Buffer, start: number, end: number): boolean {
  return a.length === end - start && buf.compare(a, 0, a.length, start, end) === 0;
}
