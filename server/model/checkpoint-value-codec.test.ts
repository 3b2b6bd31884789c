import { describe, expect, it } from 'vitest';
import { decodeKey, encodeKey } from './checkpoint-value-codec';
import type { ColumnValue } from './oracle-types';

describe('value codec', () => {
  it('round-trips every value shape through JSON', () => {
    const key: ColumnValue[] = ['7', 'a,b', 1.5, NaN, -Infinity, new Uint8Array([0, 255, 7]), { year: 2024, month: 2, day: 29, hour: 13, minute: 1, second: 2, nanos: 5, tz: '+08:00' }, null];
    const back = decodeKey(JSON.parse(JSON.stringify(encodeKey(key))));
    expect(back).toEqual(key);
    expect(back![5]).toBeInstanceOf(Uint8Array);
    expect(decodeKey(null)).toBeNull();
  });
});
