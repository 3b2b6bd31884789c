import { describe, expect, it } from 'vitest';
import { compareKeys } from './key-order';

const N = { type: 'NUMBER' as const };
const V = { type: 'VARCHAR2' as const };
const D = { type: 'DATE' as const };
const dt = (day: number) => ({ year: 2026, month: 1, day, hour: 0, minute: 0, second: 0, nanos: 0 });

describe('compareKeys (Oracle ORDER BY of key values)', () => {
  it('orders NUMBER keys numerically and text keys by code point', () => {
    expect(compareKeys([N], ['9'], ['10'])).toBe(-1);
    expect(compareKeys([N], ['-1.5'], ['-1.25'])).toBe(-1);
    expect(compareKeys([V], ['B'], ['a'])).toBe(-1);
    expect(compareKeys([V], ['ab'], ['ab'])).toBe(0);
  });

  it('compares composite keys column by column, NULLs last, dates by value', () => {
    expect(compareKeys([V, N], ['b', '1'], ['a', '7'])).toBe(1);
    expect(compareKeys([V, N], ['a', '10'], ['a', '7'])).toBe(1);
    expect(compareKeys([N], [null], ['1'])).toBe(1);
    expect(compareKeys([D], [dt(2)], [dt(10)])).toBe(-1);
  });
});
