import { describe, expect, it } from 'vitest';
import { column, dateTime } from './fixtures/events';
import { utcSecondsText, valueText } from './value-text';

describe('valueText', () => {
  it('prints numbers, strings and binaries', () => {
    expect(valueText(column('N', 'NUMBER'), '-12.5')).toBe('-12.5');
    expect(valueText(column('D', 'BINARY_DOUBLE'), Number.NaN)).toBe('NaN');
    expect(valueText(column('D', 'BINARY_DOUBLE'), Number.NEGATIVE_INFINITY)).toBe('-Infinity');
    expect(valueText(column('R', 'RAW'), new Uint8Array([0, 0xab, 0x10]))).toBe('00AB10');
    expect(valueText(column('V', 'VARCHAR2'), null)).toBeNull();
  });

  it('prints dates with the column precision and the zone', () => {
    expect(valueText(column('D', 'DATE'), dateTime({ nanos: 999 }))).toBe('2024-03-01T08:05:09');
    expect(valueText(column('T', 'TIMESTAMP', null, 3), dateTime({ nanos: 120000000 }))).toBe('2024-03-01T08:05:09.120');
    expect(valueText(column('T', 'TIMESTAMP', null, 0), dateTime({ nanos: 120000000 }))).toBe('2024-03-01T08:05:09');
    expect(valueText(column('T', 'TIMESTAMP'), dateTime({ nanos: 5000 }))).toBe('2024-03-01T08:05:09.000005');
    expect(valueText(column('Z', 'TIMESTAMP WITH TIME ZONE', null, 2), dateTime({ tz: '-05:30' }))).toBe('2024-03-01T08:05:09.00-05:30');
    expect(valueText(column('Z', 'TIMESTAMP WITH TIME ZONE', null, 0), dateTime({ tz: 'Europe/Paris' }))).toBe('2024-03-01T08:05:09[Europe/Paris]');
    expect(valueText(column('D', 'DATE'), dateTime({ year: -44, month: 3, day: 15 }))).toBe('-0044-03-15T08:05:09');
    expect(valueText(column('D', 'DATE'), dateTime({ year: 999, month: 12, day: 31, hour: 23, minute: 59, second: 58 }))).toBe('0999-12-31T23:59:58');
    expect(valueText(column('D', 'DATE'), dateTime({ year: 1000, month: 1, day: 2, hour: 0, minute: 0, second: 0 }))).toBe('1000-01-02T00:00:00');
    expect(valueText(column('D', 'DATE'), dateTime({ year: 9999, month: 10, day: 20, hour: 19, minute: 9, second: 7 }))).toBe('9999-10-20T19:09:07');
    expect(valueText(column('T', 'TIMESTAMP', null, 9), dateTime({ year: 1987, nanos: 7 }))).toBe('1987-03-01T08:05:09.000000007');
  });

  it('prints UTC seconds without a zone suffix', () => {
    expect(utcSecondsText(Date.UTC(2017, 5, 16, 14, 24, 34, 999))).toBe('2017-06-16T14:24:34');
  });
});
