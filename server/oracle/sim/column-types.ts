import type { ColumnMeta, OracleType } from '../../model/oracle-types';
import type { TokenStream } from './ddl-lexer';

/**
 * Column data types as written in DDL ↔ ColumnMeta as ALL_TAB_COLUMNS reports them.
 *   NUMBER(10,2) → {type:'NUMBER', dataLength:22, precision:10, scale:2}
 *   VARCHAR2(20 CHAR) → {type:'VARCHAR2', dataLength:80, charLength:20}
 *   TIMESTAMP(3) WITH TIME ZONE → {type:'TIMESTAMP WITH TIME ZONE', dataLength:13, scale:3}
 */
export type ColumnType = Pick<ColumnMeta, 'type' | 'dataLength' | 'charLength' | 'precision' | 'scale'>;

function numArg(ts: TokenStream): number | null {
  if (ts.accept('-')) return -(numArg(ts) ?? 0); // NUMBER(5,-2)
  const t = ts.peek();
  if (t?.kind === 'num') {
    ts.pos++;
    return Number(t.value);
  }
  if (t?.value === '*') {
    ts.pos++;
    return null;
  }
  throw ts.error('expected a number');
}

function optParens(ts: TokenStream): (number | null)[] {
  if (!ts.accept('(')) return [];
  const args = [numArg(ts)];
  while (ts.accept(',')) args.push(numArg(ts));
  // VARCHAR2(20 CHAR|BYTE)
  if (ts.accept('CHAR')) args.push(-1);
  else ts.accept('BYTE');
  ts.expect(')');
  return args;
}

const t = (type: OracleType, dataLength: number, extra: Partial<ColumnType> = {}): ColumnType => ({
  type,
  dataLength,
  charLength: 0,
  precision: null,
  scale: null,
  ...extra,
});

export function parseColumnType(ts: TokenStream): ColumnType {
  const word = ts.ident();
  switch (word) {
    case 'NUMBER':
    case 'NUMERIC':
    case 'DECIMAL': {
      const [p, s] = optParens(ts);
      if (p === undefined) return t('NUMBER', 22);
      return t('NUMBER', 22, { precision: p, scale: s ?? 0 });
    }
    case 'INTEGER':
    case 'INT':
    case 'SMALLINT':
      return t('NUMBER', 22, { scale: 0 });
    case 'FLOAT': {
      const [p] = optParens(ts);
      return t('FLOAT', 22, { precision: p ?? 126 });
    }
    case 'BINARY_FLOAT':
      return t('BINARY_FLOAT', 4);
    case 'BINARY_DOUBLE':
      return t('BINARY_DOUBLE', 8);
    case 'VARCHAR2':
    case 'VARCHAR':
    case 'CHAR':
    case 'CHARACTER': {
      const args = optParens(ts);
      const n = args[0] ?? 1;
      const charSemantics = args.includes(-1);
      const type = word === 'CHAR' || word === 'CHARACTER' ? 'CHAR' : 'VARCHAR2';
      // VARCHAR2 up to 32767 bytes: the simulator runs with MAX_STRING_SIZE=EXTENDED.
      return t(type, charSemantics ? Math.min(n * 4, type === 'CHAR' ? 2000 : 32767) : n, { charLength: n });
    }
    case 'NVARCHAR2':
    case 'NCHAR': {
      const n = optParens(ts)[0] ?? 1;
      return t(word, n * 2, { charLength: n });
    }
    case 'DATE':
      return t('DATE', 7);
    case 'TIMESTAMP': {
      const [fs] = optParens(ts);
      const scale = fs ?? 6;
      if (ts.accept('WITH', 'LOCAL', 'TIME', 'ZONE')) return t('TIMESTAMP WITH LOCAL TIME ZONE', 11, { scale });
      if (ts.accept('WITH', 'TIME', 'ZONE')) return t('TIMESTAMP WITH TIME ZONE', 13, { scale });
      return t('TIMESTAMP', 11, { scale });
    }
    case 'INTERVAL': {
      if (ts.accept('YEAR')) {
        const [p] = optParens(ts);
        ts.expect('TO', 'MONTH');
        return t('INTERVAL YEAR TO MONTH', 5, { precision: p ?? 2, scale: 0 });
      }
      ts.expect('DAY');
      const [p] = optParens(ts);
      ts.expect('TO', 'SECOND');
      const [s] = optParens(ts);
      return t('INTERVAL DAY TO SECOND', 11, { precision: p ?? 2, scale: s ?? 6 });
    }
    case 'RAW':
      return t('RAW', optParens(ts)[0] ?? 2000);
    case 'LONG':
      return ts.accept('RAW') ? t('LONG RAW', 0) : t('LONG', 0);
    case 'CLOB':
    case 'NCLOB':
    case 'BLOB':
      return t(word, 4000);
    case 'BFILE':
      return t('BFILE', 530);
    case 'ROWID':
      return t('ROWID', 10);
    case 'UROWID':
      return t('UROWID', optParens(ts)[0] ?? 4000);
    case 'XMLTYPE':
      return t('XMLTYPE', 2000);
    case 'SYS':
      ts.expect('.');
      ts.expect('XMLTYPE');
      return t('XMLTYPE', 2000);
    default:
      throw new SyntaxError(`unsupported data type ${word}`);
  }
}

/** The type as DBMS_METADATA writes it, e.g. NUMBER(10,0), VARCHAR2(20 CHAR), TIMESTAMP (6). */
export function renderColumnType(c: ColumnType): string {
  switch (c.type) {
    case 'NUMBER':
      if (c.precision === null) return c.scale === 0 ? 'NUMBER(*,0)' : 'NUMBER';
      return `NUMBER(${c.precision},${c.scale ?? 0})`;
    case 'FLOAT':
      return `FLOAT(${c.precision ?? 126})`;
    case 'VARCHAR2':
    case 'CHAR':
      return c.dataLength === c.charLength ? `${c.type}(${c.charLength})` : `${c.type}(${c.charLength} CHAR)`;
    case 'NVARCHAR2':
    case 'NCHAR':
      return `${c.type}(${c.charLength})`;
    case 'TIMESTAMP':
      return `TIMESTAMP (${c.scale ?? 6})`;
    case 'TIMESTAMP WITH TIME ZONE':
      return `TIMESTAMP (${c.scale ?? 6}) WITH TIME ZONE`;
    case 'TIMESTAMP WITH LOCAL TIME ZONE':
      return `TIMESTAMP (${c.scale ?? 6}) WITH LOCAL TIME ZONE`;
    case 'INTERVAL YEAR TO MONTH':
      return `INTERVAL YEAR (${c.precision ?? 2}) TO MONTH`;
    case 'INTERVAL DAY TO SECOND':
      return `INTERVAL DAY (${c.precision ?? 2}) TO SECOND (${c.scale ?? 6})`;
    case 'RAW':
    case 'UROWID':
      return `${c.type}(${c.dataLength})`;
    case 'XMLTYPE':
      return '"SYS"."XMLTYPE"';
    default:
      return c.type;
  }
}
