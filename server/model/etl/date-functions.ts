/**
 * Date functions of the ETL language on OracleDateTime values (no SYSDATE: a script gives the same
 * output whenever a row is migrated or migrated again):
 *   TO_CHAR(DATE '2024-01-31', 'YYYY-MM-DD')   → '2024-01-31'
 *   EXTRACT(YEAR FROM HIRED)                   → 2024
 *   ADD_MONTHS(DATE '2024-01-31', 1)           → 2024-02-29 (last day stays last day, as in Oracle)
 *   HIRED + 1.5 / HIRED - DATE '2024-01-01'    → a DATE 1.5 days later / days between, as a NUMBER
 * A time zone, when the value has one, is kept as written and not converted.
 */
import type { OracleDateTime } from '../oracle-types';
import type { ExtractField } from './etl-ast';

const MONTHS = ['JANUARY', 'FEBRUARY', 'MARCH', 'APRIL', 'MAY', 'JUNE', 'JULY', 'AUGUST', 'SEPTEMBER', 'OCTOBER', 'NOVEMBER', 'DECEMBER'];
const DAYS = ['SUNDAY', 'MONDAY', 'TUESDAY', 'WEDNESDAY', 'THURSDAY', 'FRIDAY', 'SATURDAY'];

/** Format elements of TO_CHAR(date, fmt), longest first so MONTH wins over MON and MM. */
const ELEMENTS = ['YYYY', 'MONTH', 'HH24', 'HH12', 'FF9', 'FF8', 'FF7', 'FF6', 'FF5', 'FF4', 'FF3', 'FF2', 'FF1', 'MON', 'DAY', 'DY', 'YY', 'MM', 'DD', 'HH', 'MI', 'SS', 'FF', 'AM', 'PM', 'Q', 'D'];
const SEPARATORS = ' -/,.:;T';

export type DateFormat = (string | { element: string })[];

/** Compiles a TO_CHAR format; the error names the first part it cannot read. */
export function compileDateFormat(fmt: string): DateFormat | { error: string } {
  const out: DateFormat = [];
  let i = 0;
  while (i < fmt.length) {
    const c = fmt[i]!;
    if (c === '"') {
      const end = fmt.indexOf('"', i + 1);
      if (end < 0) return { error: 'a quoted text in the format has no closing "' };
      out.push(fmt.slice(i + 1, end));
      i = end + 1;
      continue;
    }
    if (SEPARATORS.includes(c)) {
      out.push(c);
      i++;
      continue;
    }
    const rest = fmt.slice(i).toUpperCase();
    const el = ELEMENTS.find((e) => rest.startsWith(e));
    if (!el) return { error: `"${fmt.slice(i)}" is not a date format element (use YYYY, YY, MM, MON, MONTH, DD, DY, DAY, HH24, HH12, MI, SS, FF1-FF9, AM, Q, D, separators - / , . : ; and "quoted text")` };
    out.push({ element: el });
    i += el.length;
  }
  return out;
}

export function formatDate(d: OracleDateTime, fmt: DateFormat): string {
  let s = '';
  for (const part of fmt) s += typeof part === 'string' ? part : element(d, part.element);
  return s;
}

function element(d: OracleDateTime, e: string): string {
  const p = (n: number, w = 2) => String(n).padStart(w, '0');
  switch (e) {
    case 'YYYY':
      return p(d.year, 4);
    case 'YY':
      return p(d.year % 100);
    case 'MM':
      return p(d.month);
    case 'MON':
      return MONTHS[d.month - 1]!.slice(0, 3);
    case 'MONTH':
      return MONTHS[d.month - 1]!.padEnd(9, ' ');
    case 'DD':
      return p(d.day);
    case 'DY':
      return DAYS[weekday(d)]!.slice(0, 3);
    case 'DAY':
      return DAYS[weekday(d)]!.padEnd(9, ' ');
    case 'D':
      return String(weekday(d) + 1);
    case 'Q':
      return String(Math.floor((d.month - 1) / 3) + 1);
    case 'HH24':
      return p(d.hour);
    case 'HH':
    case 'HH12':
      return p(d.hour % 12 === 0 ? 12 : d.hour % 12);
    case 'MI':
      return p(d.minute);
    case 'SS':
      return p(d.second);
    case 'AM':
    case 'PM':
      return d.hour < 12 ? 'AM' : 'PM';
    default: {
      const digits = e === 'FF' ? 9 : Number(e.slice(2));
      return p(d.nanos, 9).slice(0, digits);
    }
  }
}

function weekday(d: OracleDateTime): number {
  return new Date(Date.UTC(d.year, d.month - 1, d.day)).getUTCDay();
}

export function extract(d: OracleDateTime, field: ExtractField): string {
  switch (field) {
    case 'YEAR':
      return String(d.year);
    case 'MONTH':
      return String(d.month);
    case 'DAY':
      return String(d.day);
    case 'HOUR':
      return String(d.hour);
    case 'MINUTE':
      return String(d.minute);
    case 'SECOND':
      return d.nanos === 0 ? String(d.second) : `${d.second}.${String(d.nanos).padStart(9, '0').replace(/0+$/, '')}`;
  }
}

function daysIn(year: number, month: number): number {
  return new Date(Date.UTC(year, month, 0)).getUTCDate();
}

/** ADD_MONTHS: the same day n months later, clamped to the month's end; a month's last day maps to the last day. */
export function addMonths(d: OracleDateTime, n: number): OracleDateTime {
  const total = d.year * 12 + (d.month - 1) + n;
  const year = Math.floor(total / 12);
  const month = (total % 12) + 1;
  const last = daysIn(year, month);
  const day = d.day === daysIn(d.year, d.month) ? last : Math.min(d.day, last);
  return { ...d, year, month, day };
}

/** Milliseconds of the calendar fields read as UTC (time zone ignored: date arithmetic works on the written fields). */
function msOf(d: OracleDateTime): number {
  return Date.UTC(d.year, d.month - 1, d.day, d.hour, d.minute, d.second);
}

/** DATE + days (fractional allowed), to the second, as Oracle's DATE arithmetic (the result is a DATE). */
export function addDays(d: OracleDateTime, days: number): OracleDateTime {
  const t = new Date(msOf(d) + Math.round(days * 86_400) * 1000);
  return { year: t.getUTCFullYear(), month: t.getUTCMonth() + 1, day: t.getUTCDate(), hour: t.getUTCHours(), minute: t.getUTCMinutes(), second: t.getUTCSeconds(), nanos: 0 };
}

/** a - b in days (a NUMBER, fractional for times), whole seconds. */
export function daysBetween(a: OracleDateTime, b: OracleDateTime): number {
  return (msOf(a) - msOf(b)) / 86_400_000;
}
