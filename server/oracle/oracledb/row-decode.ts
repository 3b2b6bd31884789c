import type { ColumnMeta, ColumnValue } from '../../model/oracle-types';
import { OracleError } from '../../model/errors';
import { normalizeDecimal } from '../../model/row-filter/decimal';
import { parseDateTimeText } from '../../model/row-filter/datetime';

/**
 * Driver value (as selected by column-sql.ts) → the ColumnValue shape of oracle-types.ts.
 *   NUMBER fetched as '.5'                       → '0.5'
 *   TIMESTAMP '2020-02-01 13:45:07.123000000'    → { year: 2020, …, nanos: 123000000 }
 *   TSTZ      '2020-02-01 13:45:07.000000000 +08:00' → { …, tz: '+08:00' }
 *   INTERVAL DAY TO SECOND '+01 02:03:04.5'      → '+01 02:03:04.500000'
 *   BLOB Buffer                                  → Uint8Array
 */

export function decodeValue(c: ColumnMeta, raw: unknown): ColumnValue {
  if (raw === null || raw === undefined) return null;
  switch (c.type) {
    case 'NUMBER':
    case 'FLOAT': {
      const v = normalizeDecimal(String(raw));
      if (v === null) throw bad(c, raw);
      return v;
    }
    case 'BINARY_FLOAT':
    case 'BINARY_DOUBLE':
      return typeof raw === 'number' ? raw : Number(raw);
    case 'DATE':
    case 'TIMESTAMP':
    case 'TIMESTAMP WITH TIME ZONE':
    case 'TIMESTAMP WITH LOCAL TIME ZONE': {
      const d = parseDateTimeText(String(raw));
      if (!d) throw bad(c, raw);
      if (c.type === 'TIMESTAMP WITH LOCAL TIME ZONE') d.tz = '+00:00';
      return d;
    }
    case 'INTERVAL YEAR TO MONTH':
      return normaliseYm(c, String(raw));
    case 'INTERVAL DAY TO SECOND':
      return normaliseDs(c, String(raw));
    case 'RAW':
    case 'LONG RAW':
    case 'BLOB':
      if (raw instanceof Uint8Array) return new Uint8Array(raw.buffer, raw.byteOffset, raw.byteLength);
      throw bad(c, raw);
    default:
      return typeof raw === 'string' ? raw : String(raw);
  }
}

/** '+000000002-03' or '-2-3' → '+02-03' / '-02-03' (at least two digits each). */
export function normaliseYm(c: ColumnMeta, text: string): string {
  const m = /^([+-])?(\d+)-(\d+)$/.exec(text.trim());
  if (!m) throw bad(c, text);
  return `${m[1] ?? '+'}${String(Number(m[2])).padStart(2, '0')}-${String(Number(m[3])).padStart(2, '0')}`;
}

/** '+000000001 02:03:04.500000000' → '+01 02:03:04.500000'. */
export function normaliseDs(c: ColumnMeta, text: string): string {
  const m = /^([+-])?(\d+) (\d{1,2}):(\d{1,2}):(\d{1,2})(?:\.(\d*))?$/.exec(text.trim());
  if (!m) throw bad(c, text);
  const p2 = (s: string) => String(Number(s)).padStart(2, '0');
  const frac = (m[6] ?? '').padEnd(6, '0').slice(0, 6);
  return `${m[1] ?? '+'}${p2(m[2]!)} ${p2(m[3]!)}:${p2(m[4]!)}:${p2(m[5]!)}.${frac}`;
}

function bad(c: ColumnMeta, raw: unknown): OracleError {
  const shown = typeof raw === 'string' ? raw.slice(0, 60) : Object.prototype.toString.call(raw);
  return new OracleError('ORACLE_VALUE', `Cannot read ${c.type} column "${c.name}": unexpected value ${JSON.stringify(shown)}`, {
    hint: 'The column type changed while reading, or the driver returned an unexpected form; refresh the table metadata.',
  });
}
