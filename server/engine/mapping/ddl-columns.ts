import { isIdent } from '../../oracle/sql-tokens';
import type { DdlCursor } from './ddl-cursor';

/**
 * Column names inside table DDL: the element list of CREATE TABLE / ALTER TABLE ADD|MODIFY, key
 * lists of constraints, REFERENCES clauses, and column references inside CHECK and virtual-column
 * expressions (only identifiers that are columns of the table; function names stay).
 *
 *   ( "ID" NUMBER, NAME VARCHAR2(20) CHECK (LENGTH(NAME) > 1),
 *     CONSTRAINT PK PRIMARY KEY (ID), CONSTRAINT FK FOREIGN KEY (DEPT) REFERENCES HR.DEPT (ID) )
 */
export interface TableScope {
  owner: string;
  table: string;
  /** Columns of the table: defined in this statement plus those the engine knows. */
  columns: Set<string>;
}

const CONSTRAINT_START = new Set(['CONSTRAINT', 'PRIMARY', 'UNIQUE', 'FOREIGN', 'CHECK', 'SUPPLEMENTAL', 'PERIOD', 'SCOPE', 'REF']);

/** Renames one column identifier of the table in scope. */
export function renameColumn(c: DdlCursor, p: number, scope: TableScope): void {
  const t = c.at(p);
  if (!isIdent(t)) return;
  c.rename(p, c.ctx.mapper.column(scope.owner, scope.table, t.name));
}

/** `( a, b DESC, … )` at the cursor: renames every column identifier; leaves the cursor after ')'. */
export function columnList(c: DdlCursor, scope: TableScope): void {
  if (!c.isPunct('(')) return;
  const end = c.closeOf(c.pos);
  expression(c, c.pos + 1, end, scope, true);
  c.pos = end + 1;
}

/**
 * Renames column references between significant positions [from, to). With `bare`, every plain
 * identifier that is not a function call or keyword counts as a column (key lists); otherwise only
 * identifiers known to be columns of the table.
 */
export function expression(c: DdlCursor, from: number, to: number, scope: TableScope, bare = false): void {
  for (let p = from; p < to; p++) {
    const t = c.at(p);
    if (!isIdent(t)) continue;
    const prev = c.at(p - 1);
    const next = c.at(p + 1);
    if (prev?.kind === 'punct' && prev.text === '.') continue; // x.COL: qualified, owned by x
    if (next?.kind === 'punct' && (next.text === '(' || next.text === '.')) continue; // a call or a qualifier
    if (t.kind === 'word' && (t.name === 'ASC' || t.name === 'DESC' || t.name === 'NULL')) continue;
    if (bare || scope.columns.has(t.name)) renameColumn(c, p, scope);
  }
}

/** Names of the columns an element list defines (first pass, so CHECKs can refer to later columns). */
export function definedColumns(c: DdlCursor, open: number, close: number): string[] {
  const names: string[] = [];
  for (const [s] of elements(c, open, close)) {
    const t = c.at(s);
    if (isIdent(t) && !(t.kind === 'word' && CONSTRAINT_START.has(t.name))) names.push(t.name);
  }
  return names;
}

/** [start, end) significant ranges of the comma-separated elements between '(' at open and ')' at close. */
export function elements(c: DdlCursor, open: number, close: number): [number, number][] {
  const out: [number, number][] = [];
  let depth = 0;
  let start = open + 1;
  for (let p = open + 1; p < close; p++) {
    const t = c.at(p)!;
    if (t.kind !== 'punct') continue;
    if (t.text === '(') depth++;
    else if (t.text === ')') depth--;
    else if (t.text === ',' && depth === 0) {
      out.push([start, p]);
      start = p + 1;
    }
  }
  if (start < close) out.push([start, close]);
  return out;
}

/** One column definition or out-of-line constraint in [from, to). */
export function element(c: DdlCursor, from: number, to: number, scope: TableScope): void {
  c.pos = from;
  const w = c.word();
  if (!CONSTRAINT_START.has(w) && isIdent(c.peek())) {
    renameColumn(c, c.pos, scope);
    c.pos++;
  }
  constraintsIn(c, to, scope);
}

/** Key lists, REFERENCES and CHECK/virtual-column expressions up to `to`. */
function constraintsIn(c: DdlCursor, to: number, scope: TableScope): void {
  while (c.pos < to) {
    const w = c.word();
    if (c.accept('PRIMARY', 'KEY') || c.accept('UNIQUE') || c.accept('FOREIGN', 'KEY')) {
      columnList(c, scope);
    } else if (w === 'REFERENCES') {
      c.pos++;
      const ref = c.readName();
      if (!ref) continue;
      const other = c.mapTableRef(ref);
      columnList(c, { ...other, columns: new Set() });
    } else if ((w === 'CHECK' || w === 'AS') && c.isPunct('(', 1)) {
      c.pos++;
      const end = c.closeOf(c.pos);
      expression(c, c.pos + 1, end, scope);
      c.pos = end + 1;
    } else if (w === 'GROUP') {
      // SUPPLEMENTAL LOG GROUP name (cols)
      c.pos += 2;
      columnList(c, scope);
    } else {
      c.pos++;
    }
  }
}
