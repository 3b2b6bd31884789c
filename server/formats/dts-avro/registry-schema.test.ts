import avro from 'avsc';
import { describe, expect, it } from 'vitest';
import { decodingType } from '../../../test/support/formats/dts-avro-reference-type';
import { allTypesInsert, employeeDdl, employeeUpdate } from '../fixtures/events';
import { createDtsAvroFormat } from './dts-avro-format';
import { dtsRegistrySchema } from './registry-schema';

describe('dtsRegistrySchema', () => {
  const schema = JSON.parse(dtsRegistrySchema()) as { type: string; name: string };

  it('is the Record type itself, not the schema file’s top-level union', () => {
    expect(Array.isArray(schema)).toBe(false);
    expect(schema).toMatchObject({ type: 'record', name: 'com.alibaba.dts.formats.avro.Record' });
  });

  it('decodes what the encoder writes exactly as the reference schema does (a Confluent consumer’s view)', () => {
    // A fresh avsc parse with no shared registry: the schema must be self-contained.
    const standalone = avro.Type.forSchema(schema as avro.Schema, { wrapUnions: 'auto' });
    const format = createDtsAvroFormat({ sourceVersion: '19.0.0.0.0' });
    for (const event of [allTypesInsert, employeeUpdate, employeeDdl]) {
      const { value } = format.encode(event, { recordId: 7, nowMs: 1, safeScn: 5n });
      expect(standalone.fromBuffer(value)).toEqual(decodingType().type.fromBuffer(value));
    }
    expect(standalone.fingerprint().toString('hex')).toBe(decodingType().type.fingerprint().toString('hex'));
  });
});
