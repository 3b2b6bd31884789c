/**
 * The reading half of avro-writer.ts: Avro binary primitives over one buffer, for decoding DTS
 * Records without avsc's object tree per value (a full verification decodes every record of a
 * topic). Same encodings as the writer: zig-zag varint longs, length-prefixed strings and bytes,
 * little-endian doubles, union branch and enum indexes as longs, arrays and maps as blocks.
 *
 *   02 02 78  → long 1 (union branch [null,string] → string), then string "x"
 */
export class AvroReader {
  pos = 0;
  constructor(readonly buf: Buffer) {}

  get done(): boolean {
    return this.pos >= this.buf.length;
  }

  long(): number {
    // Most longs on the wire (union branches, enum indexes, lengths, counts) fit one byte.
    const first = this.buf[this.pos];
    if (first !== undefined && first < 0x80) {
      this.pos++;
      return (first >>> 1) ^ -(first & 1);
    }
    let n = 0;
    let shift = 1;
    let b: number;
    do {
      if (this.pos >= this.buf.length) throw new RangeError('truncated Avro long');
      b = this.buf[this.pos++]!;
      n += (b & 0x7f) * shift;
      shift *= 128;
    } while (b & 0x80);
    // zig-zag: even → n/2, odd → -(n+1)/2 (arithmetic, so values past 2^31 stay exact)
    return n % 2 === 0 ? n / 2 : -(n + 1) / 2;
  }

  string(): string {
    const n = this.length();
    const start = this.pos;
    this.pos += n;
    if (n > 12) return this.buf.toString('utf8', start, this.pos);
    // Short ASCII text (numbers, codes, names) builds faster here than through Buffer#toString's
    // native call, which a verification makes for every value of every record. Up to 12
    // characters only: V8 keeps longer concatenations as a rope of pieces, not one flat string.
    let s = '';
    for (let i = start; i < this.pos; i++) {
      const c = this.buf[i]!;
      if (c > 0x7f) return this.buf.toString('utf8', start, this.pos);
      s += String.fromCharCode(c);
    }
    return s;
  }

  bytes(): Buffer {
    const n = this.length();
    const b = this.buf.subarray(this.pos, this.pos + n);
    this.pos += n;
    return b;
  }

  /** Steps over a string or bytes value without reading it; returns where its bytes start. */
  skipBytes(): number {
    const n = this.length();
    const start = this.pos;
    this.pos += n;
    return start;
  }

  double(): number {
    if (this.pos + 8 > this.buf.length) throw new RangeError('truncated Avro double');
    const v = this.buf.readDoubleLE(this.pos);
    this.pos += 8;
    return v;
  }

  /**
   * Item count of the next block of an array or map; 0 ends it. A block written with its byte
   * size (negative count) has the size stepped over. Loops rather than a callback per item, so
   * reading a record creates no closures:
   *
   *   for (let n = r.blockCount(); n !== 0; n = r.blockCount()) for (let i = 0; i < n; i++) …
   */
  blockCount(): number {
    const count = this.long();
    if (count >= 0) return count;
    this.long(); // block size in bytes
    return -count;
  }

  private length(): number {
    const n = this.long();
    if (n < 0 || this.pos + n > this.buf.length) throw new RangeError('Avro length past the end of the value');
    return n;
  }
}
