/**
 * The Confluent wire format of a value registered in a Schema Registry: magic byte 0, schema id as
 * 4 bytes big-endian, then the Avro binary. Schema id 7 and Avro bytes 02 61 become:
 *
 *   00 | 00 00 00 07 | 02 61
 *
 * Pure bytes, no client: the engine's encoder frames each value with it.
 */
export const CONFLUENT_MAGIC = 0;

export function frameConfluent(schemaId: number, avro: Uint8Array): Buffer {
  if (!Number.isInteger(schemaId) || schemaId < 0 || schemaId > 0x7fffffff) throw new RangeError(`schema id ${schemaId} is not a registry id`);
  const out = Buffer.allocUnsafe(5 + avro.length);
  out.writeUInt8(CONFLUENT_MAGIC, 0);
  out.writeInt32BE(schemaId, 1);
  out.set(avro, 5);
  return out;
}

export function unframeConfluent(buf: Uint8Array): { schemaId: number; payload: Buffer } {
  const b = Buffer.from(buf.buffer, buf.byteOffset, buf.byteLength);
  if (b.length < 5 || b[0] !== CONFLUENT_MAGIC) throw new Error('not a Confluent-framed value (magic byte 0 and a 4-byte schema id expected)');
  return { schemaId: b.readInt32BE(1), payload: b.subarray(5) };
}
