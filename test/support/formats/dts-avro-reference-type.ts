import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';
import type avro from 'avsc';
import { compileRecordType } from '../../../server/formats/dts-avro/avro-type';
import { DTS_AVRO_SCHEMA } from '../../../server/formats/dts-avro/record-schema';

/**
 * For tests only: the DTS Avro Record type to DECODE with. It is compiled from the public
 * reference schema in ../shared when that checkout is present (so a drifted copy cannot hide a
 * bug), else from our own copy — users clone the product without ../shared.
 */
export const REPO_ROOT = path.resolve(import.meta.dirname, '../../..');
export const REFERENCE_SCHEMA_PATH = path.resolve(REPO_ROOT, '../shared/reference/dts-avro-Record.avsc');
export const hasReferenceSchema = existsSync(REFERENCE_SCHEMA_PATH);

export function readReferenceSchema(): unknown {
  return JSON.parse(readFileSync(REFERENCE_SCHEMA_PATH, 'utf8'));
}

let cached: { type: avro.Type; source: 'reference' | 'copy' } | undefined;

export function decodingType(): { type: avro.Type; source: 'reference' | 'copy' } {
  cached ??= hasReferenceSchema
    ? { type: compileRecordType(readReferenceSchema()), source: 'reference' }
    : { type: compileRecordType(DTS_AVRO_SCHEMA), source: 'copy' };
  return cached;
}
