import type { ColumnMeta, ColumnValue, OracleDateTime } from '../../model/oracle-types';
import { FormatEncodeError } from '../format-error';
import type { TextEncoder } from '../text-encoder';
import { AvroWriter } from './avro-writer';
import { IMAGE_MEMBERS, type ImageMember } from './record-schema';

/**
 * Which DTS Avro image member each Oracle type becomes, written straight to Avro bytes:
 *
 *   NUMBER(p,s) s>0             → Decimal{value:"12.50", precision:p, scale:s}
 *   NUMBER, FLOAT (no fixed s)  → Decimal{value, precision/scale of the value as java.math.BigDecimal
 *                                 counts them: "-0.05" → 1/2, "120" → 3/0}
 *   NUMBER(p), NUMBER(p,s≤0),
 *   INTEGER (NUMBER(*,0))       → Integer{precision:p (38 when unspecified), value:"42"}
 *   BINARY_FLOAT/BINARY_DOUBLE  → Float{value, precision:9/17 (digits that round-trip), scale:0}
 *   CHAR/NCHAR/VARCHAR2/
 *   NVARCHAR2/LONG, INTERVALs   → Character{charset:"utf8", value:<UTF-8 bytes>} (or the task's
 *                                 Actual Write Code: Character{charset:"gbk", value:<GBK bytes>})
 *   CLOB/NCLOB                  → TextObject{type:"TEXT"};  XMLTYPE → TextObject{type:"XML"}
 *   ROWID/UROWID                → TextObject{type:"ROWID"/"UROWID"}
 *   RAW/LONG RAW/BLOB/BFILE     → BinaryObject{type:"RAW"/"LONG_RAW"/"BLOB"/"BFILE"}
 *   DATE                        → DateTime{year..second, millis:null}
 *   TIMESTAMP(n)                → DateTime{year..second, millis:<nanoseconds>}
 *   TIMESTAMP WITH TIME ZONE    → TimestampWithTimeZone{value:DateTime, timezone:"+08:00"|"Asia/Shanghai"}
 *   TIMESTAMP WITH LOCAL TZ     → TimestampWithTimeZone{value:<UTC DateTime>, timezone:"+00:00"}
 *   SQL NULL → null;  undefined (column absent from the redo record) → EmptyObject "NONE"
 *
 * DateTime.millis carries NANOseconds for Oracle: the SDK's default reader
 * (record/fast/LazyRecordDeserializer.deserializeDateTime) multiplies the field by 1000 only for
 * MySQL and PostgreSQL sources and takes it as nanoseconds for every other source type.
 * Character bytes are UTF-8 unless the task chose another Actual Write Code (values arrive as JS
 * strings, already decoded from the database or national character set); "utf8" is a name both
 * Java's Charset and the SDK's charset mapper accept. TextObject values stay UTF-8: Avro strings are.
 * Intervals use Character because TextObject.type must be a name the SDK's ObjectType knows.
 *
 * Bytes of a Decimal{"12.50",10,2} element: 06 (union index 3) 0A "12.50" 14 04.
 */
export const CHARACTER_CHARSET = 'utf8';
const MAX_NUMBER_PRECISION = 38;

/** Union index of each image member ([null, ...IMAGE_MEMBERS]). */
const INDEX = Object.fromEntries(IMAGE_MEMBERS.map((m, i) => [m, i + 1])) as Record<ImageMember, number>;
const EMPTY_NONE = 1; // EmptyObject symbols: NULL, NONE

/** Avro bytes written once, copied into every record (a member's union index and constant fields). */
function fragment(write: (w: AvroWriter) => void): Buffer {
  const w = new AvroWriter(32);
  write(w);
  return w.toBuffer();
}

/** Character{charset, …}: union index and charset, the same for every character value. */
function characterHead(charset: string): Buffer {
  return fragment((w) => {
    w.long(INDEX.Character);
    w.string(charset);
  });
}
const UTF8_CHARACTER_HEAD = characterHead(CHARACTER_CHARSET);

export type ImageWriter = (w: AvroWriter, value: ColumnValue | undefined) => void;
type Write = (w: AvroWriter, value: Exclude<ColumnValue, null>) => void;

/**
 * Builds the writer for one column once; the encoder caches it per table. `text`: the Actual Write
 * Code's encoder for Character values (absent: UTF-8); it throws UnencodableCharacterError, which
 * the record encoder turns into an error naming the row.
 */
export function imageWriter(column: ColumnMeta, objectName: string, text?: TextEncoder): ImageWriter {
  const write = memberWriter(column, objectName, text);
  return (w, value) => {
    if (value === null) {
      w.long(0);
    } else if (value === undefined) {
      w.long(INDEX.EmptyObject);
      w.long(EMPTY_NONE);
    } else {
      write(w, value);
    }
  };
}

function memberWriter(column: ColumnMeta, where: string, encoder: TextEncoder | undefined): Write {
  const mismatch = (value: unknown, expected: string): never => {
    throw new FormatEncodeError(
      `Column ${where}.${column.name} (${column.type}) holds ${describe(value)}; DTS Avro expects ${expected} for this type`,
      'The source reader produced a value shape that does not match the column type (see the table at the top of server/model/oracle-types.ts). Report it with the table definition; restarting will not help.',
    );
  };
  const text = (v: unknown): string => (typeof v === 'string' ? v : mismatch(v, 'a string'));
  const bytes = (v: unknown): Uint8Array => (v instanceof Uint8Array ? v : mismatch(v, 'bytes (Uint8Array)'));
  const dateTime = (v: unknown): OracleDateTime =>
    typeof v === 'object' && v !== null && !(v instanceof Uint8Array) ? (v as OracleDateTime) : mismatch(v, 'an OracleDateTime');

  const encodedHead = encoder && encoder.charset !== CHARACTER_CHARSET ? characterHead(encoder.charset) : null;
  const character: Write =
    encoder && encodedHead
      ? (w, v) => {
          w.raw(encodedHead);
          w.bytes(encoder.encode(text(v)));
        }
      : (w, v) => {
          w.raw(UTF8_CHARACTER_HEAD);
          w.utf8Bytes(text(v));
        };
  const textObject = (type: string): Write => (w, v) => {
    w.long(INDEX.TextObject);
    w.string(type);
    w.string(text(v));
  };
  const binaryObject = (type: string): Write => (w, v) => {
    w.long(INDEX.BinaryObject);
    w.string(type);
    w.bytes(bytes(v));
  };
  const variableDecimal: Write = (w, v) => {
    const value = text(v);
    const { precision, scale } = decimalShape(value);
    writeDecimal(w, value, precision, scale);
  };

  switch (column.type) {
    case 'NUMBER': {
      const { precision, scale } = column;
      if (scale !== null && scale <= 0) {
        const head = fragment((w) => {
          w.long(INDEX.Integer);
          w.long(precision ?? MAX_NUMBER_PRECISION);
        });
        return (w, v) => {
          w.raw(head);
          w.string(text(v));
        };
      }
      if (scale !== null && precision !== null) return (w, v) => writeDecimal(w, text(v), precision, scale);
      return variableDecimal;
    }
    case 'FLOAT':
      return variableDecimal;
    case 'BINARY_FLOAT':
    case 'BINARY_DOUBLE': {
      const precision = column.type === 'BINARY_FLOAT' ? 9 : 17;
      return (w, v) => {
        const n = typeof v === 'number' ? v : mismatch(v, 'a number');
        w.long(INDEX.Float);
        w.double(n);
        w.long(precision);
        w.long(0);
      };
    }
    case 'CLOB':
    case 'NCLOB':
      return textObject('TEXT');
    case 'XMLTYPE':
      return textObject('XML');
    case 'ROWID':
      return textObject('ROWID');
    case 'UROWID':
      return textObject('UROWID');
    case 'RAW':
      return binaryObject('RAW');
    case 'LONG RAW':
      return binaryObject('LONG_RAW');
    case 'BLOB':
      return binaryObject('BLOB');
    case 'BFILE': {
      const asText = textObject('BFILE');
      const asBytes = binaryObject('BFILE');
      return (w, v) => (typeof v === 'string' ? asText(w, v) : asBytes(w, v));
    }
    case 'DATE':
      return (w, v) => {
        w.long(INDEX.DateTime);
        writeDateTime(w, dateTime(v), false);
      };
    case 'TIMESTAMP':
      return (w, v) => {
        w.long(INDEX.DateTime);
        writeDateTime(w, dateTime(v), true);
      };
    case 'TIMESTAMP WITH TIME ZONE':
    case 'TIMESTAMP WITH LOCAL TIME ZONE': {
      const defaultTz = column.type === 'TIMESTAMP WITH LOCAL TIME ZONE' ? '+00:00' : undefined;
      return (w, v) => {
        const dt = dateTime(v);
        const timezone = dt.tz ?? defaultTz ?? mismatch(v, 'an OracleDateTime with tz');
        w.long(INDEX.TimestampWithTimeZone);
        writeDateTime(w, dt, true);
        w.string(timezone);
      };
    }
    default: // CHAR, NCHAR, VARCHAR2, NVARCHAR2, LONG, INTERVAL YEAR TO MONTH, INTERVAL DAY TO SECOND
      return character;
  }
}

function writeDecimal(w: AvroWriter, value: string, precision: number, scale: number): void {
  w.long(INDEX.Decimal);
  w.string(value);
  w.long(precision);
  w.long(scale);
}

/** DateTime: seven [null,int] fields, each written as branch 1 + value (or branch 0 for null). */
function writeDateTime(w: AvroWriter, v: OracleDateTime, fractional: boolean): void {
  w.long(1);
  w.long(v.year);
  w.long(1);
  w.long(v.month);
  w.long(1);
  w.long(v.day);
  w.long(1);
  w.long(v.hour);
  w.long(1);
  w.long(v.minute);
  w.long(1);
  w.long(v.second);
  if (fractional) {
    w.long(1);
    w.long(v.nanos);
  } else {
    w.long(0);
  }
}

/** precision and scale of decimal text the way java.math.BigDecimal counts them. */
export function decimalShape(value: string): { precision: number; scale: number } {
  const unsigned = value[0] === '-' || value[0] === '+' ? value.slice(1) : value;
  const dot = unsigned.indexOf('.');
  const scale = dot < 0 ? 0 : unsigned.length - dot - 1;
  const digits = dot < 0 ? unsigned : unsigned.slice(0, dot) + unsigned.slice(dot + 1);
  let lead = 0;
  while (lead < digits.length - 1 && digits.charCodeAt(lead) === 48) lead++;
  return { precision: Math.max(1, digits.length - lead), scale };
}

function describe(value: unknown): string {
  if (value instanceof Uint8Array) return `${value.byteLength} bytes`;
  if (typeof value === 'string') return `the string ${JSON.stringify(value.length > 40 ? value.slice(0, 40) + '…' : value)}`;
  if (typeof value === 'object') return 'an object';
  return `the ${typeof value} ${String(value)}`;
}
