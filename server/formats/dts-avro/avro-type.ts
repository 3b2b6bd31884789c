import avro from 'avsc';
import { DTS_AVRO_SCHEMA, RECORD_FULL_NAME } from './record-schema';

/**
 * Compiles a DTS Avro schema array (ours or the reference file's) into the avsc type of `Record`.
 * avsc parses an array of named types as a union and leaves every named type in the registry, so
 * the Record type is read back from there.
 *
 * Unions: avsc's default `wrapUnions: 'auto'` keeps [null,int], [null,string] and
 * [null,string,array] unwrapped (their branches are distinct JS kinds) but must WRAP the image
 * element union, whose branches are all records. So an image value is written as
 *   { 'com.alibaba.dts.formats.avro.Decimal': { value: '12.5', precision: 10, scale: 2 } }
 * and SQL NULL as plain null. `compileRecordType` checks that shape so the encoder can rely on it.
 */
export function compileRecordType(schema: unknown): avro.Type {
  const registry: Record<string, avro.Type> = {};
  avro.Type.forSchema(schema as avro.Schema, { registry, wrapUnions: 'auto' });
  const type = registry[RECORD_FULL_NAME];
  if (!type) throw new Error(`schema has no ${RECORD_FULL_NAME}`);
  assertUnionShapes(type);
  return type;
}

function assertUnionShapes(type: avro.Type): void {
  const rec = type as avro.types.RecordType;
  const images = rec.field('afterImages')?.type as avro.types.UnwrappedUnionType | undefined;
  const array = images?.types[2] as avro.types.ArrayType | undefined;
  const element = array?.itemsType;
  if (!element || element.typeName !== 'union:wrapped') {
    throw new Error('DTS Avro image element union must compile as a wrapped union');
  }
  if (rec.field('fields')?.type.typeName !== 'union:unwrapped') {
    throw new Error('DTS Avro `fields` union must compile as an unwrapped union');
  }
}

let cached: avro.Type | undefined;

/** The Record type compiled from our own copy of the schema (record-schema.ts), built once. */
export function dtsRecordType(): avro.Type {
  cached ??= compileRecordType(DTS_AVRO_SCHEMA);
  return cached;
}
