import avro from 'avsc';
import { describe, expect, it } from 'vitest';
import { AvroReader } from './avro-reader';

describe('AvroReader', () => {
  it("reads avsc's longs: one-byte ones and those across the 30-bit and 53-bit boundaries", () => {
    const long = avro.Type.forSchema('long');
    const values = [0, -1, 1, 63, -64, 64, -65, 127, 128, -300, 2 ** 31, -(2 ** 31) - 1, 1763900000000, 2 ** 53 - 2, -(2 ** 52)];
    for (const v of values) expect(new AvroReader(long.toBuffer(v)).long(), String(v)).toBe(v);
    expect(() => new AvroReader(Buffer.from([0x80])).long()).toThrow(/truncated Avro long/);
  });

  it("reads avsc's strings: short ASCII, 12 and 13 characters, non-ASCII, long", () => {
    const string = avro.Type.forSchema('string');
    for (const s of ['', 'HR', 'x'.repeat(12), 'y'.repeat(13), 'héllo', '世界🙂', 'abcdefghijk\u00e9', 'z'.repeat(1000)]) {
      expect(new AvroReader(string.toBuffer(s)).string()).toBe(s);
    }
  });

  it('steps over strings, returning where their bytes start', () => {
    const strings = avro.Type.forSchema({ type: 'array', items: 'string' });
    const r = new AvroReader(strings.toBuffer(['a', 'bb', 'ccc']));
    const seen: string[] = [];
    for (let n = r.blockCount(); n !== 0; n = r.blockCount()) {
      for (let i = 0; i < n; i++) {
        const start = r.skipBytes();
        seen.push(r.buf.toString('utf8', start, r.pos));
      }
    }
    expect(seen).toEqual(['a', 'bb', 'ccc']);
    expect(r.done).toBe(true);
  });

  it('reads array blocks written with their byte size (negative count)', () => {
    // count -2 (zig-zag 03), size 4 (08), then two one-character strings, then the end block.
    const r = new AvroReader(Buffer.from([0x03, 0x08, 0x02, 0x61, 0x02, 0x62, 0x00]));
    const read: string[] = [];
    for (let n = r.blockCount(); n !== 0; n = r.blockCount()) for (let i = 0; i < n; i++) read.push(r.string());
    expect(read).toEqual(['a', 'b']);
    expect(r.done).toBe(true);
  });
});
