import type { ColumnValue, OracleDateTime } from '../../model/oracle-types';
import { RecordDecodeError, splitObjectName, type DecodedImage, type DecodedOp, type DecodedRecord } from '../decoded-record';
import { dtsRecordType } from './avro-type';
import { DTS_AVRO_NAMESPACE } from './record-schema';

/**
 * Reads a DTS Avro Record (the encoder's output, see dts-avro-format.ts) back into a DecodedRecord.
 * Image elements come out of avsc as wrapped unions and become the model's value shapes again:
 *
 *   { 'com.alibaba.dts.formats.avro.Decimal': { value: '12.50', precision: 10, scale: 2 } } → '12.50'
 *   Integer / Decimal / TextObject → string;  Character → its bytes as UTF-8 text;  Float → number;
 *   BinaryObject → Uint8Array;  DateTime → OracleDateTime (millis holds nanoseconds; null = DATE);
 *   TimestampWithTimeZone → OracleDateTime with tz;  null → null;  EmptyObject NONE → left out.
 *
 *   sourcePosition "5012345@5012350@2" → scn 5012345, commitScn 5012350, seq 2
 */
const NS = `${DTS_AVRO_NAMESPACE}.`;

interface AvroRecord {
  id: number;
  sourceTimestamp: number;
  sourcePosition: string;
  sourceTxid: string;
  operation: string;
  objectName: string | null;
  tags: Record<string, string>;
  fields: { name: string }[] | string | null;
  beforeImages: unknown[] | string | null;
  afterImages: unknown[] | string | null;
  bornTimestamp: number;
}

export function decodeDtsAvro(payload: Buffer): DecodedRecord & { id: number } {
  let rec: AvroRecord;
  try {
    rec = dtsRecordType().fromBuffer(payload) as AvroRecord;
  } catch (e) {
    throw new RecordDecodeError(`not a DTS Avro record: ${(e as Error).message}`);
  }
  const [scnText, commitText, seqText] = rec.sourcePosition.split('@');
  if (commitText === undefined || !/^\d+$/.test(commitText) || !/^\d+$/.test(scnText ?? '')) throw new RecordDecodeError(`DTS Avro sourcePosition "${rec.sourcePosition}" is not <scn>@<commit scn>@<seq>`);
  const { owner, table } = splitObjectName(rec.objectName ?? '');
  const op = rec.operation as DecodedOp;
  const base = {
    format: 'dts-avro' as const,
    id: rec.id,
    op,
    owner,
    table,
    scn: BigInt(scnText!),
    commitScn: BigInt(commitText),
    txId: rec.sourceTxid === '0' ? '' : rec.sourceTxid,
    seq: Number(seqText ?? 0),
    commitTimeMs: rec.bornTimestamp,
    keyColumns: keyColumnsOf(rec.tags.pk_uk_info),
  };
  if (op === 'DDL' || !Array.isArray(rec.fields)) {
    return { ...base, columns: [], before: null, after: null, ddl: Array.isArray(rec.afterImages) ? '' : (rec.afterImages ?? '') };
  }
  const columns = rec.fields.map((f) => f.name);
  return { ...base, columns, before: image(columns, rec.beforeImages), after: image(columns, rec.afterImages) };
}

/** {"PRIMARY":["ID"],"UK_1":["EMAIL"]} → ["ID"]; the first unique key when there is no primary key. */
function keyColumnsOf(tag: string | undefined): string[] | null {
  if (!tag) return null;
  try {
    const info = JSON.parse(tag) as Record<string, string[]>;
    return info.PRIMARY ?? Object.values(info)[0] ?? null;
  } catch {
    return null;
  }
}

function image(columns: string[], values: unknown[] | string | null): DecodedImage | null {
  if (!Array.isArray(values)) return null;
  const out: DecodedImage = {};
  for (let i = 0; i < columns.length; i++) {
    const v = memberValue(values[i]);
    if (v !== undefined) out[columns[i]!] = v;
  }
  return out;
}

function memberValue(element: unknown): ColumnValue | undefined {
  if (element === null || element === undefined) return null;
  const [name, body] = Object.entries(element as Record<string, unknown>)[0] ?? [];
  const v = body as Record<string, unknown>;
  switch (name?.startsWith(NS) ? name.slice(NS.length) : name) {
    case 'Integer':
    case 'Decimal':
    case 'TextObject':
    case 'TextGeometry':
      return v.value as string;
    case 'Character':
      return (v.value as Buffer).toString('utf8');
    case 'Float':
      return v.value as number;
    case 'BinaryObject':
    case 'BinaryGeometry':
      return new Uint8Array(v.value as Buffer);
    case 'DateTime':
      return dateTime(v);
    case 'TimestampWithTimeZone':
      return { ...dateTime(v.value as Record<string, unknown>), tz: v.timezone as string };
    case 'Timestamp': {
      const d = new Date(Number(v.timestamp) * 1000);
      return { year: d.getUTCFullYear(), month: d.getUTCMonth() + 1, day: d.getUTCDate(), hour: d.getUTCHours(), minute: d.getUTCMinutes(), second: d.getUTCSeconds(), nanos: Number(v.millis ?? 0) * 1_000_000 };
    }
    case 'EmptyObject':
      return body === 'NONE' ? undefined : null;
    default:
      throw new RecordDecodeError(`DTS Avro image element ${String(name)} is not a member of the image union`);
  }
}

function dateTime(v: Record<string, unknown>): OracleDateTime {
  const n = (k: string) => (typeof v[k] === 'number' ? (v[k] as number) : 0);
  return { year: n('year'), month: n('month'), day: n('day'), hour: n('hour'), minute: n('minute'), second: n('second'), nanos: n('millis') };
}
