import type { ColumnValue, OracleDateTime } from './oracle-types';

/**
 * Column values (keyset positions of the full load) as JSON. Strings and finite numbers stay as
 * they are; the rest is tagged:
 *
 *   ['7', 'Smith', 1.5]                 → ["7","Smith",1.5]
 *   [NaN, Uint8Array[1,2], DATE, null]  → [{"f":"NaN"},{"b":"AQI="},{"d":{"year":2024,…}},null]
 */
export type EncodedValue = string | number | null | { f: 'NaN' | 'Infinity' | '-Infinity' } | { b: string } | { d: OracleDateTime };

export function encodeValue(v: ColumnValue): EncodedValue {
  if (v === null || typeof v === 'string') return v;
  if (typeof v === 'number') return Number.isFinite(v) ? v : { f: Number.isNaN(v) ? 'NaN' : v > 0 ? 'Infinity' : '-Infinity' };
  if (v instanceof Uint8Array) return { b: Buffer.from(v.buffer, v.byteOffset, v.byteLength).toString('base64') };
  return { d: { ...v } };
}

export function decodeValue(e: EncodedValue): ColumnValue {
  if (e === null || typeof e === 'string' || typeof e === 'number') return e;
  if ('f' in e) return Number(e.f);
  if ('b' in e) return new Uint8Array(Buffer.from(e.b, 'base64'));
  return { ...e.d };
}

export function encodeKey(key: readonly ColumnValue[] | null): EncodedValue[] | null {
  return key === null ? null : key.map(encodeValue);
}

export function decodeKey(key: readonly EncodedValue[] | null | undefined): ColumnValue[] | null {
  return key ? key.map(decodeValue) : null;
}
