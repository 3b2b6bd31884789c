import { describe, expect, it } from 'vitest';
import { ByteArena } from './byte-arena';

describe('ByteArena', () => {
  it('hands out disjoint slices, grows by chunks and reuses them after reset', () => {
    const a = new ByteArena(100);
    const x = a.take(60);
    const y = a.take(60); // does not fit the first chunk: a second one
    x.fill(1);
    y.fill(2);
    expect(x.every((b) => b === 1) && y.every((b) => b === 2)).toBe(true);
    const big = a.take(250); // larger than a chunk: a chunk of its own size
    expect(big.length).toBe(250);
    expect(a.capacity).toBe(450);
    a.reset();
    const again = a.take(60);
    expect(again.buffer).toBe(x.buffer);
    expect(again.byteOffset).toBe(x.byteOffset);
    expect(a.capacity).toBe(450);
  });
});
