import type { TaskConfig } from '../model/task-config';
import { decodeRecord, type DecodedRecord } from '../formats';
import { unframeConfluent } from '../kafka/confluent-frame';

/**
 * A task's message values back to records: the task's format, with the Confluent frame (magic 0,
 * schema id) stripped first when the task registers its DTS Avro schema in a Schema Registry.
 *   00 00 00 00 07 | <Avro Record>  → decodeRecord('dts-avro', <Avro Record>)
 */
export function recordReader(config: Pick<TaskConfig, 'dataFormat' | 'destination'>): (value: Buffer) => DecodedRecord {
  const framed = config.dataFormat === 'dts-avro' && config.destination.schemaRegistry.enabled;
  return (value) => decodeRecord(config.dataFormat, framed ? unframeConfluent(value).payload : value);
}
