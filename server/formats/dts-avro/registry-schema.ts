import { dtsRecordType } from './avro-type';

/**
 * The schema registered for DTS Avro values: the Record type alone, with its named types inlined
 * where first used. Registering the schema file's top-level array would declare a union, and a
 * Confluent deserializer would then expect a union branch index before every record.
 */
export function dtsRegistrySchema(): string {
  return JSON.stringify(dtsRecordType().schema({ exportAttrs: true }));
}
