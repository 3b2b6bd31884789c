/**
 * Datetime and interval values as LogMiner prints them in SQL_REDO under the session NLS formats
 * the miner sets (NLS_DATE_FORMAT 'YYYY-MM-DD HH24:MI:SS', NLS_TIMESTAMP_FORMAT 'YYYY-MM-DD HH24:MI:SS.FF',
 * NLS_TIMESTAMP_TZ_FORMAT 'YYYY-MM-DD HH24:MI:SS.FF TZH:TZM'):
 *   TO_DATE('2020-02-01 00:00:00', 'YYYY-MM-DD HH24:MI:SS')
 *   TO_TIMESTAMP('2020-02-01 00:00:00.123456')        TIMESTAMP(6); TIMESTAMP(0) prints '... 00:00:00.'
 *   TO_TIMESTAMP_TZ('2020-02-01 00:00:00.000000 +08:00')   (or a region name instead of the offset)
 *   TO_YMINTERVAL('+02-03')   TO_DSINTERVAL('+01 02:03:04.500000')
 * Values mined by a session left on Oracle's defaults ('01-FEB-20 12.00.00.000000 AM') are read too.
 */
import type { OracleDateTime } from '../../model/oracle-types';
import { daysInMonth, pad2, parseDateTimeText, parseTimeZone } from '../../model/row-filter/datetime';
import { parseCall, unquote } from './literal-text';

const MONTHS = ['JAN', 'FEB', 'MAR', 'APR', 'MAY', 'JUN', 'JUL', 'AUG', 'SEP', 'OCT', 'NOV', 'DEC'];

/** Reads TO_DATE/TO_TIMESTAMP/TO_TIMESTAMP_TZ(...) or bare/quoted datetime text; null if none of those. */
export function parseDateTimeValue(raw: string): OracleDateTime | null {
  let text = raw.trim();
  const call = text.charCodeAt(0) === 39 ? null : parseCall(text);
  if (call) {
    if (call.name !== 'TO_DATE' && call.name !== 'TO_TIMESTAMP' && call.name !== 'TO_TIMESTAMP_TZ') return null;
    if (call.args.length < 1 || call.args.length > 3) return null;
    text = call.args[0];
  } else {
    text = unquote(text) ?? text;
  }
  return parseDateTimeText(text) ?? parseDefaultNlsText(text);
}

/** Oracle's default NLS forms: '01-FEB-20', '01-FEB-20 12.00.00.000000 AM', optionally followed by a zone. */
function parseDefaultNlsText(text: string): OracleDateTime | null {
  const m = /^(\d{1,2})-([A-Za-z]{3})-(\d{2}|\d{4})(?: (\d{1,2})\.(\d{2})\.(\d{2})(?:\.(\d{0,9}))? ?([AaPp][Mm]))?(?: (.+))?$/.exec(
    text.trim(),
  );
  if (!m) return null;
  const month = MONTHS.indexOf(m[2].toUpperCase()) + 1;
  let year = Number(m[3]);
  if (m[3].length === 2) year += year < 50 ? 2000 : 1900; // RR
  const day = Number(m[1]);
  if (month < 1 || day < 1 || day > daysInMonth(year, month)) return null;
  let hour = m[4] === undefined ? 0 : Number(m[4]);
  if (m[8] !== undefined) {
    if (hour < 1 || hour > 12) return null;
    hour = (hour % 12) + (m[8].toUpperCase() === 'PM' ? 12 : 0);
  }
  const dt: OracleDateTime = {
    year,
    month,
    day,
    hour,
    minute: m[5] === undefined ? 0 : Number(m[5]),
    second: m[6] === undefined ? 0 : Number(m[6]),
    nanos: m[7] ? Number(m[7].padEnd(9, '0')) : 0,
  };
  if (dt.minute > 59 || dt.second > 59) return null;
  if (m[9] !== undefined) {
    const tz = parseTimeZone(m[9].trim());
    if (tz === null) return null;
    dt.tz = tz;
  }
  return dt;
}

function datePart(dt: OracleDateTime): string {
  return `${String(dt.year).padStart(4, '0')}-${pad2(dt.month)}-${pad2(dt.day)} ${pad2(dt.hour)}:${pad2(dt.minute)}:${pad2(dt.second)}`;
}

/** `.FF` with `scale` digits (TIMESTAMP(0) → a bare '.'). */
function fraction(nanos: number, scale: number): string {
  return '.' + String(nanos).padStart(9, '0').slice(0, scale);
}

export function formatDate(dt: OracleDateTime): string {
  return `TO_DATE('${datePart(dt)}', 'YYYY-MM-DD HH24:MI:SS')`;
}

export function formatTimestamp(dt: OracleDateTime, scale: number): string {
  return `TO_TIMESTAMP('${datePart(dt)}${fraction(dt.nanos, scale)}')`;
}

export function formatTimestampTz(dt: OracleDateTime, scale: number): string {
  return `TO_TIMESTAMP_TZ('${datePart(dt)}${fraction(dt.nanos, scale)} ${dt.tz ?? '+00:00'}')`;
}

/** TO_YMINTERVAL('+02-03') / '+02-03' / '2-3' → canonical "+02-03"; null otherwise. */
export function parseYearMonthInterval(raw: string): string | null {
  const m = /^([+-])?(\d{1,9})-(\d{1,2})$/.exec(intervalText(raw, 'TO_YMINTERVAL'));
  if (!m || Number(m[3]) > 11) return null;
  return `${m[1] ?? '+'}${m[2].replace(/^0+(?=\d\d)/, '').padStart(2, '0')}-${m[3].padStart(2, '0')}`;
}

/**
 * TO_DSINTERVAL('+01 02:03:04.500000') → canonical "+01 02:03:04.500000" (days at least two digits,
 * six fraction digits, nine when the value has sub-microsecond digits); null otherwise.
 */
export function parseDaySecondInterval(raw: string): string | null {
  const m = /^([+-])?(\d{1,9}) (\d{1,2}):(\d{2}):(\d{2})(?:\.(\d{0,9}))?$/.exec(intervalText(raw, 'TO_DSINTERVAL'));
  if (!m || Number(m[3]) > 23 || Number(m[4]) > 59 || Number(m[5]) > 59) return null;
  const nanos = (m[6] ?? '').padEnd(9, '0');
  const frac = nanos.endsWith('000') ? nanos.slice(0, 6) : nanos;
  const days = m[2].replace(/^0+(?=\d\d)/, '').padStart(2, '0');
  return `${m[1] ?? '+'}${days} ${m[3].padStart(2, '0')}:${m[4]}:${m[5]}.${frac}`;
}

function intervalText(raw: string, fn: string): string {
  const s = raw.trim();
  const call = s.charCodeAt(0) === 39 ? null : parseCall(s);
  if (call) return call.name === fn && call.args.length === 1 ? call.args[0].trim() : '';
  return (unquote(s) ?? s).trim();
}

/** Canonical "+02-03" → TO_YMINTERVAL('+02-03'), years padded to the leading-field precision. */
export function formatYearMonthInterval(canonical: string, leading: number): string {
  const m = /^([+-])(\d+)-(\d{2})$/.exec(canonical);
  if (!m) throw new RangeError(`not an INTERVAL YEAR TO MONTH value: ${canonical}`);
  return `TO_YMINTERVAL('${m[1]}${m[2].padStart(leading, '0')}-${m[3]}')`;
}

/** Canonical "+01 02:03:04.500000" → TO_DSINTERVAL('+01 02:03:04.500000') with `scale` fraction digits. */
export function formatDaySecondInterval(canonical: string, leading: number, scale: number): string {
  const m = /^([+-])(\d+) (\d{2}:\d{2}:\d{2})(?:\.(\d*))?$/.exec(canonical);
  if (!m) throw new RangeError(`not an INTERVAL DAY TO SECOND value: ${canonical}`);
  const frac = (m[4] ?? '').padEnd(9, '0').slice(0, scale);
  return `TO_DSINTERVAL('${m[1]}${m[2].padStart(leading, '0')} ${m[3]}${scale > 0 ? '.' + frac : ''}')`;
}
