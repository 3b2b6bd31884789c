import type { ColumnMeta, ColumnValue, OracleDateTime } from '../model/oracle-types';
import type { DecodedImage } from './decoded-record';
import { valueText } from './value-text';

/**
 * Row images as text, in the one text form of value-text.ts, so a value read from the source and
 * the same value read back from Kafka (DTS Avro or SharePlex JSON) give the same string:
 *
 *   source  NUMBER '1200.5'          → "1200.5"     Avro Decimal{"1200.5"} → "1200.5"     SharePlex "1200.5" → "1200.5"
 *   source  TIMESTAMP(3) {…nanos}    → "2024-03-01T08:05:09.120"  (DTS Avro DateTime with the column's scale)
 *
 * With the column's metadata the text is exact; without it (the topic browser reading a record
 * alone) dates print whole seconds, or all nine fraction digits when there is a fraction.
 */
export type ImageText = Record<string, string | null>;

/** The values an image carries, by column name (`names` = the record's columns). */
export function imageText(names: readonly string[], image: DecodedImage, columns?: ReadonlyMap<string, ColumnMeta>): ImageText {
  const out: ImageText = {};
  for (let i = 0; i < names.length; i++) {
    const v = image[i];
    if (v !== undefined) out[names[i]!] = columnText(v, columns?.get(names[i]!));
  }
  return out;
}

export function columnText(value: ColumnValue, column: ColumnMeta | undefined): string | null {
  return valueText(column ?? guessColumn(value), value);
}

function guessColumn(value: ColumnValue): ColumnMeta {
  const dt = value !== null && typeof value === 'object' && !(value instanceof Uint8Array) ? (value as OracleDateTime) : null;
  const type = dt === null ? 'VARCHAR2' : dt.tz !== undefined ? 'TIMESTAMP WITH TIME ZONE' : dt.nanos === 0 ? 'DATE' : 'TIMESTAMP';
  return { name: '', type, dataLength: 0, charLength: 0, precision: null, scale: type === 'DATE' ? null : 9, nullable: true, defaultValue: null };
}
