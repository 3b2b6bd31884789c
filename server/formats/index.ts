/**
 * Formats: one ChangeEvent in, one Kafka message (key, value) out. The engine builds one Format per
 * task with `createFormat` and calls `encode` for every event, passing the next record id.
 *
 *   const format = createFormat({ name: 'dts-avro', sourceVersion: '19.0.0.0.0' });
 *   const msg = format.encode(event, { recordId: nextId++, safeScn: checkpointScn });
 */
import { createDtsAvroFormat, type DtsAvroOptions } from './dts-avro/dts-avro-format';
import type { Format } from './format';
import { createSharePlexJsonFormat, type SharePlexJsonOptions } from './shareplex-json/shareplex-json-format';

export type FormatOptions = ({ name: 'dts-avro' } & DtsAvroOptions) | ({ name: 'shareplex-json' } & SharePlexJsonOptions);

export function createFormat(options: FormatOptions): Format {
  return options.name === 'dts-avro' ? createDtsAvroFormat(options) : createSharePlexJsonFormat(options);
}

export type { EncodeContext, EncodedMessage, Format, FormatName } from './format';
export { FORMAT_NAMES } from './format';
export { FormatEncodeError } from './format-error';
export { messageKey, identityKeyText, keyText, keyTextAt } from './message-key';
export { objectName } from './object-name';
export { dtsRecordType } from './dts-avro/avro-type';
export { dtsRegistrySchema } from './dts-avro/registry-schema';
export { DTS_AVRO_SCHEMA } from './dts-avro/record-schema';
export { decodeRecord } from './decode';
export { RecordDecodeError, splitObjectName, type DecodedImage, type DecodedOp, type DecodedRecord } from './decoded-record';
export { columnText, imageText, type ImageText } from './image-text';
