import type { BatchRule, MigratedOperation, ObjectSelection, SchemaSelection, TableSelection } from './task-objects';
import { globMatches, OPERATIONS } from './task-objects';

/**
 * Object name mapping and selection lookups over a task's objects — one resolver for the wizard
 * preview, the API's conflict check and the engine.
 *
 *   schema HR → HR_PROD (single rename), table TMP_A → x_tmp_a (batch rule: match TMP_*, lower, prefix x_)
 *   const m = new ObjectMapper(objects);
 *   m.table('HR', 'TMP_A')           → { owner: 'HR_PROD', table: 'x_tmp_a' }
 *   m.column('HR', 'EMPLOYEES', 'SALARY') → 'PAY'
 *
 * An explicit mappedName wins; otherwise every batch rule whose target and pattern fit the source
 * name applies, in order (case first, then prefix and suffix).
 */
export interface MappedTable {
  owner: string;
  table: string;
}

export class ObjectMapper {
  private readonly schemas = new Map<string, SchemaSelection>();
  private readonly tables = new Map<string, TableSelection>();
  private readonly columns = new Map<string, Map<string, string>>();
  /** True when no name changes anywhere: callers can skip mapping entirely. */
  readonly identity: boolean;

  constructor(private readonly objects: ObjectSelection) {
    let renames = objects.batchRules.length > 0;
    for (const s of objects.schemas) {
      this.schemas.set(s.name, s);
      if (s.mappedName && s.mappedName !== s.name) renames = true;
      for (const t of s.tables) {
        this.tables.set(key(s.name, t.name), t);
        if (t.mappedName && t.mappedName !== t.name) renames = true;
        const cols = new Map<string, string>();
        for (const c of t.columns) {
          if (c.mappedName && c.mappedName !== c.name) {
            cols.set(c.name, c.mappedName);
            renames = true;
          }
        }
        if (cols.size > 0) this.columns.set(key(s.name, t.name), cols);
      }
    }
    this.identity = !renames;
  }

  // ── selection ────────────────────────────────────────────────────────────────────────────
  /** Is this table part of the task (listed, or in a whole-schema selection)? */
  selects(owner: string, table: string): boolean {
    const s = this.schemas.get(owner);
    if (!s) return false;
    return s.all || this.tables.has(key(owner, table));
  }

  selectsSchema(owner: string): boolean {
    return this.schemas.has(owner);
  }

  schemaSelection(owner: string): SchemaSelection | undefined {
    return this.schemas.get(owner);
  }

  tableSelection(owner: string, table: string): TableSelection | undefined {
    return this.tables.get(key(owner, table));
  }

  /** Operations migrated incrementally for the table (its own, else its schema's, else all). */
  operations(owner: string, table: string): readonly MigratedOperation[] {
    return this.tables.get(key(owner, table))?.operations ?? this.schemas.get(owner)?.operations ?? OPERATIONS;
  }

  filterText(owner: string, table: string): string {
    return this.tables.get(key(owner, table))?.filter ?? '';
  }

  // ── names ────────────────────────────────────────────────────────────────────────────────
  schema(owner: string): string {
    const s = this.schemas.get(owner);
    if (s?.mappedName) return s.mappedName;
    return applyRules(this.objects.batchRules, 'schema', owner);
  }

  table(owner: string, table: string): MappedTable {
    const t = this.tables.get(key(owner, table));
    return { owner: this.schema(owner), table: t?.mappedName || applyRules(this.objects.batchRules, 'table', table) };
  }

  column(owner: string, table: string, column: string): string {
    const explicit = this.columns.get(key(owner, table))?.get(column);
    if (explicit) return explicit;
    return applyRules(this.objects.batchRules, 'column', column);
  }

  /**
   * Partition keys (policy Hash of primary key) in the names records carry, for the tables that set
   * one: mapped "OWNER.TABLE" → mapped column names (the partitioner looks events up by these).
   */
  partitionKeys(): Record<string, string[]> {
    const out: Record<string, string[]> = {};
    for (const s of this.objects.schemas) {
      for (const t of s.tables) {
        if (!t.partitionKey?.length) continue;
        const to = this.table(s.name, t.name);
        out[`${to.owner}.${to.table}`] = t.partitionKey.map((c) => this.column(s.name, t.name, c));
      }
    }
    return out;
  }

  /** Any table or column rename (counts toward DTS's 1,000-table limit). */
  renamesTablesOrColumns(): boolean {
    if (this.objects.batchRules.some((r) => r.target !== 'schema')) return true;
    for (const t of this.tables.values()) if (t.mappedName && t.mappedName !== t.name) return true;
    return this.columns.size > 0;
  }
}

export function applyRules(rules: readonly BatchRule[], target: BatchRule['target'], name: string): string {
  let out = name;
  for (const r of rules) {
    if (r.target !== target || !globMatches(r.match, name)) continue;
    if (r.case === 'upper') out = out.toUpperCase();
    else if (r.case === 'lower') out = out.toLowerCase();
    out = `${r.prefix}${out}${r.suffix}`;
  }
  return out;
}

function key(owner: string, table: string): string {
  return `${owner}\u0000${table}`;
}

/** Tables known for a conflict check: those listed in the task plus, from the catalog, those of whole schemas. */
export interface CatalogTables {
  owner: string;
  tables: { name: string; columns?: string[] }[];
}

export interface MappingIssue {
  path: (string | number)[];
  message: string;
}

/**
 * Two objects that would land under one name: duplicate selections, two tables mapped to one
 * SCHEMA.TABLE, two columns of a table mapped to one name. `catalog` adds tables the task selects
 * through whole schemas (the API passes it; the wizard may not know them yet).
 */
export function mappingIssues(objects: ObjectSelection, catalog: CatalogTables[] = []): MappingIssue[] {
  const issues: MappingIssue[] = [];
  const m = new ObjectMapper(objects);
  const seenSchemas = new Map<string, number>();
  const targets = new Map<string, string>(); // mapped "OWNER.TABLE" → source "OWNER.TABLE"
  const claim = (path: MappingIssue['path'], owner: string, table: string) => {
    const to = m.table(owner, table);
    const k = key(to.owner, to.table);
    const from = `${owner}.${table}`;
    const prior = targets.get(k);
    if (prior !== undefined && prior !== from) {
      issues.push({ path, message: `${from} and ${prior} would both be written as ${to.owner}.${to.table}; give one of them another name in the mapping.` });
    } else targets.set(k, from);
  };
  objects.schemas.forEach((s, si) => {
    const first = seenSchemas.get(s.name);
    if (first !== undefined) {
      issues.push({ path: ['schemas', si, 'name'], message: `Schema ${s.name} is selected twice (also at position ${first + 1}); merge the two selections.` });
      return;
    }
    seenSchemas.set(s.name, si);
    const known = catalog.find((c) => c.owner === s.name);
    const seenTables = new Set<string>();
    s.tables.forEach((t, ti) => {
      const path = ['schemas', si, 'tables', ti, 'mappedName'];
      if (seenTables.has(t.name)) {
        issues.push({ path: ['schemas', si, 'tables', ti, 'name'], message: `Table ${s.name}.${t.name} is listed twice; remove one entry.` });
        return;
      }
      seenTables.add(t.name);
      claim(path, s.name, t.name);
      columnIssues(m, s.name, t.name, t.columns.map((c) => c.name), ['schemas', si, 'tables', ti, 'columns'], issues);
      const columns = t.columns.length > 0 ? t.columns.map((c) => c.name) : known?.tables.find((x) => x.name === t.name)?.columns;
      const keyIssue = columns ? partitionKeyIssue(`${s.name}.${t.name}`, t.partitionKey ?? [], columns) : null;
      if (keyIssue) issues.push({ path: ['schemas', si, 'tables', ti, 'partitionKey'], message: keyIssue });
    });
    if (s.all && known) {
      for (const t of known.tables) {
        if (seenTables.has(t.name)) continue;
        claim(['schemas', si, 'mappedName'], s.name, t.name);
        if (t.columns) columnIssues(m, s.name, t.name, t.columns, ['schemas', si, 'tables'], issues);
      }
    }
  });
  return issues;
}

/** A table's partition key naming columns it does not have (null: none). */
export function partitionKeyIssue(table: string, key: readonly string[], columns: readonly string[]): string | null {
  const unknown = key.filter((c) => !columns.includes(c));
  if (unknown.length === 0) return null;
  return `Partition Key: ${unknown.join(', ')} ${unknown.length === 1 ? 'is not a column' : 'are not columns'} of ${table}; choose among its columns.`;
}

function columnIssues(m: ObjectMapper, owner: string, table: string, columns: string[], path: MappingIssue['path'], issues: MappingIssue[]): void {
  const seen = new Map<string, string>();
  const names = new Set<string>();
  columns.forEach((c, ci) => {
    if (names.has(c)) {
      issues.push({ path: [...path, ci, 'name'], message: `Column ${c} of ${owner}.${table} is listed twice; remove one entry.` });
      return;
    }
    names.add(c);
    const to = m.column(owner, table, c);
    const prior = seen.get(to);
    if (prior !== undefined) {
      issues.push({ path: [...path, ci, 'mappedName'], message: `Columns ${prior} and ${c} of ${owner}.${table} would both be named ${to}; rename one of them.` });
    } else seen.set(to, c);
  });
}
