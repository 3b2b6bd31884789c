import avro from 'avsc';
import { describe, expect, it } from 'vitest';
import { AvroWriter } from './avro-writer';

const written = (fn: (w: AvroWriter) => void, size = 4): Buffer => {
  const w = new AvroWriter(size);
  fn(w);
  return w.toBuffer();
};

describe('AvroWriter', () => {
  const long = avro.Type.forSchema('long');
  const string = avro.Type.forSchema('string');
  const bytes = avro.Type.forSchema('bytes');
  const double = avro.Type.forSchema('double');

  it('writes zig-zag varints exactly as avsc does, across the 30-bit and 53-bit boundaries', () => {
    const values = [0, -1, 1, 63, 64, -64, -65, 127, 128, 300, -300, 2 ** 30 - 1, 2 ** 30, -(2 ** 30), -(2 ** 30) - 1, 2 ** 31, 2 ** 32 + 5, 1763900000000, 2 ** 52, 2 ** 53 - 2, -(2 ** 52)];
    for (const v of values) expect(written((w) => w.long(v)).toString('hex'), String(v)).toBe(long.toBuffer(v).toString('hex'));
    expect(written((w) => w.long(64)).toString('hex')).toBe('8001');
  });

  it('writes strings (ASCII fast path, non-ASCII, 64+ chars) exactly as avsc does', () => {
    for (const s of ['', 'HR', 'x'.repeat(63), 'x'.repeat(64), 'héllo', '世界🙂', 'a'.repeat(62) + 'é', 'z'.repeat(10000)]) {
      expect(written((w) => w.string(s)).equals(string.toBuffer(s)), s.slice(0, 10)).toBe(true);
    }
  });

  it('writes bytes and doubles exactly as avsc does', () => {
    const b = Buffer.from([0, 1, 255, 128]);
    expect(written((w) => w.bytes(b)).equals(bytes.toBuffer(b))).toBe(true);
    for (const d of [0, -0, 0.1, -2.5e-300, Number.NaN, Number.POSITIVE_INFINITY]) {
      expect(written((w) => w.double(d)).equals(double.toBuffer(d))).toBe(true);
    }
  });

  it('grows its buffer and starts over on reset', () => {
    const w = new AvroWriter(2);
    w.string('a long enough string to force growth');
    w.long(2 ** 40);
    expect(w.toBuffer().length).toBe(1 + 36 + 6);
    w.reset();
    w.long(1);
    expect(w.toBuffer().toString('hex')).toBe('02');
  });
});
