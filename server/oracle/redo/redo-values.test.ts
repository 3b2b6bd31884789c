import { describe, expect, it } from 'vitest';
import type { ColumnMeta, ColumnValue, OracleDateTime, OracleType } from '../../model/oracle-types';
import { ORACLE_TYPES } from '../../model/oracle-types';
import { convertRedoValue, formatRedoLiteral, RedoValueError } from './redo-values';
import { parseRedoColumns } from './redo-parser';

function col(type: OracleType, extra: Partial<ColumnMeta> = {}): ColumnMeta {
  return { name: 'C', type, dataLength: 0, charLength: 0, precision: null, scale: null, nullable: true, defaultValue: null, ...extra };
}

function dt(year: number, month: number, day: number, hour = 0, minute = 0, second = 0, nanos = 0, tz?: string): OracleDateTime {
  return tz === undefined ? { year, month, day, hour, minute, second, nanos } : { year, month, day, hour, minute, second, nanos, tz };
}

const bytes = (...b: number[]) => new Uint8Array(b);

describe('convertRedoValue', () => {
  const cases: [string, ColumnMeta, string | null, boolean | undefined, ColumnValue | undefined][] = [
    ['NULL', col('NUMBER'), null, false, null],
    ['Unsupported Type', col('VARCHAR2'), 'Unsupported Type', false, undefined],
    ['Unsupported Type as quoted text', col('VARCHAR2'), 'Unsupported Type', true, 'Unsupported Type'],
    ['NUMBER integer', col('NUMBER'), '42', true, '42'],
    ['NUMBER leading dot', col('NUMBER'), '.5', true, '0.5'],
    ['NUMBER negative leading dot', col('NUMBER'), '-.005', true, '-0.005'],
    ['NUMBER trailing zeros', col('NUMBER'), '-12.750', true, '-12.75'],
    ['NUMBER exponent', col('NUMBER'), '1.5E+40', true, '15' + '0'.repeat(39)],
    ['NUMBER small exponent', col('NUMBER'), '1.2E-05', true, '0.000012'],
    ['NUMBER 38 digits stays exact', col('NUMBER'), '12345678901234567890123456789012345678', true, '12345678901234567890123456789012345678'],
    ['NUMBER unquoted', col('NUMBER'), '7', false, '7'],
    ['NUMBER negative zero', col('NUMBER'), '-0', true, '0'],
    ['FLOAT', col('FLOAT'), '3.140', true, '3.14'],
    ['BINARY_DOUBLE', col('BINARY_DOUBLE'), '1.5E+000', true, 1.5],
    ['BINARY_DOUBLE exponent', col('BINARY_DOUBLE'), '1.23456E+003', true, 1234.56],
    ['BINARY_DOUBLE Nan', col('BINARY_DOUBLE'), 'Nan', true, NaN],
    ['BINARY_DOUBLE Inf', col('BINARY_DOUBLE'), 'Inf', true, Infinity],
    ['BINARY_DOUBLE -Inf', col('BINARY_DOUBLE'), '-Inf', true, -Infinity],
    ['BINARY_DOUBLE zero', col('BINARY_DOUBLE'), '0', true, 0],
    ['BINARY_FLOAT as Oracle shows it', col('BINARY_FLOAT'), '1.10000002E+000', true, Math.fround(1.1)],
    ['VARCHAR2', col('VARCHAR2'), "it's", true, "it's"],
    ['VARCHAR2 whose text looks like UNISTR', col('VARCHAR2'), String.raw`UNISTR('\00E9')`, true, String.raw`UNISTR('\00E9')`],
    ['NVARCHAR2 UNISTR', col('NVARCHAR2'), String.raw`UNISTR('caf\00E9')`, false, 'café'],
    ['NVARCHAR2 UNISTR, quoted flag unknown', col('NVARCHAR2'), String.raw`UNISTR('caf\00E9')`, undefined, 'café'],
    ['NVARCHAR2 concatenation', col('NVARCHAR2'), String.raw`UNISTR('\041C\0438') || UNISTR('\0440')`, false, 'Мир'],
    ['NVARCHAR2 surrogate pair and backslash', col('NVARCHAR2'), String.raw`UNISTR('\D83D\DE00 a\\b \005C')`, false, '😀 a\\b \\'],
    ['NVARCHAR2 literal mixed with UNISTR', col('NVARCHAR2'), String.raw`'caf' || UNISTR('\00E9') || 'it''s'`, false, "caféit's"],
    ['NVARCHAR2 UNISTR keeps parentheses', col('NVARCHAR2'), String.raw`UNISTR('\5317(\FF09x')`, false, '北(）x'],
    ['CHAR keeps padding', col('CHAR'), 'ab  ', true, 'ab  '],
    ['CLOB empty', col('CLOB'), 'EMPTY_CLOB()', false, ''],
    ['NCLOB empty', col('NCLOB'), 'EMPTY_CLOB()', false, ''],
    ['VARCHAR2 bare number (schema mismatch)', col('VARCHAR2'), '1', false, '1'],
    ['RAW', col('RAW'), "HEXTORAW('0a1b')", false, bytes(10, 27)],
    ['RAW odd digit count', col('RAW'), "HEXTORAW('a')", false, bytes(10)],
    ['RAW upper case', col('RAW'), "HEXTORAW('0E')", false, bytes(14)],
    ['BLOB empty', col('BLOB'), 'EMPTY_BLOB()', false, bytes()],
    ['BLOB', col('BLOB'), "HEXTORAW('00ff')", false, bytes(0, 255)],
    ['RAW as quoted hex', col('RAW'), '0A1B', true, bytes(10, 27)],
    ['RAW call even when flagged quoted', col('RAW'), "HEXTORAW('0a1b')", true, bytes(10, 27)],
    ['DATE', col('DATE'), "TO_DATE('2020-02-01 13:45:07', 'YYYY-MM-DD HH24:MI:SS')", false, dt(2020, 2, 1, 13, 45, 7)],
    ['DATE default NLS', col('DATE'), "TO_DATE('01-FEB-20')", false, dt(2020, 2, 1)],
    ['TIMESTAMP(0) trailing dot', col('TIMESTAMP', { scale: 0 }), "TO_TIMESTAMP('2020-02-01 00:00:00.')", false, dt(2020, 2, 1)],
    ['TIMESTAMP(6)', col('TIMESTAMP'), "TO_TIMESTAMP('2020-02-01 10:11:12.123456')", false, dt(2020, 2, 1, 10, 11, 12, 123456000)],
    ['TIMESTAMP(9)', col('TIMESTAMP', { scale: 9 }), "TO_TIMESTAMP('2020-02-01 10:11:12.123456789')", false, dt(2020, 2, 1, 10, 11, 12, 123456789)],
    ['TIMESTAMP no fraction', col('TIMESTAMP'), "TO_TIMESTAMP('2020-02-01 10:11:12')", false, dt(2020, 2, 1, 10, 11, 12)],
    ['TIMESTAMP default NLS PM', col('TIMESTAMP'), "TO_TIMESTAMP('01-FEB-20 01.02.03.500000 PM')", false, dt(2020, 2, 1, 13, 2, 3, 500000000)],
    ['TIMESTAMP default NLS 12 AM', col('TIMESTAMP'), "TO_TIMESTAMP('01-FEB-20 12.00.00.000000 AM')", false, dt(2020, 2, 1)],
    ['TIMESTAMP with explicit format', col('TIMESTAMP'), "TO_TIMESTAMP('2020-02-01 10:11:12.5', 'YYYY-MM-DD HH24:MI:SS.FF')", false, dt(2020, 2, 1, 10, 11, 12, 500000000)],
    ['TSTZ offset', col('TIMESTAMP WITH TIME ZONE'), "TO_TIMESTAMP_TZ('2020-02-01 00:00:00.000000 +08:00')", false, dt(2020, 2, 1, 0, 0, 0, 0, '+08:00')],
    ['TSTZ negative short offset', col('TIMESTAMP WITH TIME ZONE'), "TO_TIMESTAMP_TZ('2020-02-01 00:00:00.25 -5:30')", false, dt(2020, 2, 1, 0, 0, 0, 250000000, '-05:30')],
    ['TSTZ region', col('TIMESTAMP WITH TIME ZONE'), "TO_TIMESTAMP_TZ('2020-02-01 00:00:00.000000 Asia/Shanghai')", false, dt(2020, 2, 1, 0, 0, 0, 0, 'Asia/Shanghai')],
    ['TSTZ region with abbreviation', col('TIMESTAMP WITH TIME ZONE'), "TO_TIMESTAMP_TZ('2020-07-01 00:00:00.000000 US/Pacific PDT')", false, dt(2020, 7, 1, 0, 0, 0, 0, 'US/Pacific')],
    ['TSLTZ offset → UTC', col('TIMESTAMP WITH LOCAL TIME ZONE'), "TO_TIMESTAMP_TZ('2020-02-01 08:00:00.000000 +08:00')", false, dt(2020, 2, 1, 0, 0, 0, 0, '+00:00')],
    ['TSLTZ region in summer → UTC', col('TIMESTAMP WITH LOCAL TIME ZONE'), "TO_TIMESTAMP_TZ('2020-07-01 12:00:00.5 America/New_York')", false, dt(2020, 7, 1, 16, 0, 0, 500000000, '+00:00')],
    ['TSLTZ region in winter → UTC across midnight', col('TIMESTAMP WITH LOCAL TIME ZONE'), "TO_TIMESTAMP_TZ('2020-12-31 22:00:00 America/New_York')", false, dt(2021, 1, 1, 3, 0, 0, 0, '+00:00')],
    ['TSLTZ without zone is read as UTC', col('TIMESTAMP WITH LOCAL TIME ZONE'), "TO_TIMESTAMP('2020-02-01 00:00:00.000000')", false, dt(2020, 2, 1, 0, 0, 0, 0, '+00:00')],
    ['INTERVAL YM', col('INTERVAL YEAR TO MONTH'), "TO_YMINTERVAL('+02-03')", false, '+02-03'],
    ['INTERVAL YM negative, wide', col('INTERVAL YEAR TO MONTH'), "TO_YMINTERVAL('-000000123-11')", false, '-123-11'],
    ['INTERVAL DS', col('INTERVAL DAY TO SECOND'), "TO_DSINTERVAL('+01 02:03:04.500000')", false, '+01 02:03:04.500000'],
    ['INTERVAL DS wide days, short fraction', col('INTERVAL DAY TO SECOND'), "TO_DSINTERVAL('-000000001 02:03:04.5')", false, '-01 02:03:04.500000'],
    ['INTERVAL DS nanoseconds', col('INTERVAL DAY TO SECOND'), "TO_DSINTERVAL('+00 00:00:00.123456789')", false, '+00 00:00:00.123456789'],
    ['BFILE is not carried', col('BFILE'), "BFILENAME('DIR', 'a.txt')", false, undefined],
    ['ROWID', col('ROWID'), 'AAAR3sAAEAAAACXAAA', true, 'AAAR3sAAEAAAACXAAA'],
  ];
  for (const [name, column, raw, quoted, expected] of cases) {
    it(name, () => {
      expect(convertRedoValue(column, raw, quoted)).toEqual(expected);
    });
  }

  const bad: [string, ColumnMeta, string][] = [
    ['NUMBER text', col('NUMBER'), 'abc'],
    ['NUMBER hex', col('NUMBER'), '0x10'],
    ['BINARY_DOUBLE text', col('BINARY_DOUBLE'), 'one'],
    ['RAW non-hex', col('RAW'), "HEXTORAW('zz')"],
    ['RAW text', col('RAW'), 'TO_DATE(1)'],
    ['DATE garbage', col('DATE'), "TO_DATE('2020-13-01 00:00:00', 'YYYY-MM-DD HH24:MI:SS')"],
    ['DATE 30 February', col('DATE'), "TO_DATE('2021-02-29 00:00:00', 'YYYY-MM-DD HH24:MI:SS')"],
    ['TIMESTAMP wrong function', col('TIMESTAMP'), "HEXTORAW('00')"],
    ['TSLTZ unknown region', col('TIMESTAMP WITH LOCAL TIME ZONE'), "TO_TIMESTAMP_TZ('2020-02-01 00:00:00 Mars/Olympus')"],
    ['INTERVAL YM month 12', col('INTERVAL YEAR TO MONTH'), "TO_YMINTERVAL('+02-12')"],
    ['INTERVAL DS hour 24', col('INTERVAL DAY TO SECOND'), "TO_DSINTERVAL('+01 24:00:00')"],
    ['NVARCHAR2 bad escape', col('NVARCHAR2'), String.raw`UNISTR('\00G9')`],
    ['NVARCHAR2 unknown function in concatenation', col('NVARCHAR2'), "'a' || SYSDATE()"],
  ];
  for (const [name, column, raw] of bad) {
    it(`rejects ${name}`, () => {
      expect(() => convertRedoValue(column, raw, false)).toThrow(RedoValueError);
    });
  }

  it('names the column, type and value in the error, with a hint', () => {
    try {
      convertRedoValue(col('NUMBER', { name: 'SALARY' }), 'abc', true);
      expect.unreachable();
    } catch (e) {
      const err = e as RedoValueError;
      expect(err.code).toBe('REDO_VALUE');
      expect(err.message).toContain('NUMBER column "SALARY"');
      expect(err.message).toContain("'abc'");
      expect(err.hint).toContain('ALL_TAB_COLUMNS');
    }
  });
});

describe('formatRedoLiteral', () => {
  const cases: [string, ColumnMeta, ColumnValue, string][] = [
    ['NULL', col('DATE'), null, 'NULL'],
    ['NUMBER', col('NUMBER'), '1200', "'1200'"],
    ['NUMBER fraction below one', col('NUMBER'), '0.5', "'.5'"],
    ['NUMBER negative fraction', col('NUMBER'), '-0.05', "'-.05'"],
    ['NUMBER from a JS number', col('NUMBER'), 12.5, "'12.5'"],
    ['NUMBER beyond 64 chars uses an exponent', col('NUMBER'), '1' + '0'.repeat(100), "'1E+100'"],
    ['NUMBER tiny', col('NUMBER'), '0.' + '0'.repeat(70) + '15', "'1.5E-71'"],
    ['BINARY_DOUBLE', col('BINARY_DOUBLE'), 1.5, "'1.5E+000'"],
    ['BINARY_DOUBLE exponent', col('BINARY_DOUBLE'), 1234.56, "'1.23456E+003'"],
    ['BINARY_DOUBLE negative small', col('BINARY_DOUBLE'), -0.1, "'-1.0E-001'"],
    ['BINARY_DOUBLE NaN', col('BINARY_DOUBLE'), NaN, "'Nan'"],
    ['BINARY_DOUBLE -Infinity', col('BINARY_DOUBLE'), -Infinity, "'-Inf'"],
    ['BINARY_DOUBLE zero', col('BINARY_DOUBLE'), 0, "'0'"],
    ['BINARY_FLOAT shortest digits', col('BINARY_FLOAT'), Math.fround(1.1), "'1.1E+000'"],
    ['VARCHAR2 with quote', col('VARCHAR2'), "it's", "'it''s'"],
    ['VARCHAR2 empty is NULL', col('VARCHAR2'), '', 'NULL'],
    ['VARCHAR2 non-ASCII stays as is', col('VARCHAR2'), 'café', "'café'"],
    ['NVARCHAR2 ASCII', col('NVARCHAR2'), 'plain', "'plain'"],
    ['NVARCHAR2 non-ASCII', col('NVARCHAR2'), "café 'x' \\", String.raw`UNISTR('caf\00E9 ''x'' \005C')`],
    ['CLOB empty', col('CLOB'), '', 'EMPTY_CLOB()'],
    ['NCLOB empty', col('NCLOB'), '', 'EMPTY_CLOB()'],
    ['BLOB empty', col('BLOB'), bytes(), 'EMPTY_BLOB()'],
    ['RAW empty is NULL', col('RAW'), bytes(), 'NULL'],
    ['RAW', col('RAW'), bytes(10, 27, 255), "HEXTORAW('0a1bff')"],
    ['DATE', col('DATE'), dt(2020, 2, 1, 13, 4, 5), "TO_DATE('2020-02-01 13:04:05', 'YYYY-MM-DD HH24:MI:SS')"],
    ['DATE year < 1000', col('DATE'), dt(99, 1, 2), "TO_DATE('0099-01-02 00:00:00', 'YYYY-MM-DD HH24:MI:SS')"],
    ['TIMESTAMP(0)', col('TIMESTAMP', { scale: 0 }), dt(2020, 2, 1), "TO_TIMESTAMP('2020-02-01 00:00:00.')"],
    ['TIMESTAMP default scale 6', col('TIMESTAMP'), dt(2020, 2, 1, 0, 0, 0, 123456000), "TO_TIMESTAMP('2020-02-01 00:00:00.123456')"],
    ['TIMESTAMP(3)', col('TIMESTAMP', { scale: 3 }), dt(2020, 2, 1, 0, 0, 0, 123000000), "TO_TIMESTAMP('2020-02-01 00:00:00.123')"],
    ['TIMESTAMP(9)', col('TIMESTAMP', { scale: 9 }), dt(2020, 2, 1, 0, 0, 0, 5), "TO_TIMESTAMP('2020-02-01 00:00:00.000000005')"],
    ['TSTZ offset', col('TIMESTAMP WITH TIME ZONE'), dt(2020, 2, 1, 0, 0, 0, 0, '+08:00'), "TO_TIMESTAMP_TZ('2020-02-01 00:00:00.000000 +08:00')"],
    ['TSTZ region', col('TIMESTAMP WITH TIME ZONE'), dt(2020, 2, 1, 0, 0, 0, 0, 'Asia/Shanghai'), "TO_TIMESTAMP_TZ('2020-02-01 00:00:00.000000 Asia/Shanghai')"],
    ['TSLTZ printed in UTC', col('TIMESTAMP WITH LOCAL TIME ZONE'), dt(2020, 2, 1, 8, 0, 0, 0, '+08:00'), "TO_TIMESTAMP_TZ('2020-02-01 00:00:00.000000 +00:00')"],
    ['INTERVAL YM', col('INTERVAL YEAR TO MONTH'), '+02-03', "TO_YMINTERVAL('+02-03')"],
    ['INTERVAL YM precision 4', col('INTERVAL YEAR TO MONTH', { precision: 4 }), '-02-03', "TO_YMINTERVAL('-0002-03')"],
    ['INTERVAL DS', col('INTERVAL DAY TO SECOND'), '+01 02:03:04.500000', "TO_DSINTERVAL('+01 02:03:04.500000')"],
    ['INTERVAL DS scale 2', col('INTERVAL DAY TO SECOND', { scale: 2 }), '+01 02:03:04.500000', "TO_DSINTERVAL('+01 02:03:04.50')"],
    ['INTERVAL DS scale 0', col('INTERVAL DAY TO SECOND', { scale: 0 }), '+01 02:03:04.000000', "TO_DSINTERVAL('+01 02:03:04')"],
    ['BFILE', col('BFILE'), 'x', 'Unsupported Type'],
  ];
  for (const [name, column, value, expected] of cases) {
    it(name, () => {
      expect(formatRedoLiteral(column, value)).toBe(expected);
    });
  }

  it('splits long non-ASCII NCHAR text into UNISTR pieces, keeping surrogate pairs whole', () => {
    const text = 'é'.repeat(999) + '😀' + 'ж'.repeat(1500);
    const lit = formatRedoLiteral(col('NCLOB'), text);
    expect(lit.split(' || ')).toHaveLength(3);
    expect(lit.split(' || ')[0]).toMatch(/\\D83D\\DE00'\)$/);
    expect(convertRedoValue(col('NCLOB'), lit, false)).toBe(text);
  });

  it('rejects values of the wrong shape', () => {
    expect(() => formatRedoLiteral(col('NUMBER'), 'twelve')).toThrow(RangeError);
    expect(() => formatRedoLiteral(col('NUMBER'), NaN)).toThrow(RangeError);
    expect(() => formatRedoLiteral(col('DATE'), '2020-01-01')).toThrow(RangeError);
    expect(() => formatRedoLiteral(col('RAW'), 'ab')).toThrow(RangeError);
    expect(() => formatRedoLiteral(col('VARCHAR2'), 5)).toThrow(RangeError);
    expect(() => formatRedoLiteral(col('INTERVAL DAY TO SECOND'), '1 day')).toThrow(RangeError);
  });
});

/** Values per type that must survive format → SQL_REDO → parse → convert unchanged. */
const ROUND_TRIP: Record<OracleType, [Partial<ColumnMeta>, ColumnValue[]]> = {
  NUMBER: [{}, ['0', '1', '-1', '0.5', '-0.005', '123456789012345678901234567890.12345678', '1' + '0'.repeat(80), '0.' + '0'.repeat(90) + '7']],
  FLOAT: [{ precision: 126 }, ['3.14', '-2', '1000000']],
  BINARY_FLOAT: [{}, [Math.fround(1.1), Math.fround(-3.4e38), Math.fround(1e-45), 0, NaN, Infinity, -Infinity]],
  BINARY_DOUBLE: [{}, [1.5, 0.1, -1234.56, 5e-324, 1.7976931348623157e308, NaN, Infinity, -Infinity]],
  CHAR: [{}, ['ab  ', "O'Brien"]],
  NCHAR: [{}, ['é  ', 'x']],
  VARCHAR2: [{}, ['Acme', "it's", 'a, "b" = \'c\' where 1=1 and ;', 'line\nbreak', '北京 😀', 'UNISTR(\'\\00E9\')', 'Unsupported Type', 'NULL']],
  NVARCHAR2: [{}, ['café', 'Мир || мир', "O'Brien — ü", 'tab\there', '\\00E9 literally', '😀']],
  DATE: [{}, [dt(2020, 2, 1, 13, 45, 7), dt(1, 1, 1), dt(9999, 12, 31, 23, 59, 59)]],
  TIMESTAMP: [{ scale: 6 }, [dt(2020, 2, 29, 0, 0, 0, 123456000), dt(2020, 1, 1)]],
  'TIMESTAMP WITH TIME ZONE': [{ scale: 9 }, [dt(2020, 2, 1, 0, 0, 0, 1, '+08:00'), dt(2020, 2, 1, 23, 59, 59, 0, '-03:30'), dt(2020, 7, 1, 12, 0, 0, 0, 'Europe/Berlin')]],
  'TIMESTAMP WITH LOCAL TIME ZONE': [{ scale: 6 }, [dt(2020, 2, 1, 0, 0, 0, 500000000, '+00:00')]],
  'INTERVAL YEAR TO MONTH': [{ precision: 2 }, ['+02-03', '-10-11', '+00-00']],
  'INTERVAL DAY TO SECOND': [{ precision: 2, scale: 6 }, ['+01 02:03:04.500000', '-99 23:59:59.999999', '+00 00:00:00.000000']],
  RAW: [{}, [bytes(0), bytes(10, 27, 255), bytes(...Array.from({ length: 200 }, (_, i) => i))]],
  LONG: [{}, ['long text']],
  'LONG RAW': [{}, [bytes(1, 2, 3)]],
  CLOB: [{}, ['', 'small clob', "x'".repeat(3000)]],
  NCLOB: [{}, ['', 'ünïcode', 'é'.repeat(2500)]],
  BLOB: [{}, [bytes(), bytes(0, 1, 2, 254)]],
  BFILE: [{}, []],
  ROWID: [{}, ['AAAR3sAAEAAAACXAAA']],
  UROWID: [{}, ['*BAMAAJsCwQL+']],
  XMLTYPE: [{}, ['<a b="1">x</a>']],
};

describe('round trip: formatRedoLiteral → parseRedo → convertRedoValue', () => {
  it('has samples for every Oracle type we carry', () => {
    for (const t of ORACLE_TYPES) expect(ROUND_TRIP[t], t).toBeDefined();
  });

  for (const type of ORACLE_TYPES) {
    const [extra, samples] = ROUND_TRIP[type];
    for (const [i, value] of samples.entries()) {
      it(`${type} #${i}`, () => {
        const column = col(type, { name: 'COL 1', ...extra });
        const lit = formatRedoLiteral(column, value);
        const ins = parseRedoColumns(`insert into "S"."T"("ID","COL 1") values ('1',${lit});`);
        const upd = parseRedoColumns(`update "S"."T" set "COL 1" = ${lit} where "ID" = '1' and "COL 1" = ${lit};`);
        for (const [list, k] of [
          [ins.after!, 1],
          [upd.after!, 0],
          [upd.before!, 1],
        ] as const) {
          const back = convertRedoValue(column, list.values[k], list.quoted[k]);
          // VARCHAR2/NCHAR '' and RAW of no bytes are NULL in Oracle.
          expect(back).toEqual(value);
          if (back !== undefined) expect(formatRedoLiteral(column, back)).toBe(lit);
        }
      });
    }
  }

  it('turns Oracle NULL-equivalents into NULL', () => {
    for (const [type, value] of [
      ['VARCHAR2', ''],
      ['NVARCHAR2', ''],
      ['RAW', bytes()],
    ] as const) {
      const lit = formatRedoLiteral(col(type), value);
      const p = parseRedoColumns(`insert into "S"."T"("C") values (${lit});`);
      expect(convertRedoValue(col(type), p.after!.values[0], p.after!.quoted[0])).toBeNull();
    }
  });
});
