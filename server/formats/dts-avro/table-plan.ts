import type { ChangeEvent } from '../../model/change-event';
import type { ColumnMeta } from '../../model/oracle-types';
import { objectName } from '../object-name';
import { AvroWriter } from './avro-writer';
import type { TextEncoder } from '../text-encoder';
import { imageWriter, type ImageWriter } from './image-writer';
import { oracleTypeCode } from './oracle-type-codes';

/**
 * Everything about a DML record that depends only on the table, computed once per table and
 * reused for every row: the `fields` array, one image converter per column, the `pk_uk_info` tag
 * and the `metaVersion` tag. `fieldsBytes` is the Avro encoding of the `fields` union (branch 2,
 * the array blocks, the end marker), copied as is into every record of the table.
 *
 *   pk_uk_info  = {"PRIMARY":["ID"],"UK_1":["EMAIL"]}   (unique keys have no names in a
 *                 ChangeEvent, so they are numbered UK_1, UK_2… in table order; {} when keyless)
 *   metaVersion = unsigned 32-bit FNV-1a of the column list (name, type code, precision, scale).
 *                 The SDK's schema cache (LazyRecordDeserializer) drops a cached field list when a
 *                 table's metaVersion changes, so it must change whenever the columns do.
 */
export interface TablePlan {
  objectName: string;
  fields: { name: string; dataTypeNumber: number }[];
  fieldsBytes: Buffer;
  writers: ImageWriter[];
  pkUkInfo: string;
  metaVersion: string;
  /**
   * Bytes from `objectName` up to the value of the last tag, which is per record: objectName
   * (union branch 1 + name), processTimestamps null, a tags block of three entries, pk_uk_info and
   * metaVersion with their values, and the key "readerThroughoutTime".
   */
  headBytes: Buffer;
}

interface CachedPlan {
  plan: TablePlan;
  owner: string;
  table: string;
  primaryKey: ChangeEvent['primaryKey'];
  uniqueKeys: ChangeEvent['uniqueKeys'];
}

/**
 * The plans of one format instance (its Actual Write Code shapes every Character writer), keyed by
 * the columns array, which the engine shares between all events of a table version.
 */
export function tablePlans(text?: TextEncoder): (event: ChangeEvent) => TablePlan {
  const cache = new WeakMap<ColumnMeta[], CachedPlan>();
  return (event) => {
    const hit = cache.get(event.columns);
    if (
      hit &&
      hit.owner === event.owner &&
      hit.table === event.table &&
      hit.primaryKey === event.primaryKey &&
      hit.uniqueKeys === event.uniqueKeys
    ) {
      return hit.plan;
    }
    const plan = buildPlan(event, text);
    cache.set(event.columns, {
      plan,
      owner: event.owner,
      table: event.table,
      primaryKey: event.primaryKey,
      uniqueKeys: event.uniqueKeys,
    });
    return plan;
  };
}

function buildPlan(event: ChangeEvent, text: TextEncoder | undefined): TablePlan {
  const name = objectName(event.owner, event.table);
  const fields = event.columns.map((c) => ({ name: c.name, dataTypeNumber: oracleTypeCode(c.type) }));
  const info = pkUkInfo(event.primaryKey, event.uniqueKeys);
  const version = String(metaVersion(event.columns));
  return {
    objectName: name,
    fields,
    fieldsBytes: encodeFields(fields),
    writers: event.columns.map((c) => imageWriter(c, name, text)),
    pkUkInfo: info,
    metaVersion: version,
    headBytes: encodeHead(name, info, version),
  };
}

function encodeHead(name: string, info: string, version: string): Buffer {
  const w = new AvroWriter(256);
  w.long(1); // objectName: [null, string] → string
  w.string(name);
  w.long(0); // processTimestamps: null
  w.long(3); // tags: one block of three entries
  w.string('pk_uk_info');
  w.string(info);
  w.string('metaVersion');
  w.string(version);
  w.string('readerThroughoutTime');
  return w.toBuffer();
}

export function pkUkInfo(primaryKey: string[] | null, uniqueKeys: string[][]): string {
  const info: Record<string, string[]> = {};
  if (primaryKey && primaryKey.length > 0) info.PRIMARY = primaryKey;
  uniqueKeys.forEach((uk, i) => {
    info[`UK_${i + 1}`] = uk;
  });
  return JSON.stringify(info);
}

export function metaVersion(columns: readonly ColumnMeta[]): number {
  let h = 0x811c9dc5;
  const text = columns.map((c) => `${c.name}:${oracleTypeCode(c.type)}:${c.precision ?? ''}:${c.scale ?? ''}`).join(';');
  for (let i = 0; i < text.length; i++) {
    h ^= text.charCodeAt(i);
    h = Math.imul(h, 0x01000193);
  }
  return h >>> 0 || 1;
}

function encodeFields(fields: TablePlan['fields']): Buffer {
  const w = new AvroWriter(64);
  w.long(2);
  if (fields.length > 0) {
    w.long(fields.length);
    for (const f of fields) {
      w.string(f.name);
      w.long(f.dataTypeNumber);
    }
  }
  w.long(0);
  return w.toBuffer();
}
