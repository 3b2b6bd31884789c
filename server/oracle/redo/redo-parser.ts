/**
 * Parser for the DML statements LogMiner prints in V$LOGMNR_CONTENTS.SQL_REDO, e.g.
 *
 *   update "HR"."EMP" set "NAME" = 'Bob' where "ID" = '1' and "NAME" = 'Acme';
 *   → { operation: 'UPDATE', owner: 'HR', table: 'EMP', after: { NAME: 'Bob' }, before: { ID: '1', NAME: 'Acme' } }
 *
 * Values stay text: a quoted literal becomes its content ('' unescaped), NULL / IS NULL becomes null,
 * anything else (TO_DATE(...), HEXTORAW(...), UNISTR(...) || UNISTR(...), Unsupported Type, bare
 * numbers) is kept verbatim; redo-values.ts turns the text into typed values per column type.
 * The grammar and the scanner live in redo-scanner.ts.
 */
import { Ora2KafkaError } from '../../model/errors';
import { CTX_SET, CTX_VALUES, CTX_WHERE, RedoScanner, RedoSyntaxError } from './redo-scanner';

export type RedoOperation = 'INSERT' | 'UPDATE' | 'DELETE';

export interface RedoStatement {
  operation: RedoOperation;
  owner: string;
  table: string;
  /** INSERT values / UPDATE SET clause; null for DELETE. */
  after: Record<string, string | null> | null;
  /** UPDATE / DELETE WHERE clause (empty when LogMiner printed no WHERE); null for INSERT. */
  before: Record<string, string | null> | null;
}

/** Column names and values in statement order: the allocation-light form parseRedo is built on. */
export interface RedoColumnList {
  names: string[];
  values: (string | null)[];
  /** true where the value was a quoted literal (pass it to convertRedoValue to tell 'UNISTR(..)' text from UNISTR(..)). */
  quoted: boolean[];
}

export interface RedoStatementColumns {
  operation: RedoOperation;
  owner: string;
  table: string;
  after: RedoColumnList | null;
  before: RedoColumnList | null;
}

/** SQL_REDO text that is not a DML statement in LogMiner's form. */
export class RedoParseError extends Ora2KafkaError {
  /** 0-based offset in the SQL_REDO text where parsing stopped. */
  readonly position: number;

  constructor(message: string, position: number, sqlRedo: string) {
    super('REDO_PARSE', `Cannot parse SQL_REDO: ${message} at offset ${position}: ${excerpt(sqlRedo, position)}`, {
      hint:
        'The redo text is not an INSERT/UPDATE/DELETE as LogMiner prints it. If it was joined from CSF continuation ' +
        'rows, check that every piece was read; otherwise report the SQL_REDO text (it shows where parsing stopped).',
    });
    this.position = position;
  }
}

export interface RedoParseOptions {
  /**
   * Read LogMiner's unescaped-apostrophe bug ('j'ai' inside a literal, Debezium DBZ-8200/8869/9191):
   * when the strict parse fails, retry treating a quote as the end of a literal only where the
   * statement can go on. Off by default: it can also "repair" genuinely broken text.
   */
  relaxedQuotes?: boolean;
}

/** Parses one SQL_REDO DML statement. Throws RedoParseError on anything else. */
export function parseRedo(sqlRedo: string, options?: RedoParseOptions): RedoStatement {
  return parseWith(sqlRedo, true, options?.relaxedQuotes === true) as unknown as RedoStatement;
}

/** Same parse, as parallel arrays, with the quoted flag per value (which the record form drops). */
export function parseRedoColumns(sqlRedo: string, options?: RedoParseOptions): RedoStatementColumns {
  return parseWith(sqlRedo, false, options?.relaxedQuotes === true) as RedoStatementColumns;
}

type Section = RedoColumnList | Record<string, string | null>;
interface Parsed {
  operation: RedoOperation;
  owner: string;
  table: string;
  after: Section | null;
  before: Section | null;
}

function parseWith(sqlRedo: string, records: boolean, relaxed: boolean): Parsed {
  try {
    return scanStatement(new RedoScanner(sqlRedo, false, records), records);
  } catch (strict) {
    if (!(strict instanceof RedoSyntaxError)) throw strict;
    if (relaxed && sqlRedo.includes("'")) {
      try {
        return scanStatement(new RedoScanner(sqlRedo, true, records), records);
      } catch {
        // fall through: the strict pass explains the problem better
      }
    }
    throw new RedoParseError(strict.message, strict.position, sqlRedo);
  }
}

function scanStatement(sc: RedoScanner, records: boolean): Parsed {
  sc.ws();
  let stmt: Parsed;
  if (sc.word('insert')) {
    sc.expectWord('into');
    stmt = scanTable(sc, 'INSERT');
    stmt.after = scanInsertColumns(sc, records);
  } else if (sc.word('update')) {
    sc.ws();
    stmt = scanTable(sc, 'UPDATE');
    sc.ws();
    if (!sc.word('set')) {
      sc.ident(); // table alias: update "HR"."EMP" a set a."NAME" = ...
      sc.expectWord('set');
    }
    stmt.after = scanSet(sc, records);
    stmt.before = scanWhere(sc, records);
  } else if (sc.word('delete')) {
    sc.expectWord('from');
    stmt = scanTable(sc, 'DELETE');
    sc.ws();
    const c = sc.peek();
    if (c === c && c !== 59 && !sc.atWord('where')) sc.ident(); // table alias: delete from "HR"."EMP" a where ...
    stmt.before = scanWhere(sc, records);
  } else {
    return sc.fail("expected 'insert into', 'update' or 'delete from'");
  }
  scanEnd(sc);
  return stmt;
}

function scanTable(sc: RedoScanner, operation: RedoOperation): Parsed {
  const first = sc.ident();
  let owner = '';
  let table = first;
  if (sc.peek() === 46) {
    sc.i++;
    owner = first;
    table = sc.ident();
  }
  return { operation, owner, table, after: null, before: null };
}

function scanInsertColumns(sc: RedoScanner, records: boolean): Section {
  const names: string[] = [];
  sc.expectChar(40);
  for (;;) {
    names.push(sc.ident());
    if (sc.peek() !== 44) sc.ws();
    const c = sc.peek();
    sc.i++;
    if (c === 41) break;
    if (c !== 44) sc.fail("expected ',' or ')' in the column list", sc.i - 1);
    sc.ws();
  }
  sc.expectWord('values');
  sc.expectChar(40);
  sc.setContext(CTX_VALUES);
  const section = newSection(records);
  const n = names.length;
  for (let k = 0; ; k++) {
    if (k === n) sc.fail(`more values than the ${n} columns listed`);
    const value = sc.value();
    add(section, names[k], value, sc.quoted, records);
    if (sc.peek() !== 44) sc.ws();
    const c = sc.peek();
    sc.i++;
    if (c === 41) {
      if (k + 1 !== n) sc.fail(`${k + 1} values for ${n} columns`, sc.i - 1);
      return section;
    }
    if (c !== 44) sc.fail("expected ',' or ')' after a value", sc.i - 1);
  }
}

function scanSet(sc: RedoScanner, records: boolean): Section {
  const section = newSection(records);
  sc.ws();
  sc.setContext(CTX_SET);
  for (;;) {
    const name = sc.colref();
    if (!sc.atEquals()) sc.fail("expected '='");
    const value = sc.value();
    if (name !== null) add(section, name, value, sc.quoted, records);
    if (!sc.comma()) return section;
  }
}

/** Optional `where cond (and cond)*`; an absent WHERE yields an empty section. */
function scanWhere(sc: RedoScanner, records: boolean): Section {
  const section = newSection(records);
  sc.ws();
  if (!sc.word('where')) return section;
  sc.setContext(CTX_WHERE);
  sc.ws();
  for (;;) {
    const name = sc.colref();
    let value: string | null = null;
    let quoted = false;
    if (sc.atEquals()) {
      value = sc.value();
      quoted = sc.quoted;
    } else if (sc.word('is')) {
      sc.expectWord('null');
    } else {
      sc.fail("expected '=' or 'IS NULL' after a column in the WHERE clause");
    }
    if (name !== null) add(section, name, value, quoted, records);
    if (!sc.and()) return section;
  }
}

function scanEnd(sc: RedoScanner): void {
  sc.ws();
  if (sc.peek() === 59) {
    sc.i++;
    sc.ws();
  }
  if (sc.i < sc.s.length) sc.fail('unexpected text after the end of the statement');
}

function newSection(records: boolean): Section {
  return records ? {} : { names: [], values: [], quoted: [] };
}

function add(section: Section, name: string, value: string | null, quoted: boolean, records: boolean): void {
  if (!records) {
    const list = section as RedoColumnList;
    list.names.push(name);
    list.values.push(value);
    list.quoted.push(quoted);
  } else if (name === '__proto__') {
    Object.defineProperty(section, name, { value, enumerable: true, writable: true, configurable: true });
  } else {
    (section as Record<string, string | null>)[name] = value;
  }
}

function excerpt(sql: string, position: number): string {
  const from = Math.max(0, position - 40);
  const to = Math.min(sql.length, position + 40);
  return `${from > 0 ? '…' : ''}${sql.slice(from, position)}⟨HERE⟩${sql.slice(position, to)}${to < sql.length ? '…' : ''}`;
}
