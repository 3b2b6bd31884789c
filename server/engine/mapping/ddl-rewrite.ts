import { DdlCursor, type DdlMappingContext, type NameRef } from './ddl-cursor';
import { columnList, definedColumns, element, elements, expression, renameColumn, type TableScope } from './ddl-columns';
import { isIdent } from '../../oracle/sql-tokens';

export type { DdlMappingContext, DdlNameMapper } from './ddl-cursor';

/**
 * Applies schema/table/column name mapping to DDL text, token by token (string literals,
 * comments and quoted names are never touched by accident). With HR→HR_PROD, HR.EMP→EMPLOYEE,
 * column SAL→SALARY:
 *
 *   ALTER TABLE "HR"."EMP" RENAME COLUMN "SAL" TO "PAY"   →  ALTER TABLE "HR_PROD"."EMPLOYEE" RENAME COLUMN "SALARY" TO "PAY"
 *   CREATE INDEX hr.emp_ix ON hr.emp (sal DESC)           →  CREATE INDEX HR_PROD.emp_ix ON HR_PROD.EMPLOYEE (SALARY DESC)
 *
 * Covered: CREATE/ALTER/DROP/TRUNCATE TABLE, RENAME, CREATE/DROP INDEX, views, procedures,
 * functions, packages, triggers (their name and ON table), sequences, synonyms, COMMENT ON.
 * Inside view queries and PL/SQL bodies only qualified references SCHEMA.OBJECT[.COLUMN] to a
 * selected schema are mapped: unqualified names there cannot be resolved without the source's
 * name resolution, which is why DTS warns that renaming can break dependent objects.
 */
export function rewriteDdl(ddl: string, ctx: DdlMappingContext): string {
  const c = new DdlCursor(ddl, ctx);
  statement(c);
  qualifiedReferences(c);
  return c.text();
}

const CREATE_MODIFIERS = new Set(['OR', 'REPLACE', 'FORCE', 'NOFORCE', 'EDITIONABLE', 'NONEDITIONABLE', 'EDITIONING', 'GLOBAL', 'PRIVATE', 'TEMPORARY', 'SHARDED', 'DUPLICATED', 'IMMUTABLE', 'BLOCKCHAIN', 'UNIQUE', 'BITMAP', 'MULTIVALUE', 'PUBLIC', 'NO', 'IF', 'NOT', 'EXISTS']);
const OBJECT_TYPES = new Set(['VIEW', 'PROCEDURE', 'FUNCTION', 'PACKAGE', 'SEQUENCE', 'SYNONYM', 'TYPE', 'MATERIALIZED', 'INDEX', 'TRIGGER', 'LIBRARY']);

function statement(c: DdlCursor): void {
  if (c.accept('CREATE')) {
    c.skipWords(CREATE_MODIFIERS);
    if (c.accept('TABLE')) return createTable(c);
    if (c.accept('INDEX')) return createIndex(c);
    if (c.accept('TRIGGER')) return createTrigger(c);
    objectName(c);
    return;
  }
  if (c.accept('ALTER', 'TABLE')) {
    const ref = c.readName();
    if (ref) alterTable(c, scopeOf(c, ref));
    return;
  }
  if (c.accept('ALTER') || c.accept('DROP')) {
    if (c.accept('TABLE')) {
      const ref = c.readName();
      if (ref) c.mapTableRef(ref);
      return;
    }
    objectName(c);
    return;
  }
  if (c.accept('TRUNCATE', 'TABLE')) {
    const ref = c.readName();
    if (ref) c.mapTableRef(ref);
    return;
  }
  if (c.accept('RENAME')) {
    const from = c.readName();
    if (from) c.mapTableRef(from);
    if (c.accept('TO')) {
      const to = c.readName();
      if (to) c.mapTableRef(to);
    }
    return;
  }
  if (c.accept('COMMENT', 'ON')) return commentOn(c);
}

/** `<TYPE> [BODY] [owner.]name` of a non-table object. */
function objectName(c: DdlCursor): void {
  if (!OBJECT_TYPES.has(c.word())) return;
  c.pos++;
  c.accept('VIEW'); // MATERIALIZED VIEW
  c.accept('BODY'); // PACKAGE BODY / TYPE BODY
  c.skipWords(new Set(['IF', 'EXISTS']));
  const ref = c.readName();
  if (ref) c.mapObjectRef(ref);
}

function scopeOf(c: DdlCursor, ref: NameRef): TableScope {
  const known = c.ctx.columnsOf?.(ref.owner, ref.name) ?? [];
  c.mapTableRef(ref);
  return { owner: ref.owner, table: ref.name, columns: new Set(known) };
}

function createTable(c: DdlCursor): void {
  c.skipWords(new Set(['IF', 'NOT', 'EXISTS']));
  const ref = c.readName();
  if (!ref) return;
  const scope = scopeOf(c, ref);
  if (c.word() === 'OF') return; // object tables: no relational columns
  if (!c.isPunct('(')) return; // CREATE TABLE … AS SELECT: columns come from the query
  const open = c.pos;
  const close = c.closeOf(open);
  for (const name of definedColumns(c, open, close)) scope.columns.add(name);
  for (const [s, e] of elements(c, open, close)) element(c, s, e, scope);
  c.pos = close + 1;
}

function createIndex(c: DdlCursor): void {
  const ix = c.readName();
  if (ix) c.mapObjectRef(ix);
  if (!c.accept('ON')) return;
  c.accept('CLUSTER');
  const ref = c.readName();
  if (!ref) return;
  const scope = scopeOf(c, ref);
  if (c.isPunct('(')) {
    const end = c.closeOf(c.pos);
    // Plain column names are columns even when the engine has not seen the table yet.
    expression(c, c.pos + 1, end, scope, scope.columns.size === 0);
    c.pos = end + 1;
  }
}

/** CREATE TRIGGER name BEFORE|AFTER|INSTEAD OF events [OF cols] ON [owner.]table … */
function createTrigger(c: DdlCursor): void {
  const name = c.readName();
  if (name) c.mapObjectRef(name);
  const ofAt: number[] = [];
  while (!c.atEnd() && c.word() !== 'ON') {
    if (c.word() === 'OF' && isIdent(c.peek(1))) {
      c.pos++;
      while (isIdent(c.peek())) {
        ofAt.push(c.pos);
        c.pos++;
        if (!c.isPunct(',')) break;
        c.pos++;
      }
      continue;
    }
    c.pos++;
  }
  if (!c.accept('ON')) return;
  const ref = c.readName();
  if (!ref || c.word() === 'SCHEMA' || c.word() === 'DATABASE') return;
  const scope = scopeOf(c, ref);
  for (const p of ofAt) renameColumn(c, p, scope);
}

function alterTable(c: DdlCursor, scope: TableScope): void {
  while (!c.atEnd()) {
    if (c.accept('ADD') || c.accept('MODIFY')) {
      if (c.isPunct('(')) {
        const open = c.pos;
        const close = c.closeOf(open);
        for (const name of definedColumns(c, open, close)) scope.columns.add(name);
        for (const [s, e] of elements(c, open, close)) element(c, s, e, scope);
        c.pos = close + 1;
      } else {
        const end = clauseEnd(c);
        element(c, c.pos, end, scope);
        c.pos = end;
      }
    } else if (c.accept('DROP', 'COLUMN') || c.accept('SET', 'UNUSED', 'COLUMN')) {
      renameColumn(c, c.pos, scope);
      c.pos++;
    } else if (c.accept('DROP', 'UNIQUE') || c.accept('SET', 'UNUSED')) {
      columnList(c, scope);
    } else if (c.word() === 'DROP' && c.isPunct('(', 1)) {
      c.pos++; // DROP (a, b)
      columnList(c, scope);
    } else if (c.accept('RENAME', 'COLUMN')) {
      renameColumn(c, c.pos, scope);
      c.pos++;
      if (c.accept('TO')) {
        renameColumn(c, c.pos, scope);
        c.pos++;
      }
    } else if (c.accept('RENAME', 'TO')) {
      const t = c.peek();
      if (isIdent(t)) c.rename(c.pos, c.ctx.mapper.table(scope.owner, t.name).table);
      c.pos++;
    } else {
      c.pos++;
    }
  }
}

/** A single ADD/MODIFY clause without parentheses runs to the next top-level ADD/MODIFY/DROP or the end. */
function clauseEnd(c: DdlCursor): number {
  let depth = 0;
  for (let p = c.pos; p < c.length; p++) {
    const t = c.at(p)!;
    if (t.kind === 'punct') {
      if (t.text === '(') depth++;
      else if (t.text === ')') depth--;
      else if (t.text === ';' && depth === 0) return p;
    } else if (depth === 0 && p > c.pos && t.kind === 'word' && (t.name === 'ADD' || t.name === 'MODIFY' || t.name === 'DROP') && !isContinuation(c, p)) {
      return p;
    }
  }
  return c.length;
}

/** `… ON DELETE CASCADE`, `… ENABLE/DROP INDEX`: a keyword that belongs to the clause it follows. */
function isContinuation(c: DdlCursor, p: number): boolean {
  const prev = c.at(p - 1);
  return prev?.kind === 'word' && (prev.name === 'ON' || prev.name === 'KEEP' || prev.name === 'CASCADE');
}

/** COMMENT ON TABLE t IS … / COMMENT ON COLUMN [owner.]t.c IS … */
function commentOn(c: DdlCursor): void {
  if (c.accept('TABLE') || c.accept('MATERIALIZED', 'VIEW')) {
    const ref = c.readName();
    if (ref) c.mapTableRef(ref);
    return;
  }
  if (!c.accept('COLUMN')) return;
  const parts: number[] = [];
  while (isIdent(c.peek())) {
    parts.push(c.pos);
    c.pos++;
    if (!c.isPunct('.')) break;
    c.pos++;
  }
  if (parts.length < 2) return;
  const col = parts[parts.length - 1]!;
  const tableAt = parts[parts.length - 2]!;
  const ownerAt = parts.length >= 3 ? parts[parts.length - 3]! : null;
  const ref: NameRef = { ownerAt, owner: ownerAt === null ? c.ctx.defaultOwner : c.at(ownerAt)!.name, nameAt: tableAt, name: c.at(tableAt)!.name };
  const scope = scopeOf(c, ref);
  renameColumn(c, col, scope);
}

/**
 * Everywhere else (view queries, PL/SQL bodies, CTAS queries): SCHEMA.OBJECT and
 * SCHEMA.OBJECT.COLUMN where SCHEMA is selected. SCHEMA.NAME( is a function or procedure call:
 * only its schema is mapped.
 */
function qualifiedReferences(c: DdlCursor): void {
  for (let p = 0; p + 2 < c.length; p++) {
    const a = c.at(p);
    if (!isIdent(a) || c.touched(p) || !c.ctx.mapper.selectsSchema(a.name)) continue;
    const dot = c.at(p + 1);
    const b = c.at(p + 2);
    if (dot?.kind !== 'punct' || dot.text !== '.' || !isIdent(b) || c.touched(p + 2)) continue;
    const prev = c.at(p - 1);
    if (prev?.kind === 'punct' && prev.text === '.') continue; // x.SCHEMA.… is not a schema
    const after = c.at(p + 3);
    if (after?.kind === 'punct' && after.text === '(') {
      c.rename(p, c.ctx.mapper.schema(a.name));
      p += 2;
      continue;
    }
    const to = c.ctx.mapper.table(a.name, b.name);
    c.rename(p, to.owner);
    c.rename(p + 2, to.table);
    const col = c.at(p + 4);
    if (after?.kind === 'punct' && after.text === '.' && isIdent(col) && !(c.at(p + 5)?.text === '(')) {
      c.rename(p + 4, c.ctx.mapper.column(a.name, b.name, col.name));
      p += 2;
    }
    p += 2;
  }
}
