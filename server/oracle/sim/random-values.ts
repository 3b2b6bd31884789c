import { dateTimeFromUtc, type ColumnMeta, type ColumnValue, type OracleDateTime } from '../../model/oracle-types';
import type { Prng } from './prng';

/**
 * A random value that fits a column's type, length and precision — for workload inserts and updates
 * on any table, including ones created by DDL at run time.
 */
const WORDS = ['alpha', 'bravo', 'charlie', 'delta', 'echo', 'foxtrot', 'golf', 'hotel', "o'neil", 'Zürich', '北京', 'naïve'];

export function randomValue(c: ColumnMeta, rng: Prng, nullChance = 0.05): ColumnValue {
  if (c.nullable && rng.chance(nullChance)) return null;
  switch (c.type) {
    case 'NUMBER':
    case 'FLOAT': {
      const p = c.precision ?? 10;
      const s = c.type === 'FLOAT' ? 2 : (c.scale ?? 0);
      const intDigits = Math.max(0, Math.min(p - s, 9));
      const int = intDigits === 0 ? 0 : rng.int(0, 10 ** intDigits - 1);
      const frac = s > 0 ? rng.int(0, 10 ** Math.min(s, 6) - 1) : 0;
      const text = s > 0 && frac > 0 ? `${int}.${String(frac).padStart(Math.min(s, 6), '0')}`.replace(/0+$/, '') : String(int);
      return rng.chance(0.1) && text !== '0' ? `-${text}` : text;
    }
    case 'BINARY_FLOAT':
      return Math.fround(rng.next() * 1000);
    case 'BINARY_DOUBLE':
      return rng.next() * 1e6;
    case 'CHAR':
    case 'NCHAR':
      return randomText(rng, c.charLength || 1).padEnd(c.charLength || 1, ' ');
    case 'VARCHAR2':
    case 'NVARCHAR2':
      return randomText(rng, Math.min(c.charLength || 20, 60));
    case 'CLOB':
    case 'NCLOB':
      return randomText(rng, rng.chance(0.2) ? 6000 : 300);
    case 'LONG':
      return randomText(rng, 100);
    case 'DATE':
      return randomDate(rng, false);
    case 'TIMESTAMP':
      return randomDate(rng, true, c.scale ?? 6);
    case 'TIMESTAMP WITH TIME ZONE':
      return { ...randomDate(rng, true, c.scale ?? 6), tz: rng.pick(['+08:00', '-05:00', '+00:00', '+05:30']) };
    case 'TIMESTAMP WITH LOCAL TIME ZONE':
      return { ...randomDate(rng, true, c.scale ?? 6), tz: '+00:00' };
    case 'INTERVAL YEAR TO MONTH':
      return `+${String(rng.int(0, 20)).padStart(2, '0')}-${String(rng.int(0, 11)).padStart(2, '0')}`;
    case 'INTERVAL DAY TO SECOND':
      return `+${String(rng.int(0, 99)).padStart(2, '0')} ${p2(rng.int(0, 23))}:${p2(rng.int(0, 59))}:${p2(rng.int(0, 59))}.${String(rng.int(0, 999999)).padStart(6, '0')}`;
    case 'RAW':
      return randomBytes(rng, Math.min(c.dataLength, 16));
    case 'LONG RAW':
    case 'BLOB':
      return randomBytes(rng, rng.chance(0.2) ? 5000 : 200);
    case 'ROWID':
    case 'UROWID':
      return 'AAAR3sAAEAAAACXAAA';
    default:
      return null;
  }
}

const p2 = (n: number): string => String(n).padStart(2, '0');

export function randomText(rng: Prng, maxChars: number): string {
  let s = '';
  while (s.length < maxChars) s += (s ? ' ' : '') + rng.pick(WORDS);
  return [...s].slice(0, Math.max(1, rng.int(Math.ceil(maxChars / 2), maxChars))).join('').trimEnd() || 'x';
}

function randomBytes(rng: Prng, n: number): Uint8Array {
  const out = new Uint8Array(n);
  for (let i = 0; i < n; i++) out[i] = rng.int(0, 255);
  return out;
}

export function randomDate(rng: Prng, fractional: boolean, scale = 6): OracleDateTime {
  const ms = Date.UTC(2015, 0, 1) + Math.floor(rng.next() * 10 * 365 * 86_400_000);
  const d = new Date(ms);
  const digits = Math.min(scale, 9);
  const nanos = fractional && digits > 0 ? rng.int(0, 10 ** digits - 1) * 10 ** (9 - digits) : 0;
  return dateTimeFromUtc(d, nanos);
}
