import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import type { ChangeEvent } from '../model/change-event';
import { decodingType } from '../../test/support/formats/dts-avro-reference-type';
import { allTypesInsert, employeeDdl, employeeDelete, employeeInit, employeeInsert, employeeUpdate } from './fixtures/events';
import type { EncodeContext } from './format';
import { createFormat } from './index';

/**
 * Golden bytes: each representative event must encode to exactly the bytes stored under
 * fixtures/<format>/. DTS Avro records are also decoded with avsc (from the reference schema when
 * ../shared is present) and compared with the reviewed .decoded.json beside them.
 * After an intended change: `UPDATE_GOLDEN=1 npx vitest run server/formats/golden.test.ts`, then
 * review the fixture diff before committing.
 */
const UPDATE = process.env.UPDATE_GOLDEN === '1';
const DIR = path.join(import.meta.dirname, 'fixtures');
const CTX: EncodeContext = { recordId: 1041, nowMs: 1763900000123, safeScn: 5012001n };

const EVENTS: Record<string, ChangeEvent> = {
  'employee-insert': employeeInsert,
  'employee-update': employeeUpdate,
  'employee-delete': employeeDelete,
  'employee-init': employeeInit,
  'employee-ddl': employeeDdl,
  'all-types-insert': allTypesInsert,
};

function golden(file: string, actual: string): string {
  const p = path.join(DIR, file);
  if (UPDATE || !existsSync(p)) {
    if (!UPDATE) throw new Error(`missing golden file ${p}; run with UPDATE_GOLDEN=1 to create it`);
    mkdirSync(path.dirname(p), { recursive: true });
    writeFileSync(p, actual);
  }
  return readFileSync(p, 'utf8');
}

const hexLines = (b: Buffer) => (b.toString('hex').match(/.{1,64}/g) ?? []).join('\n') + '\n';

/** avsc's decoded record as reviewable JSON: Buffers as hex strings. */
function decodedJson(value: Buffer): string {
  const record = decodingType().type.fromBuffer(value);
  return JSON.stringify(record, (_k, v) => (v && v.type === 'Buffer' && Array.isArray(v.data) ? `hex:${Buffer.from(v.data).toString('hex')}` : v), 2) + '\n';
}

describe('golden DTS Avro bytes', () => {
  const format = createFormat({ name: 'dts-avro', sourceVersion: '19.0.0.0.0' });
  for (const [name, event] of Object.entries(EVENTS)) {
    it(name, () => {
      const { key, value } = format.encode(event, CTX);
      expect(hexLines(value)).toBe(golden(`dts-avro/${name}.hex`, hexLines(value)));
      expect(decodedJson(value)).toBe(golden(`dts-avro/${name}.decoded.json`, decodedJson(value)));
      expect(key === null ? null : key.toString('utf8')).toBe(event.op === 'DDL' ? null : event.after?.[0] ?? event.before?.[0]);
    });
  }
});

describe('golden SharePlex JSON bytes', () => {
  const format = createFormat({ name: 'shareplex-json', resolveUserId: (n) => (n === 'HR' ? 84 : undefined) });
  for (const [name, event] of Object.entries(EVENTS)) {
    it(name, () => {
      const text = format.encode(event, CTX).value.toString('utf8');
      expect(text).toBe(golden(`shareplex-json/${name}.json`, text));
      expect(() => JSON.parse(text)).not.toThrow();
    });
  }
});
