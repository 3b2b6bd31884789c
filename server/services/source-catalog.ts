import { isOra2KafkaError } from '../model/errors';
import { identityKey, type ColumnMeta, type OracleType } from '../model/oracle-types';
import { valueText } from '../formats/value-text';
import { validateFilter } from '../model/row-filter';
import { mappingIssues, partitionKeyIssue, type CatalogTables } from '../model/task-mapping';
import type { ObjectSelection } from '../model/task-objects';
import type { SectionIssue } from '../model/wizard-sections';
import type { OracleGateway } from '../oracle/gateway';
import { openGateway } from '../oracle/open-gateway';
import { loadTaskForConnectors } from '../store/task-repository';

/**
 * The source catalog as the Configure Objects step shows it, read over a saved draft's connection
 * (its stored password never leaves the server), and the checks the API repeats against it when
 * the step is saved: every selected schema, table and renamed column exists, every WHERE filter
 * parses and names real columns with fitting types, and no two objects land under one name.
 *
 *   catalogIssues(gw, { schemas: [{ name: 'HR', tables: [{ name: 'EMPLOYEES', filter: 'SALRY > 1' }] }] })
 *   → [{ path: 'objects.schemas.0.tables.0.filter',
 *        message: 'HR.EMPLOYEES: Row filter: unknown column SALRY at position 1: … Did you mean SALARY?' }]
 */
export interface CatalogTable {
  name: string;
  rowCountEstimate: number | null;
  /** No primary key and no unique key: DTS warns that duplicates may appear downstream. */
  keyless: boolean;
}

export interface CatalogColumn {
  name: string;
  type: OracleType;
  nullable: boolean;
}

export interface CatalogTableColumns {
  owner: string;
  name: string;
  columns: CatalogColumn[];
  primaryKey: string[] | null;
}

export async function withTaskGateway<T>(taskId: string, fn: (gw: OracleGateway) => Promise<T>): Promise<T> {
  const config = await loadTaskForConnectors(taskId);
  const gw = await openGateway(config.source);
  try {
    return await fn(gw);
  } finally {
    await gw.close();
  }
}

export function listCatalogSchemas(taskId: string): Promise<string[]> {
  return withTaskGateway(taskId, (gw) => gw.listSchemas());
}

export function listCatalogTables(taskId: string, owner: string): Promise<CatalogTable[]> {
  return withTaskGateway(taskId, async (gw) =>
    (await gw.listTables(owner)).map((t) => ({ name: t.name, rowCountEstimate: t.rowCountEstimate, keyless: !t.hasPrimaryKey && !t.hasUniqueKey })),
  );
}

export function describeCatalogTables(taskId: string, tables: { owner: string; name: string }[]): Promise<CatalogTableColumns[]> {
  return withTaskGateway(taskId, (gw) =>
    Promise.all(
      tables.map(async (t) => {
        const meta = await gw.describeTable(t.owner, t.name);
        return { owner: t.owner, name: t.name, columns: meta.columns.map((c) => ({ name: c.name, type: c.type, nullable: c.nullable })), primaryKey: meta.primaryKey };
      }),
    ),
  );
}

/** Everything about `objects` that only the source database can answer. */
export async function catalogIssues(gw: OracleGateway, objects: ObjectSelection): Promise<SectionIssue[]> {
  const issues: SectionIssue[] = [];
  const schemas = new Set(await gw.listSchemas());
  const catalog: CatalogTables[] = [];
  for (const [si, s] of objects.schemas.entries()) {
    const base = `objects.schemas.${si}`;
    if (!schemas.has(s.name)) {
      issues.push({ path: `${base}.name`, message: `Schema ${s.name} does not exist in the source database or the task's account cannot see it; remove it from Selected Objects or grant the account access.` });
      continue;
    }
    const tables = await gw.listTables(s.name);
    const names = new Set(tables.map((t) => t.name));
    catalog.push({ owner: s.name, tables: tables.map((t) => ({ name: t.name })) });
    for (const [ti, t] of s.tables.entries()) {
      const at = `${base}.tables.${ti}`;
      if (!names.has(t.name)) {
        issues.push({ path: `${at}.name`, message: `Table ${s.name}.${t.name} does not exist in the source database (it may have been dropped or renamed); remove it from Selected Objects.` });
        continue;
      }
      if (t.filter === '' && t.columns.length === 0 && t.partitionKey.length === 0) continue;
      const columns = (await gw.describeTable(s.name, t.name)).columns;
      issues.push(...columnIssues(`${s.name}.${t.name}`, at, t.columns, columns));
      const keyIssue = partitionKeyIssue(`${s.name}.${t.name}`, t.partitionKey, columns.map((c) => c.name));
      if (keyIssue) issues.push({ path: `${at}.partitionKey`, message: keyIssue });
      if (t.filter !== '') {
        const issue = filterIssue(`${s.name}.${t.name}`, t.filter, columns);
        if (issue) issues.push({ path: `${at}.filter`, message: issue });
      }
    }
  }
  // Whole-schema selections: tables the task picks up without listing them may collide after renaming.
  for (const i of mappingIssues(objects, catalog)) issues.push({ path: ['objects', ...i.path].join('.'), message: i.message });
  return dedupe(issues);
}

function columnIssues(table: string, at: string, selected: { name: string }[], columns: ColumnMeta[]): SectionIssue[] {
  const known = new Set(columns.map((c) => c.name));
  return selected.flatMap((c, ci) =>
    known.has(c.name) ? [] : [{ path: `${at}.columns.${ci}.name`, message: `Column ${c.name} does not exist in ${table}; remove its mapping.` }],
  );
}

/** The filter checked against the catalog's columns; null when it is fine. */
export function filterIssue(table: string, filter: string, columns: ColumnMeta[]): string | null {
  try {
    validateFilter(filter, columns);
    return null;
  } catch (e) {
    if (!isOra2KafkaError(e)) throw e;
    return `${table}: ${e.message}${e.hint ? ` ${e.hint}` : ''}`;
  }
}

function dedupe(issues: SectionIssue[]): SectionIssue[] {
  const seen = new Set<string>();
  return issues.filter((i) => {
    const k = `${i.path}\u0000${i.message}`;
    if (seen.has(k)) return false;
    seen.add(k);
    return true;
  });
}

/** Rows of one table as text, read `AS OF` one SCN (the ETL preview's input, and a check of what a task wrote). */
export interface SampleRows {
  owner: string;
  table: string;
  /** The flashback SCN the rows were read at, as decimal text. */
  scn: string;
  columns: CatalogColumn[];
  /** Values in the text forms of server/formats/value-text.ts (null = SQL NULL), in key order. */
  rows: (string | null)[][];
}

export const SAMPLE_ROWS_MAX = 200;

/**
 * The first `limit` rows of a table in key order (ROWID order without a usable key), read over the
 * task's connection `AS OF SCN scn` — the database's current SCN when none is given.
 *
 *   sampleCatalogRows(taskId, { owner: 'HR', table: 'JOBS', limit: 2 })
 *   → { scn: '2000515', columns: [{ name: 'JOB_ID', … }, …], rows: [['AC_ACCOUNT', 'Public Accountant', '4200', '9000'], …] }
 */
export function sampleCatalogRows(taskId: string, req: { owner: string; table: string; limit: number; scn?: bigint }): Promise<SampleRows> {
  return withTaskGateway(taskId, async (gw) => {
    const meta = await gw.describeTable(req.owner, req.table);
    const scn = req.scn ?? (await gw.currentScn());
    const key = identityKey(meta);
    const chunk = await gw.readChunk({ owner: req.owner, table: req.table, scn, keyColumns: key && key.length > 0 ? key : ['ROWID'], afterKey: null, limit: Math.min(req.limit, SAMPLE_ROWS_MAX) });
    return {
      owner: req.owner,
      table: req.table,
      scn: String(scn),
      columns: meta.columns.map((c) => ({ name: c.name, type: c.type, nullable: c.nullable })),
      rows: chunk.rows.map((r) => meta.columns.map((c, i) => valueText(c, r[i] ?? null))),
    };
  });
}
