import { describe, expect, it } from 'vitest';
import { RECORD_ID_LIMIT, RecordIdExhaustedError, RecordIdSequence } from './record-id';

describe('RecordIdSequence', () => {
  it('continues from the high-water mark without reservations', async () => {
    const s = new RecordIdSequence({ highWater: 41 });
    expect(await s.take(3)).toBe(42);
    expect(await s.take(1)).toBe(45);
    expect(s.lastIssued).toBe(45);
    expect(s.reservedUpTo).toBe(45);
    expect(await s.take(0)).toBe(46); // an empty take hands out nothing
    expect(s.lastIssued).toBe(45);
  });

  it('reserves a block before issuing ids beyond the last reservation, and a restart skips the rest', async () => {
    const reserved: number[] = [];
    const s = new RecordIdSequence({ highWater: 1000, blockSize: 500, reserve: (n) => void reserved.push(n) });
    expect(await s.take(3)).toBe(1001);
    expect(reserved).toEqual([1503]);
    expect(await s.take(500)).toBe(1004); // 1004..1503: still inside the block
    expect(reserved).toEqual([1503]);
    expect(await s.take(100)).toBe(1504);
    expect(reserved).toEqual([1503, 2103]);
    expect(s.reservedUpTo).toBe(2103);

    const restarted = new RecordIdSequence({ highWater: s.reservedUpTo, blockSize: 500, reserve: () => undefined });
    const next = await restarted.take(1);
    expect(next).toBeGreaterThan(s.lastIssued);
    expect(next).toBe(2104);
  });

  it('issues no id until the reservation is stored, and none at all if storing fails', async () => {
    let release!: () => void;
    const s = new RecordIdSequence({ highWater: 0, blockSize: 10, reserve: () => new Promise<void>((r) => (release = r)) });
    let got: number | null = null;
    const p = s.take(2).then((id) => (got = id));
    await new Promise((r) => setImmediate(r));
    expect(got).toBeNull();
    release();
    await p;
    expect(got).toBe(1);

    const failing = new RecordIdSequence({ highWater: 5, reserve: () => Promise.reject(new Error('disk full')) });
    await expect(failing.take(1)).rejects.toThrow('disk full');
    expect(failing.lastIssued).toBe(5);
  });

  it('stops at the largest id avsc reads back exactly', async () => {
    const s = new RecordIdSequence({ highWater: RECORD_ID_LIMIT - 2 });
    expect(await s.take(2)).toBe(RECORD_ID_LIMIT - 1);
    await expect(s.take(1)).rejects.toBeInstanceOf(RecordIdExhaustedError);
    expect(() => new RecordIdSequence({ highWater: -1 })).toThrow(RangeError);
    expect(() => new RecordIdSequence({ highWater: 1.5 })).toThrow(RangeError);
  });
});
