import { describe, expect, it } from 'vitest';
import { parseExtendedBegin, parseExtendedWrite, parseLobErase, parseLobLocator, parseLobTrim, parseLobWrite, parseXmlBegin, parseXmlWrite } from './lob-redo';
import { LobValue } from './lob-value';

describe('LOB redo fragments', () => {
  it('reads the column, table and key of SELECT_LOB_LOCATOR', () => {
    const sql =
      'DECLARE loc_c CLOB; buf_c VARCHAR2(6174); loc_b BLOB; buf_b RAW(6174); loc_nc NCLOB; buf_nc NVARCHAR2(6174); ' +
      `BEGIN select "VAL_CLOB" into loc_c from "DEBEZIUM"."CLOB_TEST" where "ID" = '2' and "VAL_DATA" = 'Test2' for update;`;
    expect(parseLobLocator(sql)).toEqual({
      column: 'VAL_CLOB', owner: 'DEBEZIUM', table: 'CLOB_TEST', where: { names: ['ID', 'VAL_DATA'], values: ['2', 'Test2'], quoted: [true, true] },
    });
    expect(parseLobLocator('select 1 from dual')).toBeNull();
  });

  it('reads LOB_WRITE text (with doubled quotes and semicolons) and HEXTORAW pieces', () => {
    expect(parseLobWrite(" buf_c := 'it''s; fine';\n  dbms_lob.write(loc_c, 10, 1001, buf_c);")).toEqual({ raw: "it's; fine", quoted: true, amount: 10, offset: 1001 });
    expect(parseLobWrite(" buf_b := HEXTORAW('0a0b');\n  dbms_lob.write(loc_b, 2, 1, buf_b);")).toEqual({ raw: "HEXTORAW('0a0b')", quoted: false, amount: 2, offset: 1 });
    expect(parseLobWrite('nothing')).toBeNull();
    expect(parseLobTrim(' dbms_lob.trim(loc_c, 20);')).toBe(20);
    expect(parseLobErase(' dbms_lob.erase(loc_b, 10, 5);')).toEqual({ amount: 10, offset: 5 });
  });
});

describe('LobValue', () => {
  it('appends in-order writes and splices the rest', () => {
    const v = new LobValue('text');
    v.write(1, 'abc');
    v.write(4, 'déf');
    expect(v.value()).toBe('abcdéf');
    v.write(3, 'Z');
    expect(v.value()).toBe('abZdéf');
    v.write(9, '!');
    expect(v.value()).toBe('abZdéf  !');
    v.trim(4);
    v.erase(1, 2);
    expect(v.value()).toBe('a Zd');
    const b = new LobValue('bytes');
    b.write(1, new Uint8Array([1, 2]));
    b.write(3, new Uint8Array([3]));
    b.write(6, new Uint8Array([6]));
    expect(Array.from(b.value() as Uint8Array)).toEqual([1, 2, 3, 0, 0, 6]);
  });

  // Forms recorded from real LogMiner (Debezium's ExtendedStringParserTest, XmlBeginParserTest, XmlWriteParserTest).
  it('reads 32K_BEGIN with and without a table alias, and 32K_WRITE pieces', () => {
    const begin = (set: string, where: string) =>
      `DECLARE\n TempLob CLOB;\n buf_c   VARCHAR2(32767);\n Stmt    CLOB;\nBEGIN\n DBMS_LOB.CreateTemporary(TempLob, FALSE);\n Stmt := 'update "DEBEZIUM"."TEST_TABLE" ${set} = :DATA where ${where} = ''1'';';`;
    for (const sql of [begin('a set a."DATA"', 'a."ID"'), begin('set "DATA"', '"ID"')]) {
      expect(parseExtendedBegin(sql)).toMatchObject({ column: 'DATA', owner: 'DEBEZIUM', table: 'TEST_TABLE', where: { names: ['ID'], values: ['1'] } });
    }
    expect(parseExtendedWrite(`\n buf_c := 'it''s long';\n DBMS_LOB.WriteAppend(TempLob, 9, buf_c);`)).toEqual({ raw: "it's long", quoted: true });
    expect(parseExtendedWrite(`\n buf_c := HEXTORAW('0aff');\n DBMS_LOB.WriteAppend(TempLob, 2, buf_c);`)).toEqual({ raw: "HEXTORAW('0aff')", quoted: false });
  });

  it('reads XML DOC BEGIN and the three XML_REDO forms', () => {
    expect(parseXmlBegin(`XML DOC BEGIN:  select "DATA" from "DEBEZIUM"."XML_TEST" where "ID" = '1'`)).toMatchObject({ column: 'DATA', owner: 'DEBEZIUM', table: 'XML_TEST' });
    expect(parseXmlWrite(`XML_REDO := HEXTORAW('3c726f6f743ec3843c2f726f6f743e'):15`)).toEqual({ kind: 'bytes', bytes: Buffer.from('<root>Ä</root>') });
    expect(parseXmlWrite(`XML_REDO := '<a>it''s</a>':11`)).toEqual({ kind: 'text', text: "<a>it's</a>" });
    expect(parseXmlWrite('XML_REDO := NULL')).toEqual({ kind: 'null' });
    expect(parseXmlWrite('not xml')).toBeNull();
  });
});
