import { describe, expect, it } from 'vitest';
import { compareDecimal, normalizeDecimal } from './decimal';
import { compareDateTime, parseDateTimeText, parseTimeZone, toUtc } from './datetime';
import { compareText } from './compare';
import { likeMatcher } from './like';

describe('normalizeDecimal', () => {
  const cases: [string, string | null][] = [
    ['0', '0'],
    ['-0', '0'],
    ['+0.000', '0'],
    ['007', '7'],
    ['1.50', '1.5'],
    ['.5', '0.5'],
    ['-.05', '-0.05'],
    ['5.', '5'],
    ['1e3', '1000'],
    ['1.5E+40', '15' + '0'.repeat(39)],
    ['-2.5e-3', '-0.0025'],
    [' 42 ', '42'],
    ['123456789012345678901234567890.000001', '123456789012345678901234567890.000001'],
    ['', null],
    ['-', null],
    ['.', null],
    ['1e', null],
    ['1e+', null],
    ['abc', null],
    ['1.2.3', null],
    ['1 2', null],
    ['0x10', null],
    ['NaN', null],
    ['1e99999', null],
  ];
  for (const [text, expected] of cases) it(`${JSON.stringify(text)} → ${expected}`, () => expect(normalizeDecimal(text)).toBe(expected));
});

describe('compareDecimal', () => {
  const ordered = ['-1000', '-10.5', '-10.05', '-1', '-0.5', '-0.05', '0', '0.000000000000000000001', '0.05', '0.5', '0.55', '1', '9.99', '10', '10.000001', '99999999999999999999999999999999999999'];
  it('orders canonical decimals exactly', () => {
    for (let i = 0; i < ordered.length; i++) {
      for (let j = 0; j < ordered.length; j++) {
        expect(compareDecimal(ordered[i], ordered[j]), `${ordered[i]} vs ${ordered[j]}`).toBe(Math.sign(i - j));
      }
    }
  });
});

describe('parseDateTimeText', () => {
  it('reads the Oracle forms', () => {
    expect(parseDateTimeText('2020-02-01')).toEqual({ year: 2020, month: 2, day: 1, hour: 0, minute: 0, second: 0, nanos: 0 });
    expect(parseDateTimeText('2020-02-01 13:45:07.')).toMatchObject({ hour: 13, minute: 45, second: 7, nanos: 0 });
    expect(parseDateTimeText('2020-02-01 13:45:07.000000001')).toMatchObject({ nanos: 1 });
    expect(parseDateTimeText('2020-02-01 13:45:07.5 +05:30')).toMatchObject({ nanos: 500000000, tz: '+05:30' });
    expect(parseDateTimeText('2020-02-01 13:45:07 Europe/Paris CET')).toMatchObject({ tz: 'Europe/Paris' });
    expect(parseDateTimeText('0001-01-01 00:00:00')).toMatchObject({ year: 1 });
  });
  it('rejects anything else', () => {
    for (const bad of ['2020-2-1', '2020-02-30', '2019-02-29', '2020-02-01T00:00:00', '2020-02-01 24:00:00', '2020-02-01 10:60:00', '2020-02-01 10:00', '2020-02-01 10:00:00.1234567890', '2020-02-01 10:00:00 +15:00', '2020-02-01 10:00:00 Nowhere/City', 'x']) {
      expect(parseDateTimeText(bad), bad).toBeNull();
    }
    expect(parseDateTimeText('2020-02-29')).not.toBeNull();
    expect(parseDateTimeText('2000-02-29')).not.toBeNull();
    expect(parseDateTimeText('1900-02-29')).toBeNull();
  });
  it('normalises offsets', () => {
    expect(parseTimeZone('-5:30')).toBe('-05:30');
    expect(parseTimeZone('+14:00')).toBe('+14:00');
    expect(parseTimeZone('UTC')).toBe('UTC');
  });
});

describe('compareDateTime / toUtc', () => {
  const d = (h: number, tz?: string) => ({ year: 2020, month: 7, day: 1, hour: h, minute: 0, second: 0, nanos: 0, ...(tz ? { tz } : {}) });
  it('compares instants when zones are involved, across DST', () => {
    expect(compareDateTime(d(8, '+08:00'), d(0))).toBe(0);
    expect(compareDateTime(d(12, 'America/New_York'), d(16))).toBe(0); // EDT = UTC-4
    expect(compareDateTime({ ...d(12, 'America/New_York'), month: 1 }, { ...d(17), month: 1 })).toBe(0); // EST = UTC-5
    expect(compareDateTime(d(9, 'Asia/Tokyo'), d(2, 'Europe/Berlin'))).toBe(0);
    expect(compareDateTime(d(1), d(2))).toBeLessThan(0);
  });
  it('converts to UTC across a day and year boundary', () => {
    expect(toUtc({ year: 2021, month: 1, day: 1, hour: 1, minute: 30, second: 0, nanos: 7, tz: '+02:00' })).toEqual({
      year: 2020,
      month: 12,
      day: 31,
      hour: 23,
      minute: 30,
      second: 0,
      nanos: 7,
      tz: '+00:00',
    });
  });
});

describe('compareText', () => {
  it('is code-point order, with blank padding on request', () => {
    expect(compareText('a', 'b', false)).toBeLessThan(0);
    expect(compareText('B', 'a', false)).toBeLessThan(0);
    expect(compareText('ab', 'a', false)).toBeGreaterThan(0);
    expect(compareText('a  ', 'a', true)).toBe(0);
    expect(compareText('a  ', 'a', false)).toBeGreaterThan(0);
    expect(compareText('a', 'a\t', true)).toBeGreaterThan(0); // 'a ' > 'a\t'
    // U+1F600 (surrogates in UTF-16) sorts after U+FF5A, as in UTF-8 byte order.
    expect(compareText('😀', 'ｚ', false)).toBeGreaterThan(0);
    expect('😀' < 'ｚ').toBe(true); // plain JS order would get it wrong
  });
});

describe('likeMatcher', () => {
  const cases: [string, string | undefined, string, boolean][] = [
    ['abc', undefined, 'abc', true],
    ['abc', undefined, 'abcd', false],
    ['a%', undefined, 'a', true],
    ['%', undefined, 'anything', true],
    ['%%%', undefined, 'x', true],
    ['a%c', undefined, 'abbbc', true],
    ['a%c', undefined, 'abbbcd', false],
    ['%a%b%c%', undefined, 'xxaxxbxxcxx', true],
    ['%a%b%c%', undefined, 'xxcxxbxxaxx', false],
    ['a_c', undefined, 'abc', true],
    ['a_c', undefined, 'ac', false],
    ['___', undefined, '北京站', true],
    ['_', undefined, '😀', true],
    ['__', undefined, '😀', false],
    ['%\\%', '\\', '100%', true],
    ['%\\%', '\\', '100', false],
    ['a\\_b', '\\', 'a_b', true],
    ['a\\_b', '\\', 'axb', false],
    ['a##b', '#', 'a#b', true],
    ['A%', undefined, 'abc', false],
  ];
  for (const [pattern, escape, text, expected] of cases) {
    it(`'${text}' LIKE '${pattern}'${escape ? ` ESCAPE '${escape}'` : ''} → ${expected}`, () => expect(likeMatcher(pattern, escape)(text)).toBe(expected));
  }
  it('stays fast on adversarial patterns (no exponential backtracking)', () => {
    const m = likeMatcher('%a%a%a%a%a%a%a%a%a%a%b');
    const t0 = performance.now();
    expect(m('a'.repeat(5000))).toBe(false);
    expect(performance.now() - t0).toBeLessThan(1000);
  });
});
