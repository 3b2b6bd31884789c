import type { FormatName } from './format';
import type { DecodedRecord } from './decoded-record';
import { decodeDtsAvro } from './dts-avro/dts-avro-decode';
import { decodeSharePlexJson } from './shareplex-json/shareplex-json-decode';

/**
 * A message value in a task's format back to a DecodedRecord. DTS Avro values written with the
 * Schema Registry on carry the Confluent frame; the caller strips it first (server/kafka knows the
 * frame, formats do not), so `payload` is always the bare Avro or JSON bytes.
 */
export function decodeRecord(format: FormatName, payload: Buffer): DecodedRecord {
  return format === 'dts-avro' ? decodeDtsAvro(payload) : decodeSharePlexJson(payload);
}
