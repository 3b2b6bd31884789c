import { describe, expect, it } from 'vitest';
import iconv from 'iconv-lite';
import type { ChangeEvent } from '../../model/change-event';
import { FormatEncodeError } from '../format-error';
import { allTypesInsert, column, dateTime, employeeDdl, employeeDelete, employeeInit, employeeInsert, employeeUpdate } from '../fixtures/events';
import { dtsRecordType } from './avro-type';
import { createDtsAvroFormat } from './dts-avro-format';
import { decodeDtsAvro } from './dts-avro-decode';
import { decodingType } from '../../../test/support/formats/dts-avro-reference-type';

const NS = 'com.alibaba.dts.formats.avro.';
const format = createDtsAvroFormat({ sourceVersion: '19.0.0.0.0' });
const encode = (e: ChangeEvent, recordId = 42) => format.encode(e, { recordId, nowMs: 1763900000123, safeScn: 5012001n });
/** Decoded with avsc from the reference schema file when present (see test/support/formats/dts-avro-reference-type.ts). */
const decode = (value: Buffer) => plain(decodingType().type.fromBuffer(value));

/** avsc decodes to class instances and Buffers; compare as plain data. */
function plain(v: unknown): unknown {
  if (Buffer.isBuffer(v)) return { bytes: [...v] };
  if (Array.isArray(v)) return v.map(plain);
  if (v && typeof v === 'object') return Object.fromEntries(Object.entries(v).map(([k, x]) => [k, plain(x)]));
  return v;
}
const m = (member: string, value: unknown) => ({ [NS + member]: value });
const dt = (y: number, mo: number, d: number, h: number, mi: number, s: number, millis: number | null) => ({
  year: y, month: mo, day: d, hour: h, minute: mi, second: s, millis,
});
const utf8 = (s: string) => ({ bytes: [...Buffer.from(s, 'utf8')] });

describe('DTS Avro encoder', () => {
  it('writes bytes identical to avsc encoding the same record', () => {
    for (const e of [employeeInsert, employeeUpdate, employeeDelete, employeeInit, employeeDdl, allTypesInsert]) {
      const { value } = encode(e);
      const record = dtsRecordType().fromBuffer(value);
      expect(dtsRecordType().toBuffer(record).equals(value), e.op).toBe(true);
    }
  });

  it('fills the record header from the event and the context', () => {
    const r = decode(encode(employeeUpdate, 1041).value) as Record<string, unknown>;
    expect(r).toMatchObject({
      version: 0,
      id: 1041,
      sourceTimestamp: 1763900000,
      sourcePosition: '5012345@5012350@2',
      safeSourcePosition: '5012001@5012350@2',
      sourceTxid: '0A001F00D3040000',
      source: { sourceType: 'Oracle', version: '19.0.0.0.0' },
      operation: 'UPDATE',
      objectName: 'HR.EMPLOYEES',
      processTimestamps: null,
      bornTimestamp: 1763900000000,
    });
    expect(r.tags).toEqual({
      pk_uk_info: '{"PRIMARY":["ID"],"UK_1":["EMAIL"]}',
      metaVersion: expect.stringMatching(/^\d+$/),
      readerThroughoutTime: '1763900000123',
    });
    expect((r.fields as unknown[]).slice(0, 2)).toEqual([
      { name: 'ID', dataTypeNumber: 2 },
      { name: 'FIRST_NAME', dataTypeNumber: 1 },
    ]);
  });

  it('marks columns absent from the redo record as EmptyObject NONE and SQL NULL as null', () => {
    const r = decode(encode(employeeUpdate).value) as { beforeImages: unknown[]; afterImages: unknown[] };
    expect(r.beforeImages[1]).toEqual(m('EmptyObject', 'NONE'));
    expect(r.afterImages[5]).toEqual(m('Decimal', { value: '1200.50', precision: 10, scale: 2 }));
    const ins = decode(encode(employeeInsert).value) as { beforeImages: unknown; afterImages: unknown[] };
    expect(ins.beforeImages).toBeNull();
    expect(ins.afterImages[6]).toBeNull();
  });

  it('puts each image on the side its operation has', () => {
    const del = decode(encode(employeeDelete).value) as Record<string, unknown>;
    expect(del.operation).toBe('DELETE');
    expect(del.afterImages).toBeNull();
    expect((del.beforeImages as unknown[]).length).toBe(10);
    const init = decode(encode(employeeInit).value) as Record<string, unknown>;
    expect(init).toMatchObject({ operation: 'INIT', beforeImages: null, sourceTxid: '0', sourcePosition: '5000000@5000000@1' });
    expect((init.afterImages as unknown[]).length).toBe(10);
  });

  it('writes DDL as the DDL text with no fields', () => {
    const r = decode(encode(employeeDdl).value) as Record<string, unknown>;
    expect(r).toMatchObject({
      operation: 'DDL',
      objectName: 'HR.EMPLOYEES',
      fields: null,
      beforeImages: null,
      afterImages: 'ALTER TABLE "HR"."EMPLOYEES" ADD ("BONUS" NUMBER(8,2))',
      tags: { readerThroughoutTime: '1763900000123' },
    });
    expect(encode(employeeDdl).key).toBeNull();
    const schemaDdl = decode(encode({ ...employeeDdl, table: '', ddl: 'CREATE USER X' }).value) as Record<string, unknown>;
    expect(schemaDdl.objectName).toBe('HR');
  });

  it('uses the right union member for every Oracle type', () => {
    const r = decode(encode(allTypesInsert).value) as { objectName: string; fields: { name: string; dataTypeNumber: number }[]; afterImages: unknown[] };
    expect(r.objectName).toBe('APP.ALL\\u002ETYPES');
    expect(r.fields.map((f) => f.dataTypeNumber)).toEqual([
      2, 2, 2, 2, 2, 2, 100, 101, 96, 96, 1, 1, 12, 180, 181, 181, 231, 182, 183, 23, 8, 24, 112, 112, 113, 69, 208, 58,
    ]);
    expect(r.afterImages).toEqual([
      m('Integer', { precision: 10, value: '1' }),
      m('Decimal', { value: '-12.500', precision: 12, scale: 3 }),
      m('Decimal', { value: '-0.05', precision: 1, scale: 2 }),
      m('Integer', { precision: 38, value: '123456789012345678901234567890' }),
      m('Integer', { precision: 5, value: '1200' }),
      m('Decimal', { value: '3.14159', precision: 6, scale: 5 }),
      m('Float', { value: 0.10000000149011612, precision: 9, scale: 0 }),
      m('Float', { value: -2.5e-300, precision: 17, scale: 0 }),
      m('Character', { charset: 'utf8', value: utf8('A   ') }),
      m('Character', { charset: 'utf8', value: utf8('Ж') }),
      m('Character', { charset: 'utf8', value: utf8('héllo, 世界') }),
      m('Character', { charset: 'utf8', value: utf8('🙂') }),
      m('DateTime', dt(2024, 3, 1, 8, 5, 9, null)),
      m('DateTime', dt(2024, 3, 1, 8, 5, 9, 123456789)),
      m('TimestampWithTimeZone', { value: dt(2024, 3, 1, 8, 5, 9, 500000000), timezone: '+08:00' }),
      m('TimestampWithTimeZone', { value: dt(2024, 3, 1, 8, 5, 9, 0), timezone: 'Asia/Shanghai' }),
      m('TimestampWithTimeZone', { value: dt(2024, 3, 1, 0, 5, 9, 0), timezone: '+00:00' }),
      m('Character', { charset: 'utf8', value: utf8('+02-03') }),
      m('Character', { charset: 'utf8', value: utf8('+01 02:03:04.500000') }),
      m('BinaryObject', { type: 'RAW', value: { bytes: [0x00, 0xff, 0x10] } }),
      m('Character', { charset: 'utf8', value: utf8('long text') }),
      m('BinaryObject', { type: 'LONG_RAW', value: { bytes: [0xde, 0xad] } }),
      m('TextObject', { type: 'TEXT', value: 'clob text' }),
      m('TextObject', { type: 'TEXT', value: 'nclob ☃' }),
      m('BinaryObject', { type: 'BLOB', value: { bytes: [1, 2, 3, 4] } }),
      m('TextObject', { type: 'ROWID', value: 'AAAR3sAAEAAAACXAAA' }),
      m('TextObject', { type: 'UROWID', value: '*BAMAAJMCwQIA' }),
      m('TextObject', { type: 'XML', value: '<a>1</a>' }),
    ]);
  });

  it('keeps SCNs beyond 2^53 exact in the positions', () => {
    const r = decode(encode(allTypesInsert).value) as Record<string, unknown>;
    expect(r.sourcePosition).toBe('9007199254740993@9007199254740999@1');
  });

  it('encodes long, non-ASCII and large values', () => {
    const big = 'ü'.repeat(5000);
    const e: ChangeEvent = { ...employeeInsert, after: employeeInsert.after!.map((v, i) => (i === 9 ? big : v)) };
    const r = decode(encode(e, 2 ** 52).value) as { id: number; afterImages: unknown[] };
    expect(r.id).toBe(2 ** 52);
    expect(r.afterImages[9]).toEqual(m('Character', { charset: 'utf8', value: utf8(big) }));
  });

  it('changes metaVersion when the column list changes and keeps it otherwise', () => {
    const tags = (e: ChangeEvent) => (decode(encode(e).value) as { tags: Record<string, string> }).tags;
    const v1 = tags(employeeInsert).metaVersion;
    expect(tags({ ...employeeInsert, columns: [...employeeInsert.columns] }).metaVersion).toBe(v1);
    const widened = employeeInsert.columns.map((c) => (c.name === 'SALARY' ? column('SALARY', 'NUMBER', 12, 2) : c));
    expect(tags({ ...employeeInsert, columns: widened }).metaVersion).not.toBe(v1);
    expect(tags({ ...employeeInsert, primaryKey: null, uniqueKeys: [] }).pk_uk_info).toBe('{}');
  });

  it('rejects a value whose shape does not match its column type, naming the column', () => {
    const bad: ChangeEvent = { ...employeeInsert, after: employeeInsert.after!.map((v, i) => (i === 5 ? 1000 : v)) };
    expect(() => encode(bad)).toThrowError(FormatEncodeError);
    expect(() => encode(bad)).toThrowError(/HR\.EMPLOYEES\.SALARY \(NUMBER\) holds the number 1000/);
    const noTz: ChangeEvent = { ...allTypesInsert, after: allTypesInsert.after!.map((v, i) => (i === 14 ? dateTime() : v)) };
    expect(() => encode(noTz)).toThrowError(/TSTZ/);
    // the writer recovers: the next record encodes normally
    expect(decode(encode(employeeInsert).value)).toMatchObject({ operation: 'INSERT' });
  });

  it('rejects an image that does not align with the columns', () => {
    expect(() => encode({ ...employeeInsert, after: ['7'] })).toThrowError(/1 after-image values for 10 columns/);
    expect(() => encode({ ...employeeUpdate, before: null })).toThrowError(FormatEncodeError);
  });

  it('rejects record ids that are not safe non-negative integers', () => {
    expect(() => format.encode(employeeInsert, { recordId: 1.5 })).toThrowError(RangeError);
    expect(() => format.encode(employeeInsert, { recordId: 2 ** 53 })).toThrowError(RangeError);
  });

  it('keys the message by the primary-key values', () => {
    expect(encode(employeeInsert).key?.toString()).toBe('7');
  });
});

describe('DTS Avro Actual Write Code', () => {
  const chinese: ChangeEvent = { ...employeeInsert, after: ['7', '张', '伟', 'ZW', employeeInsert.after![4], '1000.00', null, '90', employeeInsert.after![8], '备注：中文'] };
  const characters = (r: Record<string, unknown>) =>
    (r.afterImages as Record<string, { charset: string; value: { bytes: number[] } }>[]).map((img) => img?.[NS + 'Character']).filter(Boolean);

  it('writes Character values in GBK with charset "gbk", which decode back to the source text', () => {
    const gbk = createDtsAvroFormat({ sourceVersion: '19.0.0.0.0', writeCharset: 'gbk' });
    const r = decode(gbk.encode(chinese, { recordId: 1, nowMs: 0 }).value) as Record<string, unknown>;
    const values = characters(r);
    expect(values.map((c) => c.charset)).toEqual(['gbk', 'gbk', 'gbk', 'gbk']);
    expect(values.map((c) => iconv.decode(Buffer.from(c.value.bytes), 'gbk'))).toEqual(['张', '伟', 'ZW', '备注：中文']);
    // Not UTF-8: 张 is D5 C5 in GBK (E5 BC A0 in UTF-8).
    expect(values[0].value.bytes).toEqual([0xd5, 0xc5]);
  });

  it('reads Character values back in their charset (verification and the topic browser see the source text)', () => {
    for (const writeCharset of ['gbk', 'gb18030', 'big5', 'UTF-16BE', 'utf8'] as const) {
      const text = writeCharset === 'big5' ? ['張', '偉', 'ZW', '備註'] : ['张', '伟', 'ZW', '备注：中文'];
      const event: ChangeEvent = { ...chinese, after: chinese.after!.map((v, i) => (i === 1 ? text[0]! : i === 2 ? text[1]! : i === 3 ? text[2]! : i === 9 ? text[3]! : v)) };
      const back = decodeDtsAvro(createDtsAvroFormat({ sourceVersion: '19.0.0.0.0', writeCharset }).encode(event, { recordId: 1, nowMs: 0 }).value);
      expect([1, 2, 3, 9].map((i) => back.after![i]), writeCharset).toEqual(text);
    }
    const latin = { ...employeeInsert, after: employeeInsert.after!.map((v, i) => (i === 1 ? 'Renée' : v)) };
    expect(decodeDtsAvro(createDtsAvroFormat({ sourceVersion: '19.0.0.0.0', writeCharset: 'ISO-8859-1' }).encode(latin, { recordId: 1, nowMs: 0 }).value).after![1]).toBe('Renée');
  });

  it('stops at a character the Actual Write Code lacks, naming table, column, key and SCN', () => {
    const gbk = createDtsAvroFormat({ sourceVersion: '19.0.0.0.0', writeCharset: 'gbk' });
    const smiley: ChangeEvent = { ...chinese, after: chinese.after!.map((v, i) => (i === 2 ? 'Ng 😀' : v)) };
    let error: unknown;
    try {
      gbk.encode(smiley, { recordId: 1 });
    } catch (e) {
      error = e;
    }
    expect(error).toBeInstanceOf(FormatEncodeError);
    expect((error as Error).message).toBe('Actual Write Code GBK has no encoding for "😀" (U+1F600) in column HR.EMPLOYEES.LAST_NAME of the row with key ID = 7 (INSERT at SCN 5012345)');
    const replacing = createDtsAvroFormat({ sourceVersion: '19.0.0.0.0', writeCharset: 'gbk', unencodableCharacters: 'replace' });
    const values = characters(decode(replacing.encode(smiley, { recordId: 1 }).value) as Record<string, unknown>);
    expect(iconv.decode(Buffer.from(values[1].value.bytes), 'gbk')).toBe('Ng ?');
  });

  it('keeps UTF-8 and its charset name by default', () => {
    const values = characters(decode(encode(chinese).value) as Record<string, unknown>);
    expect(values[0]).toEqual({ charset: 'utf8', value: utf8('张') });
  });
});
