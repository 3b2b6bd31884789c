import type { ColumnMeta } from '../../model/oracle-types';
import { parseColumnType, type ColumnType } from './column-types';
import { lex, TokenStream } from './ddl-lexer';

/**
 * The DDL the simulator understands, parsed into commands. Examples:
 *   CREATE TABLE HR.T (ID NUMBER(10) NOT NULL, NAME VARCHAR2(30) DEFAULT 'x', CONSTRAINT T_PK PRIMARY KEY (ID))
 *   ALTER TABLE HR.T ADD (NOTE VARCHAR2(100))      ALTER TABLE T DROP COLUMN NOTE
 *   ALTER TABLE T MODIFY (NAME VARCHAR2(60) NOT NULL)   ALTER TABLE T RENAME COLUMN A TO B
 *   ALTER TABLE T ADD SUPPLEMENTAL LOG DATA (ALL) COLUMNS
 *   DROP TABLE T PURGE   RENAME T TO T2   TRUNCATE TABLE T   CREATE [UNIQUE] INDEX I ON T (A, B)
 *   CREATE OR REPLACE VIEW V AS SELECT …   CREATE OR REPLACE PROCEDURE|FUNCTION|TRIGGER … (body kept as text)
 * Storage clauses (TABLESPACE, PCTFREE, …) after the column list are accepted and ignored.
 */

export interface ConstraintDef {
  kind: 'PK' | 'UK';
  name: string | null;
  columns: string[];
}

export interface ColumnModify {
  name: string;
  type?: ColumnType;
  nullable?: boolean;
  defaultValue?: string | null;
}

export type AlterAction =
  | { kind: 'addColumns'; columns: ColumnMeta[]; constraints: ConstraintDef[] }
  | { kind: 'dropColumns'; names: string[] }
  | { kind: 'modifyColumns'; columns: ColumnModify[] }
  | { kind: 'renameColumn'; from: string; to: string }
  | { kind: 'renameTo'; to: string }
  | { kind: 'addConstraint'; constraint: ConstraintDef }
  | { kind: 'dropConstraint'; name: string }
  | { kind: 'dropPrimaryKey' }
  | { kind: 'supplemental'; add: boolean; groups: ('ALL' | 'PRIMARY KEY' | 'UNIQUE')[] };

export type CodeObjectType = 'VIEW' | 'PROCEDURE' | 'FUNCTION' | 'TRIGGER' | 'SEQUENCE' | 'PACKAGE';

export type DdlCommand =
  | { kind: 'createTable'; owner: string; name: string; columns: ColumnMeta[]; constraints: ConstraintDef[]; indexOrganized: boolean }
  | { kind: 'alterTable'; owner: string; name: string; action: AlterAction }
  | { kind: 'dropTable'; owner: string; name: string }
  | { kind: 'renameTable'; owner: string; from: string; to: string }
  | { kind: 'truncateTable'; owner: string; name: string }
  | { kind: 'createIndex'; owner: string; name: string; tableOwner: string; table: string; columns: string[]; unique: boolean }
  | { kind: 'dropIndex'; owner: string; name: string }
  | { kind: 'createObject'; objectType: CodeObjectType; owner: string; name: string; body: string; baseTable?: string }
  | { kind: 'dropObject'; objectType: CodeObjectType; owner: string; name: string };

const CODE_TYPES: CodeObjectType[] = ['VIEW', 'PROCEDURE', 'FUNCTION', 'TRIGGER', 'SEQUENCE', 'PACKAGE'];

export function parseDdl(sql: string, defaultOwner: string): DdlCommand {
  const ts = new TokenStream(sql, lex(sql));
  if (ts.accept('CREATE')) return parseCreate(ts, defaultOwner);
  if (ts.accept('ALTER', 'TABLE')) {
    const { owner, name } = ts.qualified(defaultOwner);
    return { kind: 'alterTable', owner, name, action: parseAlter(ts) };
  }
  if (ts.accept('DROP', 'TABLE')) return { kind: 'dropTable', ...ts.qualified(defaultOwner) };
  if (ts.accept('DROP', 'INDEX')) return { kind: 'dropIndex', ...ts.qualified(defaultOwner) };
  if (ts.accept('TRUNCATE', 'TABLE')) return { kind: 'truncateTable', ...ts.qualified(defaultOwner) };
  if (ts.accept('RENAME')) {
    const from = ts.ident();
    ts.expect('TO');
    return { kind: 'renameTable', owner: defaultOwner, from, to: ts.ident() };
  }
  if (ts.accept('DROP')) {
    const type = ts.ident() as CodeObjectType;
    if (!CODE_TYPES.includes(type)) throw new SyntaxError(`DROP ${type} is not supported`);
    return { kind: 'dropObject', objectType: type, ...ts.qualified(defaultOwner) };
  }
  throw new SyntaxError('unsupported statement');
}

function parseCreate(ts: TokenStream, defaultOwner: string): DdlCommand {
  ts.accept('OR', 'REPLACE');
  // Optional keywords: take whichever form is present.
  if (!ts.accept('NO', 'FORCE')) ts.accept('FORCE');
  if (!ts.accept('EDITIONABLE')) ts.accept('NONEDITIONABLE');
  if (ts.accept('TABLE')) {
    const { owner, name } = ts.qualified(defaultOwner);
    ts.expect('(');
    const { columns, constraints } = parseRelationalItems(ts);
    const indexOrganized = ts.accept('ORGANIZATION', 'INDEX');
    if (!indexOrganized) ts.accept('ORGANIZATION', 'HEAP');
    return { kind: 'createTable', owner, name, columns, constraints, indexOrganized };
  }
  const unique = ts.accept('UNIQUE');
  if (ts.accept('INDEX')) {
    const { owner, name } = ts.qualified(defaultOwner);
    ts.expect('ON');
    const table = ts.qualified(owner);
    return { kind: 'createIndex', owner, name, tableOwner: table.owner, table: table.name, columns: ts.identList(), unique };
  }
  const type = ts.ident() as CodeObjectType;
  if (!CODE_TYPES.includes(type)) throw new SyntaxError(`CREATE ${type} is not supported`);
  if (type === 'PACKAGE') ts.accept('BODY');
  const { owner, name } = ts.qualified(defaultOwner);
  const body = ts.rest();
  let baseTable: string | undefined;
  if (type === 'TRIGGER') {
    while (!ts.atEnd() && !ts.accept('ON')) ts.pos++;
    if (!ts.atEnd()) baseTable = ts.qualified(owner).name;
  }
  return { kind: 'createObject', objectType: type, owner, name, body, ...(baseTable ? { baseTable } : {}) };
}

/** Column definitions and out-of-line constraints up to the closing parenthesis. */
function parseRelationalItems(ts: TokenStream): { columns: ColumnMeta[]; constraints: ConstraintDef[] } {
  const columns: ColumnMeta[] = [];
  const constraints: ConstraintDef[] = [];
  do {
    const c = parseConstraint(ts);
    if (c) constraints.push(c);
    else columns.push(parseColumn(ts, constraints));
  } while (ts.accept(','));
  ts.expect(')');
  return { columns, constraints };
}

function parseConstraint(ts: TokenStream): ConstraintDef | null {
  const save = ts.pos;
  const name = ts.accept('CONSTRAINT') ? ts.ident() : null;
  if (ts.accept('PRIMARY', 'KEY')) return { kind: 'PK', name, columns: ts.identList() };
  if (ts.accept('UNIQUE')) return { kind: 'UK', name, columns: ts.identList() };
  ts.pos = save;
  return null;
}

function parseColumn(ts: TokenStream, constraints: ConstraintDef[]): ColumnMeta {
  const name = ts.ident();
  const type = parseColumnType(ts);
  const { nullable, defaultValue } = parseColumnTail(ts, name, constraints);
  return { name, ...type, nullable: nullable ?? true, defaultValue: defaultValue ?? null };
}

/** DEFAULT …, [CONSTRAINT n] NOT NULL / NULL / PRIMARY KEY / UNIQUE, in any order. */
function parseColumnTail(ts: TokenStream, column: string, constraints: ConstraintDef[]): { nullable?: boolean; defaultValue?: string | null } {
  const out: { nullable?: boolean; defaultValue?: string | null } = {};
  for (;;) {
    if (ts.accept('DEFAULT')) {
      const start = ts.peek()!.start;
      let depth = 0;
      let end = start;
      while (!ts.atEnd()) {
        const t = ts.peek()!;
        if (depth === 0 && (t.value === ',' || t.value === ')' || (t.kind === 'word' && ['NOT', 'NULL', 'CONSTRAINT', 'PRIMARY', 'UNIQUE', 'CHECK', 'ENABLE'].includes(t.value)))) break;
        if (t.value === '(') depth++;
        if (t.value === ')') depth--;
        end = t.end;
        ts.pos++;
      }
      out.defaultValue = ts.sql.slice(start, end);
      continue;
    }
    const cname = ts.accept('CONSTRAINT') ? ts.ident() : null;
    if (ts.accept('NOT', 'NULL')) out.nullable = false;
    else if (ts.accept('NULL')) out.nullable = true;
    else if (ts.accept('PRIMARY', 'KEY')) {
      constraints.push({ kind: 'PK', name: cname, columns: [column] });
      out.nullable = false;
    } else if (ts.accept('UNIQUE')) constraints.push({ kind: 'UK', name: cname, columns: [column] });
    else if (cname !== null) throw ts.error('expected a constraint');
    else if (ts.accept('ENABLE')) continue;
    else return out;
  }
}

function parseAlter(ts: TokenStream): AlterAction {
  const supplementalAdd = ts.accept('ADD', 'SUPPLEMENTAL', 'LOG', 'DATA');
  if (supplementalAdd || ts.accept('DROP', 'SUPPLEMENTAL', 'LOG', 'DATA')) {
    const add = supplementalAdd;
    ts.expect('(');
    const groups: ('ALL' | 'PRIMARY KEY' | 'UNIQUE')[] = [];
    do {
      if (ts.accept('ALL')) groups.push('ALL');
      else if (ts.accept('PRIMARY', 'KEY')) groups.push('PRIMARY KEY');
      else if (ts.accept('UNIQUE')) groups.push('UNIQUE');
      else throw ts.error('expected ALL, PRIMARY KEY or UNIQUE');
    } while (ts.accept(','));
    ts.expect(')');
    ts.expect('COLUMNS');
    return { kind: 'supplemental', add, groups };
  }
  if (ts.accept('ADD')) {
    const c = parseConstraint(ts);
    if (c) return { kind: 'addConstraint', constraint: c };
    const constraints: ConstraintDef[] = [];
    if (ts.accept('(')) {
      const items = parseRelationalItems(ts);
      return { kind: 'addColumns', columns: items.columns, constraints: items.constraints };
    }
    return { kind: 'addColumns', columns: [parseColumn(ts, constraints)], constraints };
  }
  if (ts.accept('DROP', 'PRIMARY', 'KEY')) return { kind: 'dropPrimaryKey' };
  if (ts.accept('DROP', 'CONSTRAINT')) return { kind: 'dropConstraint', name: ts.ident() };
  if (ts.accept('DROP', 'COLUMN')) return { kind: 'dropColumns', names: [ts.ident()] };
  if (ts.accept('DROP')) return { kind: 'dropColumns', names: ts.identList() };
  if (ts.accept('MODIFY')) {
    const paren = ts.accept('(');
    const columns: ColumnModify[] = [];
    do columns.push(parseModify(ts));
    while (paren && ts.accept(','));
    if (paren) ts.expect(')');
    return { kind: 'modifyColumns', columns };
  }
  if (ts.accept('RENAME', 'COLUMN')) {
    const from = ts.ident();
    ts.expect('TO');
    return { kind: 'renameColumn', from, to: ts.ident() };
  }
  if (ts.accept('RENAME', 'TO')) return { kind: 'renameTo', to: ts.ident() };
  throw ts.error('unsupported ALTER TABLE clause');
}

function parseModify(ts: TokenStream): ColumnModify {
  const name = ts.ident();
  const next = ts.peek();
  const out: ColumnModify = { name };
  if (next && next.kind === 'word' && !['NOT', 'NULL', 'DEFAULT', 'CONSTRAINT'].includes(next.value)) out.type = parseColumnType(ts);
  const tail = parseColumnTail(ts, name, []);
  if (tail.nullable !== undefined) out.nullable = tail.nullable;
  if (tail.defaultValue !== undefined) out.defaultValue = tail.defaultValue;
  return out;
}
