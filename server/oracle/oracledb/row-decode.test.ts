import { describe, expect, it } from 'vitest';
import type { ColumnMeta } from '../../model/oracle-types';
import { decodeValue } from './row-decode';

const col = (type: ColumnMeta['type']): ColumnMeta => ({ name: 'C', type, dataLength: 0, charLength: 0, precision: null, scale: null, nullable: true, defaultValue: null });

describe('decodeValue', () => {
  it('canonicalises NUMBER text without going through float', () => {
    expect(decodeValue(col('NUMBER'), '.5')).toBe('0.5');
    expect(decodeValue(col('NUMBER'), '-12345678901234567890.123456789')).toBe('-12345678901234567890.123456789');
    expect(decodeValue(col('NUMBER'), null)).toBeNull();
    expect(() => decodeValue(col('NUMBER'), 'abc')).toThrow(/NUMBER column "C"/);
  });

  it('parses the TO_CHAR datetime masks', () => {
    expect(decodeValue(col('DATE'), '2020-02-01 13:45:07')).toEqual({ year: 2020, month: 2, day: 1, hour: 13, minute: 45, second: 7, nanos: 0 });
    expect(decodeValue(col('TIMESTAMP'), '2020-02-01 13:45:07.123000000')).toMatchObject({ nanos: 123000000 });
    expect(decodeValue(col('TIMESTAMP WITH TIME ZONE'), '2020-02-01 13:45:07.000000000 +08:00')).toMatchObject({ tz: '+08:00' });
    expect(decodeValue(col('TIMESTAMP WITH LOCAL TIME ZONE'), '2020-02-01 05:45:07.000000000')).toMatchObject({ hour: 5, tz: '+00:00' });
  });

  it('normalises intervals, binary and float values', () => {
    expect(decodeValue(col('INTERVAL YEAR TO MONTH'), '+000000002-03')).toBe('+02-03');
    expect(decodeValue(col('INTERVAL YEAR TO MONTH'), '-1-11')).toBe('-01-11');
    expect(decodeValue(col('INTERVAL DAY TO SECOND'), '+01 02:03:04.5')).toBe('+01 02:03:04.500000');
    expect(decodeValue(col('INTERVAL DAY TO SECOND'), '-000000003 00:00:00.000000000')).toBe('-03 00:00:00.000000');
    const raw = decodeValue(col('BLOB'), Buffer.from([1, 2, 3]));
    expect(raw).toBeInstanceOf(Uint8Array);
    expect(Array.from(raw as Uint8Array)).toEqual([1, 2, 3]);
    expect(decodeValue(col('BINARY_DOUBLE'), 1.5)).toBe(1.5);
  });
});
