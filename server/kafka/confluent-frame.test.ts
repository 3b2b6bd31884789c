import { describe, expect, it } from 'vitest';
import { frameConfluent, unframeConfluent } from './confluent-frame';

describe('Confluent framing', () => {
  it('writes magic byte 0, the id as 4 bytes big-endian, then the Avro bytes', () => {
    const framed = frameConfluent(0x01020304, Buffer.from([0x02, 0x61]));
    expect([...framed]).toEqual([0x00, 0x01, 0x02, 0x03, 0x04, 0x02, 0x61]);
    expect([...frameConfluent(7, new Uint8Array())]).toEqual([0, 0, 0, 0, 7]);
  });

  it('round-trips through unframeConfluent and rejects unframed bytes', () => {
    const payload = Buffer.from('avro-bytes');
    const { schemaId, payload: back } = unframeConfluent(frameConfluent(123456, payload));
    expect(schemaId).toBe(123456);
    expect(back.equals(payload)).toBe(true);
    expect(() => unframeConfluent(Buffer.from([1, 0, 0, 0, 1]))).toThrow(/magic byte/);
    expect(() => unframeConfluent(Buffer.from([0, 0]))).toThrow(/magic byte/);
  });

  it('refuses ids a registry cannot issue', () => {
    expect(() => frameConfluent(-1, Buffer.alloc(0))).toThrow(RangeError);
    expect(() => frameConfluent(1.5, Buffer.alloc(0))).toThrow(RangeError);
  });
});
