import type { ColumnValue, OracleDateTime } from '../../model/oracle-types';
import { RecordDecodeError, splitObjectName, type DecodedImage, type DecodedOp, type DecodedRecord } from '../decoded-record';
import { decodeText } from '../text-encoder';
import { AvroReader } from './avro-reader';
import { ByteRangeCache } from './byte-range-cache';
import { IMAGE_MEMBERS, OPERATIONS } from './record-schema';

/**
 * Reads a DTS Avro Record (the encoder's output, see dts-avro-format.ts, or DTS's own) back into a
 * DecodedRecord, field by field in the schema's order (record-schema.ts) with AvroReader. Image
 * elements become the model's value shapes again:
 *
 *   Decimal{"12.50",10,2} (bytes 06 0A "12.50" 14 04) → '12.50'
 *   Integer / Decimal / TextObject → string;  Character → its bytes decoded in its charset (utf8,
 *   or the Actual Write Code's: gbk, ISO-8859-1, …);  Float → number;
 *   BinaryObject → Uint8Array;  DateTime → OracleDateTime (millis holds nanoseconds; null = DATE);
 *   TimestampWithTimeZone → OracleDateTime with tz;  null → null;  EmptyObject NONE → undefined (not carried).
 *
 *   sourcePosition "5012345@5012350@2" → scn 5012345, commitScn 5012350, seq 2
 *
 * The tests hold it to avsc's reading of the same bytes (decode.test.ts round-trips every fixture).
 */
export function decodeDtsAvro(payload: Buffer): DecodedRecord & { id: number } {
  try {
    return read(new AvroReader(payload));
  } catch (e) {
    if (e instanceof RecordDecodeError) throw e;
    throw new RecordDecodeError(`not a DTS Avro record: ${(e as Error).message}`);
  }
}

// Parts every record of a table repeats, decoded once per distinct bytes (byte-range-cache.ts).
type ObjectName = Readonly<{ owner: string; table: string }>;
const objectNames = new ByteRangeCache<ObjectName>();
const keyTags = new ByteRangeCache<readonly string[] | null>();
const fieldLists = new ByteRangeCache<readonly string[]>();
const NO_NAME: ObjectName = Object.freeze({ owner: '', table: '' });
const NO_COLUMNS: readonly string[] = Object.freeze([]);

function read(r: AvroReader): DecodedRecord & { id: number } {
  r.long(); // version
  const id = r.long();
  r.long(); // sourceTimestamp
  const { scn, commitScn, seq } = sourcePosition(r);
  r.skipBytes(); // safeSourcePosition
  const sourceTxid = r.string();
  r.long(); // source.sourceType
  r.skipBytes(); // source.version
  const op = OPERATIONS[r.long()];
  if (op === undefined) throw new RecordDecodeError('not a DTS Avro record: operation out of range');
  let name = NO_NAME;
  if (r.long() === 1) {
    const nameStart = r.pos;
    r.skipBytes();
    name = objectNames.value(r, nameStart, readObjectName);
  }
  if (r.long() === 1) for (let n = r.blockCount(); n !== 0; n = r.blockCount()) for (let i = 0; i < n; i++) r.long(); // processTimestamps
  const tagsStart = r.pos;
  skipStringMap(r);
  const keyColumns = keyTags.value(r, tagsStart, readKeyColumns);
  let columns: readonly string[] | null = null;
  const fieldsBranch = r.long();
  if (fieldsBranch === 1) r.skipBytes();
  else if (fieldsBranch === 2) {
    const fieldsStart = r.pos;
    for (let n = r.blockCount(); n !== 0; n = r.blockCount()) {
      for (let i = 0; i < n; i++) {
        r.skipBytes(); // name
        r.long(); // dataTypeNumber
      }
    }
    columns = fieldLists.value(r, fieldsStart, readFields);
  }
  const before = images(r, columns);
  const after = images(r, columns);
  const bornTimestamp = r.long();
  if (!r.done) throw new RecordDecodeError('not a DTS Avro record: bytes left after bornTimestamp');
  const ddl = op === 'DDL' || columns === null;
  const record: DecodedRecord & { id: number } = {
    format: 'dts-avro',
    id,
    op: op as DecodedOp,
    owner: name.owner,
    table: name.table,
    scn,
    commitScn,
    txId: sourceTxid === '0' ? '' : sourceTxid,
    seq,
    commitTimeMs: bornTimestamp,
    columns: ddl ? NO_COLUMNS : columns!,
    before: ddl || typeof before === 'string' ? null : before,
    after: ddl || typeof after === 'string' ? null : after,
    keyColumns,
  };
  if (ddl) record.ddl = typeof after === 'string' ? after : '';
  return record;
}

/**
 * sourcePosition "5012345@5012350@2" read from its bytes, without a string per record. The SCNs
 * come back as the same bigint as the previous record's when equal (every full-load record
 * carries the snapshot SCN, every record of a transaction its commit SCN), so a replay of a
 * million rows keeps a few bigints rather than a million. Anything unusual (more than 15 digits, a
 * missing part) is read as text, with the text's checks and error.
 */
function sourcePosition(r: AvroReader): { scn: bigint; commitScn: bigint; seq: number } {
  const from = r.skipBytes();
  const buf = r.buf;
  const values = [0, 0, 0];
  let part = 0;
  let digits = 0;
  for (let i = from; i < r.pos; i++) {
    const c = buf[i]!;
    if (c === 0x40 && digits > 0 && part < 2) {
      part++;
      digits = 0;
    } else if (c >= 0x30 && c <= 0x39 && ++digits <= 15) values[part] = values[part]! * 10 + (c - 0x30);
    else return positionText(buf.toString('utf8', from, r.pos));
  }
  if (part === 0 || digits === 0) return positionText(buf.toString('utf8', from, r.pos));
  return { scn: scnMemo.of(values[0]!), commitScn: commitMemo.of(values[1]!), seq: values[2]! };
}

function positionText(text: string): { scn: bigint; commitScn: bigint; seq: number } {
  const [scnText, commitText, seqText] = text.split('@');
  if (commitText === undefined || !/^\d+$/.test(commitText) || !/^\d+$/.test(scnText ?? '')) throw new RecordDecodeError(`DTS Avro sourcePosition "${text}" is not <scn>@<commit scn>@<seq>`);
  return { scn: BigInt(scnText!), commitScn: BigInt(commitText), seq: Number(seqText ?? 0) };
}

/** The bigint of the last number asked for, reused while the number repeats. */
class BigintMemo {
  private last = -1;
  private value = 0n;
  of(n: number): bigint {
    if (n !== this.last) {
      this.last = n;
      this.value = BigInt(n);
    }
    return this.value;
  }
}
const scnMemo = new BigintMemo();
const commitMemo = new BigintMemo();

function readObjectName(r: AvroReader): ObjectName {
  return Object.freeze(splitObjectName(r.string()));
}

function readFields(r: AvroReader): readonly string[] {
  const names: string[] = [];
  for (let n = r.blockCount(); n !== 0; n = r.blockCount()) {
    for (let i = 0; i < n; i++) {
      names.push(r.string());
      r.long(); // dataTypeNumber
    }
  }
  return Object.freeze(names);
}

function skipStringMap(r: AvroReader): void {
  for (let n = r.blockCount(); n !== 0; n = r.blockCount()) {
    for (let i = 0; i < n; i++) {
      r.skipBytes();
      r.skipBytes();
    }
  }
}

/** tags {pk_uk_info: '{"PRIMARY":["ID"],"UK_1":["EMAIL"]}'} → ["ID"]; the first unique key when there is no primary key. */
function readKeyColumns(r: AvroReader): readonly string[] | null {
  let tag: string | undefined;
  for (let n = r.blockCount(); n !== 0; n = r.blockCount()) {
    for (let i = 0; i < n; i++) {
      const k = r.string();
      const v = r.string();
      if (k === 'pk_uk_info') tag = v;
    }
  }
  if (!tag) return null;
  try {
    const info = JSON.parse(tag) as Record<string, string[]>;
    const keys = info.PRIMARY ?? Object.values(info)[0] ?? null;
    return keys && Object.freeze([...keys]);
  } catch {
    return null;
  }
}

/** [null, string, array<image element>]: null, the DDL text, or the image aligned with the fields. */
function images(r: AvroReader, columns: readonly string[] | null): DecodedImage | string | null {
  const branch = r.long();
  if (branch === 0) return null;
  if (branch === 1) return r.string();
  const out: DecodedImage = [];
  for (let n = r.blockCount(); n !== 0; n = r.blockCount()) {
    for (let k = 0; k < n; k++) {
      if (out.length >= (columns?.length ?? 0)) throw new RecordDecodeError('DTS Avro image has more values than fields');
      out.push(element(r));
    }
  }
  return out;
}

const MEMBER = IMAGE_MEMBERS;

/** "utf8" / "UTF-8" (any case), checked on the bytes: nearly every Character value says so. */
function isUtf8Name(buf: Buffer, at: number, n: number): boolean {
  if (n !== 4 && n !== 5) return false;
  const lower = (i: number) => buf[at + i]! | 0x20;
  if (lower(0) !== 0x75 || lower(1) !== 0x74 || lower(2) !== 0x66) return false; // u t f
  return n === 4 ? buf[at + 3] === 0x38 : buf[at + 3] === 0x2d && buf[at + 4] === 0x38; // 8 | -8
}

function element(r: AvroReader): ColumnValue | undefined {
  const branch = r.long();
  if (branch === 0) return null;
  switch (MEMBER[branch - 1]) {
    case 'Integer': {
      r.long(); // precision
      return r.string();
    }
    case 'Character': {
      const at = r.skipBytes(); // charset: "utf8" unless the task chose another Actual Write Code
      if (isUtf8Name(r.buf, at, r.pos - at)) return r.string();
      const charset = r.buf.toString('latin1', at, r.pos);
      const text = decodeText(r.bytes(), charset);
      if (text === null) throw new RecordDecodeError(`DTS Avro Character value in an unknown charset "${charset}"`);
      return text;
    }
    case 'Decimal': {
      const v = r.string();
      r.long();
      r.long();
      return v;
    }
    case 'Float': {
      const v = r.double();
      r.long();
      r.long();
      return v;
    }
    case 'Timestamp': {
      const d = new Date(r.long() * 1000);
      const millis = r.long();
      return { year: d.getUTCFullYear(), month: d.getUTCMonth() + 1, day: d.getUTCDate(), hour: d.getUTCHours(), minute: d.getUTCMinutes(), second: d.getUTCSeconds(), nanos: millis * 1_000_000 };
    }
    case 'DateTime':
      return dateTime(r);
    case 'TimestampWithTimeZone': {
      const dt = dateTime(r);
      dt.tz = r.string();
      return dt;
    }
    case 'BinaryGeometry':
    case 'BinaryObject': {
      r.skipBytes(); // type
      return new Uint8Array(r.bytes());
    }
    case 'TextGeometry':
    case 'TextObject': {
      r.skipBytes(); // type
      return r.string();
    }
    case 'EmptyObject':
      return r.long() === 1 ? undefined : null; // symbols NULL, NONE
    default:
      throw new RecordDecodeError(`DTS Avro image element branch ${branch} is not a member of the image union`);
  }
}

/** DateTime: seven [null,int] fields; millis carries nanoseconds for Oracle (image-writer.ts). */
function dateTime(r: AvroReader): OracleDateTime {
  return { year: nullableInt(r), month: nullableInt(r), day: nullableInt(r), hour: nullableInt(r), minute: nullableInt(r), second: nullableInt(r), nanos: nullableInt(r) };
}

function nullableInt(r: AvroReader): number {
  return r.long() === 1 ? r.long() : 0;
}
