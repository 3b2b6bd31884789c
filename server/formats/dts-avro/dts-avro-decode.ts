import type { ColumnValue, OracleDateTime } from '../../model/oracle-types';
import { RecordDecodeError, splitObjectName, type DecodedImage, type DecodedOp, type DecodedRecord } from '../decoded-record';
import { AvroReader } from './avro-reader';
import { IMAGE_MEMBERS, OPERATIONS } from './record-schema';

/**
 * Reads a DTS Avro Record (the encoder's output, see dts-avro-format.ts, or DTS's own) back into a
 * DecodedRecord, field by field in the schema's order (record-schema.ts) with AvroReader. Image
 * elements become the model's value shapes again:
 *
 *   Decimal{"12.50",10,2} (bytes 06 0A "12.50" 14 04) → '12.50'
 *   Integer / Decimal / TextObject → string;  Character → its bytes as UTF-8 text;  Float → number;
 *   BinaryObject → Uint8Array;  DateTime → OracleDateTime (millis holds nanoseconds; null = DATE);
 *   TimestampWithTimeZone → OracleDateTime with tz;  null → null;  EmptyObject NONE → left out.
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

function read(r: AvroReader): DecodedRecord & { id: number } {
  r.long(); // version
  const id = r.long();
  r.long(); // sourceTimestamp
  const sourcePosition = r.string();
  r.string(); // safeSourcePosition
  const sourceTxid = r.string();
  r.long(); // source.sourceType
  r.string(); // source.version
  const op = OPERATIONS[r.long()];
  if (op === undefined) throw new RecordDecodeError('not a DTS Avro record: operation out of range');
  const objectName = r.long() === 1 ? r.string() : '';
  if (r.long() === 1) r.blocks(() => r.long()); // processTimestamps
  let pkTag: string | undefined;
  r.blocks(() => {
    const k = r.string();
    const v = r.string();
    if (k === 'pk_uk_info') pkTag = v;
  });
  let columns: string[] | null = null;
  const fieldsBranch = r.long();
  if (fieldsBranch === 1) r.string();
  else if (fieldsBranch === 2) {
    columns = [];
    r.blocks(() => {
      columns!.push(r.string());
      r.long(); // dataTypeNumber
    });
  }
  const before = images(r, columns);
  const after = images(r, columns);
  const bornTimestamp = r.long();
  if (!r.done) throw new RecordDecodeError('not a DTS Avro record: bytes left after bornTimestamp');

  const [scnText, commitText, seqText] = sourcePosition.split('@');
  if (commitText === undefined || !/^\d+$/.test(commitText) || !/^\d+$/.test(scnText ?? '')) throw new RecordDecodeError(`DTS Avro sourcePosition "${sourcePosition}" is not <scn>@<commit scn>@<seq>`);
  const { owner, table } = splitObjectName(objectName);
  const base = {
    format: 'dts-avro' as const,
    id,
    op: op as DecodedOp,
    owner,
    table,
    scn: BigInt(scnText!),
    commitScn: BigInt(commitText),
    txId: sourceTxid === '0' ? '' : sourceTxid,
    seq: Number(seqText ?? 0),
    commitTimeMs: bornTimestamp,
    keyColumns: keyColumnsOf(pkTag),
  };
  if (op === 'DDL' || columns === null) return { ...base, columns: [], before: null, after: null, ddl: typeof after === 'string' ? after : '' };
  return { ...base, columns, before: typeof before === 'string' ? null : before, after: typeof after === 'string' ? null : after };
}

/** [null, string, array<image element>]: null, the DDL text, or the image by column name. */
function images(r: AvroReader, columns: string[] | null): DecodedImage | string | null {
  const branch = r.long();
  if (branch === 0) return null;
  if (branch === 1) return r.string();
  const out: DecodedImage = {};
  let i = 0;
  r.blocks(() => {
    const v = element(r);
    const name = columns?.[i++];
    if (name === undefined) throw new RecordDecodeError('DTS Avro image has more values than fields');
    if (v !== undefined) out[name] = v;
  });
  return out;
}

const MEMBER = IMAGE_MEMBERS;

function element(r: AvroReader): ColumnValue | undefined {
  const branch = r.long();
  if (branch === 0) return null;
  switch (MEMBER[branch - 1]) {
    case 'Integer': {
      r.long(); // precision
      return r.string();
    }
    case 'Character': {
      r.string(); // charset
      return r.bytes().toString('utf8');
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
      r.string(); // type
      return new Uint8Array(r.bytes());
    }
    case 'TextGeometry':
    case 'TextObject': {
      r.string(); // type
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
  const n = () => (r.long() === 1 ? r.long() : 0);
  return { year: n(), month: n(), day: n(), hour: n(), minute: n(), second: n(), nanos: n() };
}

/** {"PRIMARY":["ID"],"UK_1":["EMAIL"]} → ["ID"]; the first unique key when there is no primary key. */
function keyColumnsOf(tag: string | undefined): string[] | null {
  if (!tag) return null;
  // Every record of a table carries the same tag: parse each distinct one once.
  if (keyTags.has(tag)) return keyTags.get(tag)!;
  let keys: string[] | null = null;
  try {
    const info = JSON.parse(tag) as Record<string, string[]>;
    keys = info.PRIMARY ?? Object.values(info)[0] ?? null;
  } catch {
    keys = null;
  }
  if (keyTags.size > 10_000) keyTags.clear();
  keyTags.set(tag, keys);
  return keys;
}

const keyTags = new Map<string, string[] | null>();
