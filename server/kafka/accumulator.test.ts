import { describe, expect, it } from 'vitest';
import { Accumulator, recordBytes, type Pending } from './accumulator';

const pending = (value: string, partition = 0): Pending => {
  const message = { value, partition };
  return { message, bytes: recordBytes(message), resolve: () => undefined, reject: () => undefined };
};
const values = (entries: Pending[]) => entries.map((e) => e.message.value);

describe('recordBytes', () => {
  it('counts key, value and headers in bytes (UTF-8), plus per-record overhead', () => {
    const plain = recordBytes({ value: 'abc' });
    expect(recordBytes({ value: 'abcd' })).toBe(plain + 1);
    expect(recordBytes({ value: 'é' })).toBe(plain - 1); // 2 bytes in UTF-8
    expect(recordBytes({ key: 'kk', value: 'abc' })).toBe(plain + 2);
    expect(recordBytes({ value: 'abc', headers: { h: Buffer.alloc(10) } })).toBe(plain + 4 + 1 + 10);
    expect(recordBytes({ value: null })).toBe(plain - 3);
  });
});

describe('Accumulator', () => {
  it('keeps per-partition order and splits a partition at the batch size', () => {
    const one = recordBytes({ value: 'x0' });
    const acc = new Accumulator(one * 3);
    for (let i = 0; i < 5; i++) acc.add('t', 0, pending(`x${i}`));
    acc.add('t', 1, pending('y0', 1));
    expect(acc.hasFullBatch()).toBe(true);
    const first = acc.take(Number.MAX_SAFE_INTEGER);
    expect(first.map((c) => [c.partition, values(c.entries)])).toEqual([
      [0, ['x0', 'x1', 'x2']],
      [1, ['y0']],
    ]);
    expect(acc.hasFullBatch()).toBe(false);
    expect(acc.pendingBytes).toBe(one * 2);
    const second = acc.take(Number.MAX_SAFE_INTEGER);
    expect(second.map((c) => [c.partition, values(c.entries)])).toEqual([[0, ['x3', 'x4']]]);
    expect(acc.isEmpty()).toBe(true);
    expect(acc.oldestAt).toBeNull();
  });

  it('caps a request at requestBytes but always moves at least one message', () => {
    const one = recordBytes({ value: 'x0' });
    const acc = new Accumulator(1_000_000);
    for (let p = 0; p < 4; p++) acc.add('t', p, pending('x0', p));
    const chunks = acc.take(one * 2);
    expect(chunks.map((c) => c.partition)).toEqual([0, 1]);
    const big = new Accumulator(10);
    big.add('t', 0, pending('a-value-larger-than-the-batch'));
    expect(big.take(10)[0]?.entries).toHaveLength(1);
  });

  it('keeps topics apart for the same partition number', () => {
    const acc = new Accumulator(1000);
    acc.add('a', 0, pending('a0'));
    acc.add('b', 0, pending('b0'));
    const chunks = acc.take(10_000);
    expect(chunks.map((c) => `${c.topic}/${c.partition}:${values(c.entries).join()}`).sort()).toEqual(['a/0:a0', 'b/0:b0']);
  });

  it('drainAll hands back everything still buffered, in order', () => {
    const acc = new Accumulator(1000);
    ['m1', 'm2', 'm3'].forEach((v) => acc.add('t', 0, pending(v)));
    acc.take(recordBytes({ value: 'm1' }));
    expect(values(acc.drainAll())).toEqual(['m2', 'm3']);
    expect(acc.isEmpty()).toBe(true);
  });
});
