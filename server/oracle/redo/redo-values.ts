/**
 * Typed values ⇄ the value text of one column in LogMiner's SQL_REDO.
 *
 *   update "HR"."EMP" set "SALARY" = '2400.5', "HIRED" = TO_DATE('2020-02-01 00:00:00', 'YYYY-MM-DD HH24:MI:SS'),
 *     "PHOTO" = HEXTORAW('0a1b'), "NOTE" = UNISTR('caf\00E9') where "ID" = '7';
 *
 * parseRedo keeps each value as raw text ('2400.5', "TO_DATE(...)", "HEXTORAW('0a1b')"; a quoted literal
 * arrives as its content). convertRedoValue turns that text into the ColumnValue shape of the column's
 * Oracle type (see oracle-types.ts); formatRedoLiteral is the inverse, producing exactly what LogMiner
 * prints, so the simulator's SQL_REDO round-trips through parseRedo + convertRedoValue.
 */
import type { ColumnMeta, ColumnValue, OracleDateTime } from '../../model/oracle-types';
import { OracleError } from '../../model/errors';
import { normalizeDecimal } from '../../model/row-filter/decimal';
import { toUtc } from '../../model/row-filter/datetime';
import { decodeUnistr, encodeUnistr, isPrintableAscii, parseCall, quote, splitConcatenation, unquote } from './literal-text';
import { formatBinaryFloat, formatOracleNumber, parseBinaryFloat } from './number-text';
import {
  formatDate,
  formatDaySecondInterval,
  formatTimestamp,
  formatTimestampTz,
  formatYearMonthInterval,
  parseDateTimeValue,
  parseDaySecondInterval,
  parseYearMonthInterval,
} from './datetime-text';

/** A redo value that does not fit its column's type (a dictionary mismatch or an unknown LogMiner form). */
export class RedoValueError extends OracleError {
  constructor(column: ColumnMeta, raw: string, why: string) {
    super('REDO_VALUE', `Cannot read ${column.type} column "${column.name}" from redo value ${clip(raw)}: ${why}`, {
      hint:
        'The table definition used to read the redo no longer matches the logged change (was the column altered?), ' +
        'or LogMiner printed a form this version does not know. Check the column type in ALL_TAB_COLUMNS and report the SQL_REDO text.',
    });
  }
}

/** LogMiner's marker for a value it cannot show (and any Oracle type we carry no value for). */
export const UNSUPPORTED_TYPE = 'Unsupported Type';

/**
 * LogMiner's placeholder for a VARCHAR2/RAW value over 4,000 bytes (MAX_STRING_SIZE=EXTENDED): the
 * value itself follows in 32K_BEGIN/WRITE/END rows, so here it is unknown, not the text itself.
 */
export const EXTENDED_STRING_PLACEHOLDER = 'LM_EMPTY_STRING';

/** SQL literal limit per piece; longer NCHAR text is printed as UNISTR(...) || UNISTR(...). */
const UNISTR_CHUNK = 1000;

/**
 * Raw redo text → typed value. `raw` is what parseRedo returned (null for NULL / IS NULL).
 * `quoted` says the value was a quoted literal in the redo (parseRedoColumns reports it); without it,
 * character columns treat UNISTR(...) / `||` shapes as expressions, as Debezium does.
 * Returns undefined for 'Unsupported Type' and LM_EMPTY_STRING (value unknown here).
 */
export function convertRedoValue(column: ColumnMeta, raw: string | null, quoted?: boolean): ColumnValue | undefined {
  if (raw === null) return null;
  if (!quoted && (raw === UNSUPPORTED_TYPE || raw === EXTENDED_STRING_PLACEHOLDER)) return undefined;
  switch (column.type) {
    case 'NUMBER':
    case 'FLOAT': {
      const v = normalizeDecimal(quoted ? raw : (unquote(raw) ?? raw));
      if (v === null) throw new RedoValueError(column, raw, 'not a number');
      return v;
    }
    case 'BINARY_FLOAT':
    case 'BINARY_DOUBLE': {
      const v = parseBinaryFloat(quoted ? raw : (unquote(raw) ?? raw), column.type === 'BINARY_FLOAT');
      if (v === null) throw new RedoValueError(column, raw, 'not a binary floating-point number');
      return v;
    }
    case 'CHAR':
    case 'NCHAR':
    case 'VARCHAR2':
    case 'NVARCHAR2':
    case 'CLOB':
    case 'NCLOB':
    case 'LONG':
    case 'XMLTYPE':
    case 'ROWID':
    case 'UROWID':
      return quoted ? raw : textExpression(column, raw);
    case 'RAW':
    case 'LONG RAW':
    case 'BLOB':
      return bytesExpression(column, raw, quoted === true);
    case 'DATE':
    case 'TIMESTAMP': {
      const dt = parseDateTimeValue(raw);
      if (!dt) throw new RedoValueError(column, raw, 'not a date/time');
      delete dt.tz;
      return dt;
    }
    case 'TIMESTAMP WITH TIME ZONE': {
      const dt = parseDateTimeValue(raw);
      if (!dt) throw new RedoValueError(column, raw, 'not a timestamp with time zone');
      if (dt.tz === undefined) dt.tz = '+00:00';
      return dt;
    }
    case 'TIMESTAMP WITH LOCAL TIME ZONE': {
      const dt = parseDateTimeValue(raw);
      const utc = dt && toUtc(dt);
      if (!utc) throw new RedoValueError(column, raw, 'not a timestamp (or an unknown time zone region)');
      return utc;
    }
    case 'INTERVAL YEAR TO MONTH': {
      const v = parseYearMonthInterval(raw);
      if (v === null) throw new RedoValueError(column, raw, "not an INTERVAL YEAR TO MONTH (expected TO_YMINTERVAL('+YY-MM'))");
      return v;
    }
    case 'INTERVAL DAY TO SECOND': {
      const v = parseDaySecondInterval(raw);
      if (v === null) throw new RedoValueError(column, raw, "not an INTERVAL DAY TO SECOND (expected TO_DSINTERVAL('+DD HH:MI:SS.FF'))");
      return v;
    }
    case 'BFILE':
      return undefined;
  }
}

/** UNISTR(...), 'a' || 'b', EMPTY_CLOB(), XMLTYPE('...'); other unquoted text (a bare number) as is. */
function textExpression(column: ColumnMeta, raw: string): string {
  const parts = splitConcatenation(raw);
  if (parts.length === 1 && !isExpressionPart(parts[0])) return raw;
  let out = '';
  for (const part of parts) {
    const piece = textPart(part);
    if (piece === null) throw new RedoValueError(column, raw, `unexpected part ${clip(part)}`);
    out += piece;
  }
  return out;
}

function isExpressionPart(part: string): boolean {
  return part.charCodeAt(0) === 39 || (part.endsWith(')') && parseCall(part) !== null);
}

function textPart(part: string): string | null {
  if (part.charCodeAt(0) === 39) return unquote(part);
  if (part === 'NULL') return ''; // Oracle: x || NULL = x
  const call = parseCall(part);
  if (!call) return null;
  if (call.name === 'UNISTR' && call.args.length === 1) return decodeUnistr(call.args[0]);
  if ((call.name === 'EMPTY_CLOB' || call.name === 'EMPTY_NCLOB') && call.args.length === 0) return '';
  if ((call.name === 'XMLTYPE' || call.name === 'TO_CLOB' || call.name === 'TO_NCLOB') && call.args.length === 1) return call.args[0];
  return null;
}

/** HEXTORAW('0a1b') / EMPTY_BLOB() / quoted hex. Hex text has no call shape, so `quoted` cannot mislead here. */
function bytesExpression(column: ColumnMeta, raw: string, quoted: boolean): Uint8Array {
  const call = raw.endsWith(')') ? parseCall(raw) : null;
  let hex: string | null;
  if (call && (call.name === 'EMPTY_BLOB' || call.name === 'EMPTY_CLOB') && call.args.length === 0) return new Uint8Array(0);
  if (call && call.name === 'HEXTORAW' && call.args.length === 1) hex = call.args[0];
  else hex = quoted ? raw : (unquote(raw) ?? raw);
  const bytes = hex === null ? null : hexToBytes(hex);
  if (!bytes) throw new RedoValueError(column, raw, "expected HEXTORAW('<hex>') or EMPTY_BLOB()");
  return bytes;
}

/** 'a' → [0x0a] (HEXTORAW pads an odd digit count on the left); null on a non-hex char. */
function hexToBytes(hex: string): Uint8Array | null {
  const h = hex.length % 2 === 1 ? '0' + hex : hex;
  const out = new Uint8Array(h.length / 2);
  for (let i = 0; i < out.length; i++) {
    const hi = hexDigit(h.charCodeAt(2 * i));
    const lo = hexDigit(h.charCodeAt(2 * i + 1));
    if (hi < 0 || lo < 0) return null;
    out[i] = (hi << 4) | lo;
  }
  return out;
}

function hexDigit(c: number): number {
  if (c >= 48 && c <= 57) return c - 48;
  const l = c | 0x20;
  return l >= 97 && l <= 102 ? l - 87 : -1;
}

/**
 * Typed value → the value text LogMiner prints for it in SQL_REDO (including quotes), e.g.
 * NUMBER "0.5" → `'.5'`, DATE → `TO_DATE('2020-02-01 00:00:00', 'YYYY-MM-DD HH24:MI:SS')`, null → `NULL`.
 * Throws RangeError when the value does not have the shape the column type requires.
 */
export function formatRedoLiteral(column: ColumnMeta, value: ColumnValue): string {
  if (value === null) return 'NULL';
  switch (column.type) {
    case 'NUMBER':
    case 'FLOAT': {
      const canonical = normalizeDecimal(typeof value === 'number' ? numberText(value) : expectString(column, value));
      if (canonical === null) throw new RangeError(`${column.name}: not a decimal number: ${String(value)}`);
      return quote(formatOracleNumber(canonical));
    }
    case 'BINARY_FLOAT':
    case 'BINARY_DOUBLE': {
      const n = typeof value === 'number' ? value : Number(expectString(column, value));
      return quote(formatBinaryFloat(n, column.type === 'BINARY_FLOAT'));
    }
    case 'CHAR':
    case 'VARCHAR2':
    case 'LONG':
    case 'ROWID':
    case 'UROWID':
    case 'XMLTYPE': {
      const s = expectString(column, value);
      return s === '' ? 'NULL' : quote(s); // Oracle stores '' as NULL
    }
    case 'CLOB': {
      const s = expectString(column, value);
      return s === '' ? 'EMPTY_CLOB()' : quote(s);
    }
    case 'NCHAR':
    case 'NVARCHAR2':
    case 'NCLOB': {
      const s = expectString(column, value);
      if (s === '') return column.type === 'NCLOB' ? 'EMPTY_CLOB()' : 'NULL';
      return isPrintableAscii(s) ? quote(s) : unistr(s);
    }
    case 'RAW':
    case 'LONG RAW':
    case 'BLOB': {
      const bytes = expectBytes(column, value);
      if (bytes.length === 0) return column.type === 'BLOB' ? 'EMPTY_BLOB()' : 'NULL';
      return `HEXTORAW('${Buffer.from(bytes).toString('hex')}')`;
    }
    case 'DATE':
      return formatDate(expectDateTime(column, value));
    case 'TIMESTAMP':
      return formatTimestamp(expectDateTime(column, value), fractionDigits(column));
    case 'TIMESTAMP WITH TIME ZONE':
      return formatTimestampTz(expectDateTime(column, value), fractionDigits(column));
    case 'TIMESTAMP WITH LOCAL TIME ZONE': {
      const utc = toUtc(expectDateTime(column, value));
      if (!utc) throw new RangeError(`${column.name}: unknown time zone region`);
      return formatTimestampTz(utc, fractionDigits(column));
    }
    case 'INTERVAL YEAR TO MONTH':
      return formatYearMonthInterval(expectString(column, value), leadingDigits(column));
    case 'INTERVAL DAY TO SECOND':
      return formatDaySecondInterval(expectString(column, value), leadingDigits(column), fractionDigits(column));
    case 'BFILE':
      return UNSUPPORTED_TYPE;
  }
}

/** NCHAR text LogMiner cannot print as is: UNISTR pieces of at most UNISTR_CHUNK chars, joined by `||`. */
function unistr(s: string): string {
  const pieces: string[] = [];
  let i = 0;
  while (i < s.length) {
    let end = Math.min(s.length, i + UNISTR_CHUNK);
    const last = s.charCodeAt(end - 1);
    if (end < s.length && last >= 0xd800 && last <= 0xdbff) end++; // keep a surrogate pair together
    pieces.push(`UNISTR(${quote(encodeUnistr(s.slice(i, end)))})`);
    i = end;
  }
  return pieces.join(' || ');
}

function fractionDigits(column: ColumnMeta): number {
  return column.scale !== null && column.scale >= 0 && column.scale <= 9 ? column.scale : 6;
}

function leadingDigits(column: ColumnMeta): number {
  return column.precision !== null && column.precision >= 0 && column.precision <= 9 ? column.precision : 2;
}

function numberText(n: number): string {
  if (!Number.isFinite(n)) throw new RangeError(`NUMBER cannot hold ${n}`);
  return String(n);
}

function expectString(column: ColumnMeta, value: ColumnValue): string {
  if (typeof value !== 'string') throw new RangeError(`${column.name} (${column.type}) expects a string value`);
  return value;
}

function expectBytes(column: ColumnMeta, value: ColumnValue): Uint8Array {
  if (!(value instanceof Uint8Array)) throw new RangeError(`${column.name} (${column.type}) expects a Uint8Array value`);
  return value;
}

function expectDateTime(column: ColumnMeta, value: ColumnValue): OracleDateTime {
  if (typeof value !== 'object' || value === null || value instanceof Uint8Array) {
    throw new RangeError(`${column.name} (${column.type}) expects an OracleDateTime value`);
  }
  return value;
}

function clip(s: string): string {
  return s.length > 80 ? `'${s.slice(0, 77)}...'` : `'${s}'`;
}
