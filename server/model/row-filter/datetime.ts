/**
 * Oracle datetime text and ordering, pure (the browser wizard uses it too).
 *
 * Text forms read here, as Oracle prints them with the session NLS formats the miner sets
 * (NLS_TIMESTAMP_FORMAT 'YYYY-MM-DD HH24:MI:SS.FF', NLS_TIMESTAMP_TZ_FORMAT '... TZH:TZM'):
 *   2020-02-01                         (DATE '...' literal)
 *   2020-02-01 13:45:07                (DATE)
 *   2020-02-01 13:45:07.               (TIMESTAMP(0): .FF prints no digits)
 *   2020-02-01 13:45:07.123456         (TIMESTAMP(6))
 *   2020-02-01 13:45:07.123456 +08:00  (TIMESTAMP WITH TIME ZONE, offset)
 *   2020-02-01 13:45:07.123456 Asia/Shanghai   (region; an abbreviation after it, "US/Pacific PDT", is ignored)
 */
import { dateTimeFromUtc, type OracleDateTime } from '../oracle-types';

/** Parses the forms above; null when the text is not one of them or a field is out of range. */
export function parseDateTimeText(text: string): OracleDateTime | null {
  const s = text.trim();
  // YYYY-MM-DD: the year may have 1-4 digits.
  const dash1 = s.indexOf('-', 1);
  if (dash1 < 1 || dash1 > 4) return null;
  const year = digitsAt(s, 0, dash1);
  const month = digitsAt(s, dash1 + 1, dash1 + 3);
  if (s.charCodeAt(dash1 + 3) !== 45) return null;
  const day = digitsAt(s, dash1 + 4, dash1 + 6);
  if (year < 1 || month < 1 || month > 12 || day < 1 || day > daysInMonth(year, month)) return null;
  const result: OracleDateTime = { year, month, day, hour: 0, minute: 0, second: 0, nanos: 0 };
  let i = dash1 + 6;
  if (i === s.length) return result;
  if (s.charCodeAt(i) !== 32) return null;
  i++;
  const hour = digitsAt(s, i, i + 2);
  const minute = digitsAt(s, i + 3, i + 5);
  const second = digitsAt(s, i + 6, i + 8);
  if (s.charCodeAt(i + 2) !== 58 || s.charCodeAt(i + 5) !== 58) return null;
  if (hour < 0 || hour > 23 || minute < 0 || minute > 59 || second < 0 || second > 59) return null;
  result.hour = hour;
  result.minute = minute;
  result.second = second;
  i += 8;
  if (s.charCodeAt(i) === 46 /* . */) {
    i++;
    const fracStart = i;
    while (i < s.length && isDigit(s.charCodeAt(i))) i++;
    const frac = s.slice(fracStart, i);
    if (frac.length > 9) return null;
    result.nanos = frac.length === 0 ? 0 : Number(frac.padEnd(9, '0'));
  }
  if (i === s.length) return result;
  if (s.charCodeAt(i) !== 32) return null;
  const tz = parseTimeZone(s.slice(i + 1).trim());
  if (tz === null) return null;
  result.tz = tz;
  return result;
}

/** "+08:00", "-5:30" → "+08:00"/"-05:30"; "Asia/Shanghai" or "UTC" → itself; null otherwise. */
export function parseTimeZone(text: string): string | null {
  const c = text.charCodeAt(0);
  if (c === 43 || c === 45) {
    const colon = text.indexOf(':');
    if (colon < 2 || colon > 3 || text.length !== colon + 3) return null;
    const h = digitsAt(text, 1, colon);
    const m = digitsAt(text, colon + 1, colon + 3);
    if (h < 0 || h > 14 || m < 0 || m > 59) return null;
    return `${text[0]}${pad2(h)}:${pad2(m)}`;
  }
  const region = text.split(' ')[0];
  if (!/^[A-Za-z][A-Za-z0-9_+\-/]*$/.test(region)) return null;
  return offsetMinutesAt(region, 0) === null ? null : region;
}

/** Offset of `tz` (an offset or a region) in minutes east of UTC, at UTC instant `utcMs`. */
export function offsetMinutesAt(tz: string, utcMs: number): number | null {
  const c = tz.charCodeAt(0);
  if (c === 43 || c === 45) {
    const h = digitsAt(tz, 1, 3);
    const m = digitsAt(tz, 4, 6);
    if (h < 0 || m < 0) return null;
    return (c === 45 ? -1 : 1) * (h * 60 + m);
  }
  const fmt = formatterFor(tz);
  if (!fmt) return null;
  const parts = fmt.formatToParts(new Date(Math.floor(utcMs / 1000) * 1000));
  const get = (type: string): number => Number(parts.find((p) => p.type === type)?.value ?? NaN);
  const era = parts.find((p) => p.type === 'era')?.value;
  const y = era === 'B' || era === 'BC' ? 1 - get('year') : get('year');
  const local = utcMillis(y, get('month'), get('day'), get('hour') % 24, get('minute'), get('second'));
  return Math.round((local - Math.floor(utcMs / 1000) * 1000) / 60000);
}

const formatters = new Map<string, Intl.DateTimeFormat | null>();
function formatterFor(zone: string): Intl.DateTimeFormat | null {
  let f = formatters.get(zone);
  if (f === undefined) {
    try {
      f = new Intl.DateTimeFormat('en-US', {
        timeZone: zone,
        hourCycle: 'h23',
        era: 'narrow',
        year: 'numeric',
        month: 'numeric',
        day: 'numeric',
        hour: 'numeric',
        minute: 'numeric',
        second: 'numeric',
      });
    } catch {
      f = null;
    }
    formatters.set(zone, f);
  }
  return f;
}

/** Milliseconds since the epoch of a wall-clock time read as UTC (years 1..9999, no 1900 offset). */
export function utcMillis(year: number, month: number, day: number, hour = 0, minute = 0, second = 0): number {
  const d = new Date(0);
  d.setUTCFullYear(year, month - 1, day);
  d.setUTCHours(hour, minute, second, 0);
  return d.getTime();
}

/** The same instant expressed in UTC, tz "+00:00" (how TIMESTAMP WITH LOCAL TIME ZONE values are carried). */
export function toUtc(dt: OracleDateTime): OracleDateTime | null {
  const wall = utcMillis(dt.year, dt.month, dt.day, dt.hour, dt.minute, dt.second);
  const offset = dt.tz === undefined ? 0 : wallOffset(dt.tz, wall);
  if (offset === null) return null;
  const d = new Date(wall - offset * 60000);
  return {
    ...dateTimeFromUtc(d, dt.nanos),
    tz: '+00:00',
  };
}

/**
 * The same instant and wall-clock time with its zone written as an offset, the one form both phases
 * use for TIMESTAMP WITH TIME ZONE (LogMiner prints offsets; the snapshot selects TZH:TZM):
 *   2020-02-01 13:45:07 Asia/Shanghai → 2020-02-01 13:45:07 +08:00
 * Values without a zone, with an offset, or with a region the runtime does not know stay as they are.
 */
export function withOffsetZone(dt: OracleDateTime): OracleDateTime {
  if (dt.tz === undefined || dt.tz.startsWith('+') || dt.tz.startsWith('-')) return dt;
  const minutes = wallOffset(dt.tz, utcMillis(dt.year, dt.month, dt.day, dt.hour, dt.minute, dt.second));
  if (minutes === null) return dt;
  const a = Math.abs(minutes);
  return { ...dt, tz: `${minutes < 0 ? '-' : '+'}${pad2(Math.floor(a / 60))}:${pad2(a % 60)}` };
}

/** Offset in effect at a wall-clock time in zone `tz` (two probes settle DST edges). */
function wallOffset(tz: string, wallMs: number): number | null {
  const first = offsetMinutesAt(tz, wallMs);
  if (first === null) return null;
  const second = offsetMinutesAt(tz, wallMs - first * 60000);
  return second ?? first;
}

/**
 * Orders two datetimes. When either carries a time zone both are compared as instants (a value
 * without a zone counts as UTC — the snapshot session runs with TIME_ZONE '+00:00'); otherwise
 * field by field. Returns null when a region name cannot be resolved.
 */
export function compareDateTime(a: OracleDateTime, b: OracleDateTime): number | null {
  if (a.tz !== undefined || b.tz !== undefined) {
    const ua = a.tz === undefined ? a : toUtc(a);
    const ub = b.tz === undefined ? b : toUtc(b);
    if (!ua || !ub) return null;
    return compareFields(ua, ub);
  }
  return compareFields(a, b);
}

function compareFields(a: OracleDateTime, b: OracleDateTime): number {
  return (
    a.year - b.year ||
    a.month - b.month ||
    a.day - b.day ||
    a.hour - b.hour ||
    a.minute - b.minute ||
    a.second - b.second ||
    a.nanos - b.nanos
  );
}

export function daysInMonth(year: number, month: number): number {
  if (month === 2) return (year % 4 === 0 && year % 100 !== 0) || year % 400 === 0 ? 29 : 28;
  return month === 4 || month === 6 || month === 9 || month === 11 ? 30 : 31;
}

/** Integer value of s[from, to) when every char is a digit, else -1. */
function digitsAt(s: string, from: number, to: number): number {
  if (to > s.length || to <= from) return -1;
  let v = 0;
  for (let i = from; i < to; i++) {
    const c = s.charCodeAt(i);
    if (!isDigit(c)) return -1;
    v = v * 10 + (c - 48);
  }
  return v;
}

function isDigit(c: number): boolean {
  return c >= 48 && c <= 57;
}

export function pad2(n: number): string {
  return n < 10 ? '0' + n : String(n);
}
