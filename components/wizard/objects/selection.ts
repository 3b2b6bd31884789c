import { OPERATIONS, type MigratedOperation, type ObjectSelection, type SchemaSelection, type TableSelection } from '@/server/model/task-objects';

/**
 * Moves between Source Objects and Selected Objects, as pure functions over the task's object
 * selection (the form value). A schema moved right selects the whole schema (tables created later
 * included); tables moved right are listed one by one. Under a whole-schema selection a listed table
 * only carries its own settings (rename, filter, operations).
 *
 *   addTables({ schemas: [] }, 'HR', ['JOBS'])  → { schemas: [{ name: 'HR', all: false, tables: [{ name: 'JOBS', … }] }] }
 *   addSchemas(that, ['HR'])                    → HR becomes all: true, JOBS keeps its settings
 *   removeObjects(that, [{ owner: 'HR' }])      → { schemas: [] }
 */
export interface ObjectRef {
  owner: string;
  /** Absent: the schema itself. */
  table?: string;
}

export function refKey(r: ObjectRef): string {
  return r.table === undefined ? r.owner : `${r.owner}.${r.table}`;
}

function newSchema(name: string, all: boolean): SchemaSelection {
  return { name, mappedName: '', all, tables: [], operations: [...OPERATIONS] };
}

export function newTable(name: string): TableSelection {
  return { name, mappedName: '', columns: [], filter: '', partitionKey: [] };
}

export function addSchemas(sel: ObjectSelection, owners: string[]): ObjectSelection {
  const schemas = sel.schemas.map((s) => (owners.includes(s.name) ? { ...s, all: true } : s));
  for (const o of owners) if (!schemas.some((s) => s.name === o)) schemas.push(newSchema(o, true));
  return { ...sel, schemas };
}

export function addTables(sel: ObjectSelection, owner: string, tables: string[]): ObjectSelection {
  const schemas = [...sel.schemas];
  let i = schemas.findIndex((s) => s.name === owner);
  if (i < 0) {
    schemas.push(newSchema(owner, false));
    i = schemas.length - 1;
  }
  const s = schemas[i]!;
  const listed = new Set(s.tables.map((t) => t.name));
  schemas[i] = { ...s, tables: [...s.tables, ...tables.filter((t) => !listed.has(t)).map(newTable)] };
  return { ...sel, schemas };
}

/** Removes schemas (with everything under them) and tables; a table-by-table schema left empty goes too. */
export function removeObjects(sel: ObjectSelection, refs: ObjectRef[]): ObjectSelection {
  const goneSchemas = new Set(refs.filter((r) => r.table === undefined).map((r) => r.owner));
  const goneTables = new Set(refs.filter((r) => r.table !== undefined).map(refKey));
  const schemas = sel.schemas
    .filter((s) => !goneSchemas.has(s.name))
    .map((s) => ({ ...s, tables: s.tables.filter((t) => !goneTables.has(refKey({ owner: s.name, table: t.name }))) }))
    .filter((s) => s.all || s.tables.length > 0);
  return { ...sel, schemas };
}

export function updateSchema(sel: ObjectSelection, owner: string, patch: Partial<SchemaSelection>): ObjectSelection {
  return { ...sel, schemas: sel.schemas.map((s) => (s.name === owner ? { ...s, ...patch } : s)) };
}

export function updateTable(sel: ObjectSelection, owner: string, table: string, patch: Partial<TableSelection>): ObjectSelection {
  return {
    ...sel,
    schemas: sel.schemas.map((s) => (s.name === owner ? { ...s, tables: s.tables.map((t) => (t.name === table ? { ...t, ...patch } : t)) } : s)),
  };
}

/** Is this table migrated by the selection (listed, or in a whole schema)? */
export function isSelected(sel: ObjectSelection, owner: string, table?: string): boolean {
  const s = sel.schemas.find((x) => x.name === owner);
  if (!s) return false;
  if (table === undefined) return s.all;
  return s.all || s.tables.some((t) => t.name === table);
}

/** Is this table listed one by one (it then has a row of its own in Selected Objects)? */
export function isListed(sel: ObjectSelection, owner: string, table: string): boolean {
  return sel.schemas.some((s) => s.name === owner && s.tables.some((t) => t.name === table));
}

/** One line of the Selected Objects pane, with the dotted path its errors are reported under. */
export type SelectedRow =
  | { kind: 'schema'; ref: ObjectRef; path: string; schema: SchemaSelection }
  | { kind: 'table'; ref: ObjectRef; path: string; schema: SchemaSelection; table: TableSelection };

export function selectedRows(sel: ObjectSelection): SelectedRow[] {
  return sel.schemas.flatMap((s, si) => [
    { kind: 'schema' as const, ref: { owner: s.name }, path: `objects.schemas.${si}`, schema: s },
    ...s.tables.map((t, ti) => ({ kind: 'table' as const, ref: { owner: s.name, table: t.name }, path: `objects.schemas.${si}.tables.${ti}`, schema: s, table: t })),
  ]);
}

/** Operations a table migrates: its own, else its schema's. */
export function effectiveOperations(schema: SchemaSelection, table?: TableSelection): MigratedOperation[] {
  return table?.operations ?? schema.operations;
}

/** Table operations equal to the schema's are stored as "inherit" (absent). */
export function tableOperations(schema: SchemaSelection, ops: MigratedOperation[]): MigratedOperation[] | undefined {
  const ordered = OPERATIONS.filter((o) => ops.includes(o));
  const same = ordered.length === schema.operations.length && ordered.every((o) => schema.operations.includes(o));
  return same ? undefined : ordered;
}
