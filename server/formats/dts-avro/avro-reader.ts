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

  constructor(private readonly buf: Buffer) {}

  get done(): boolean {
    return this.pos >= this.buf.length;
  }

  long(): number {
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
    const s = this.buf.toString('utf8', this.pos, this.pos + n);
    this.pos += n;
    return s;
  }

  bytes(): Buffer {
    const n = this.length();
    const b = this.buf.subarray(this.pos, this.pos + n);
    this.pos += n;
    return b;
  }

  double(): number {
    if (this.pos + 8 > this.buf.length) throw new RangeError('truncated Avro double');
    const v = this.buf.readDoubleLE(this.pos);
    this.pos += 8;
    return v;
  }

  /** Items of an array or entries of a map: calls `item` once per element, across blocks. */
  blocks(item: () => void): void {
    for (let count = this.long(); count !== 0; count = this.long()) {
      if (count < 0) {
        count = -count;
        this.long(); // block size in bytes
      }
      for (let i = 0; i < count; i++) item();
    }
  }

  private length(): number {
    const n = this.long();
    if (n < 0 || this.pos + n > this.buf.length) throw new RangeError('Avro length past the end of the value');
    return n;
  }
}
