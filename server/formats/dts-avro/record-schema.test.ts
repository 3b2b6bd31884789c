import { describe, expect, it } from 'vitest';
import { compileRecordType } from './avro-type';
import { DTS_AVRO_SCHEMA, IMAGE_MEMBERS, OPERATIONS, SOURCE_TYPES } from './record-schema';
import { hasReferenceSchema, readReferenceSchema, REFERENCE_SCHEMA_PATH } from '../../../test/support/formats/dts-avro-reference-type';

describe.skipIf(!hasReferenceSchema)(
  hasReferenceSchema
    ? `our DTS Avro schema copy vs the reference ${REFERENCE_SCHEMA_PATH}`
    : `our DTS Avro schema copy vs the reference — SKIPPED: ${REFERENCE_SCHEMA_PATH} is absent (check out ../shared beside the repo to run it)`,
  () => {
    it('is the same JSON structure, docs and defaults included', () => {
      expect(DTS_AVRO_SCHEMA).toEqual(readReferenceSchema());
    });

    it('compiles to a Record type with the same canonical form and fingerprint', () => {
      const ours = compileRecordType(DTS_AVRO_SCHEMA);
      const reference = compileRecordType(readReferenceSchema());
      expect(ours.schema()).toEqual(reference.schema());
      expect(ours.fingerprint('sha256').toString('hex')).toBe(reference.fingerprint('sha256').toString('hex'));
    });
  },
);

describe('our DTS Avro schema copy on its own', () => {
  it('exposes the enum symbol and image member orders the encoder relies on', () => {
    const type = compileRecordType(DTS_AVRO_SCHEMA) as unknown as {
      field(name: string): { type: { types: { itemsType: { types: { name?: string; typeName: string }[] } }[] } };
    };
    const element = type.field('afterImages').type.types[2].itemsType.types;
    expect(element.map((t) => t.name ?? t.typeName)).toEqual([
      'null',
      ...IMAGE_MEMBERS.map((m) => `com.alibaba.dts.formats.avro.${m}`),
    ]);
    expect(SOURCE_TYPES[1]).toBe('Oracle');
    expect(OPERATIONS.indexOf('INIT')).toBe(16);
  });
});
