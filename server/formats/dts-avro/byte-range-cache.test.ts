import avro from 'avsc';
import { describe, expect, it } from 'vitest';
import { AvroReader } from './avro-reader';
import { ByteRangeCache } from './byte-range-cache';

/** Reads the string at the start of `bytes` through the cache, counting decodes. */
function cachedString(cache: ByteRangeCache<string>, bytes: Buffer, decodes: { n: number }): string {
  const r = new AvroReader(bytes);
  r.skipBytes();
  return cache.value(r, 0, (reader) => {
    decodes.n++;
    return reader.string();
  });
}

describe('ByteRangeCache', () => {
  const string = avro.Type.forSchema('string');

  it('decodes each distinct byte range once, whatever buffer holds it', () => {
    const cache = new ByteRangeCache<string>();
    const decodes = { n: 0 };
    const names = ['HR.EMPLOYEES', 'HR.JOBS', 'HR.EMPLOYEES', 'HR.JOBS', 'HR.EMPLOYEEZ'];
    expect(names.map((n) => cachedString(cache, string.toBuffer(n), decodes))).toEqual(names);
    expect(decodes.n).toBe(3);
  });

  it('finds a part in the middle of a record and leaves the reader after it', () => {
    const cache = new ByteRangeCache<string>();
    const bytes = Buffer.concat([Buffer.from([0x7e]), string.toBuffer('HR.JOBS'), Buffer.from([0x02])]);
    for (let i = 0; i < 2; i++) {
      const r = new AvroReader(bytes);
      r.long();
      const start = r.pos;
      r.skipBytes();
      expect(cache.value(r, start, (reader) => reader.string())).toBe('HR.JOBS');
      expect(r.long()).toBe(1);
      expect(r.done).toBe(true);
    }
  });

  it('starts over past its limit, so distinct parts cannot grow it without bound', () => {
    const cache = new ByteRangeCache<string>(2);
    const decodes = { n: 0 };
    for (const n of ['A', 'B', 'C', 'A']) cachedString(cache, string.toBuffer(n), decodes);
    expect(decodes.n).toBe(4);
  });
});
