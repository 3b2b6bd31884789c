import type { TableMeta } from '../../model/oracle-types';
import type { DatabaseFlags } from '../gateway';
import { passed, type CheckResult, type MigrationTypes } from './types';

/**
 * Checks over the selected tables' definitions, e.g.
 *   HR.AUDIT_LOG without PK/UK                       → ORACLE_TABLES_WITHOUT_KEY warning
 *   HR.EMPLOYEE_PERFORMANCE_REVIEW_HISTORY_ARCHIVE  → ORACLE_NAME_LENGTH failed (43 bytes > 30)
 *   HR.MAPS.SHAPE MDSYS.SDO_GEOMETRY                → ORACLE_UNSUPPORTED_TYPES failed
 */

const MAX_NAME_BYTES = 30;
const qualified = (t: TableMeta) => `${t.owner}.${t.name}`;

/** A PK, or a UNIQUE key whose columns are all NOT NULL (DTS: "PRIMARY KEY or UNIQUE constraint, with all fields unique"). */
export function hasUsableKey(t: TableMeta): boolean {
  if (t.primaryKey && t.primaryKey.length > 0) return true;
  const notNull = new Set(t.columns.filter((c) => !c.nullable).map((c) => c.name));
  return t.uniqueKeys.some((k) => k.length > 0 && k.every((c) => notNull.has(c)));
}

export function checkTableKeys(tables: TableMeta[]): CheckResult {
  const code = 'ORACLE_TABLES_WITHOUT_KEY';
  const keyless = tables.filter((t) => !hasUsableKey(t)).map(qualified);
  if (keyless.length === 0) return passed(code, `All ${tables.length} tables have a primary key or a NOT NULL unique key.`);
  return {
    code,
    status: 'warning',
    detail: `${keyless.length} table${keyless.length === 1 ? ' has' : 's have'} neither a primary key nor a NOT NULL unique key: ${keyless.slice(0, 10).join(', ')}${keyless.length > 10 ? ', …' : ''}. Their rows are read by ROWID, Kafka messages have no key, and duplicates can reach the topic after a retry.`,
    hint: 'Add a primary key (ALTER TABLE … ADD CONSTRAINT … PRIMARY KEY (…)), or a unique index on NOT NULL columns; otherwise enable ALL-column supplemental logging on the table (ALTER TABLE … ADD SUPPLEMENTAL LOG DATA (ALL) COLUMNS) so UPDATE/DELETE redo identifies the row.',
    objects: keyless,
  };
}

export function checkNameLengths(tables: TableMeta[]): CheckResult[] {
  const long = (s: string) => Buffer.byteLength(s, 'utf8') > MAX_NAME_BYTES;
  const badTables = tables.filter((t) => long(t.name)).map(qualified);
  const badColumns = tables.flatMap((t) => t.columns.filter((c) => long(c.name)).map((c) => `${qualified(t)}.${c.name}`));
  const out: CheckResult[] = [];
  out.push(
    badTables.length === 0
      ? passed('ORACLE_NAME_LENGTH', 'No selected table name is longer than 30 bytes.')
      : {
          code: 'ORACLE_NAME_LENGTH',
          status: 'failed',
          detail: `${badTables.length} table name${badTables.length === 1 ? ' is' : 's are'} longer than 30 bytes, which DTS does not migrate: ${badTables.map((n) => `${n} (${Buffer.byteLength(n.split('.')[1]!, 'utf8')} bytes)`).join(', ')}.`,
          hint: 'Deselect these tables, or map them to names of at most 30 bytes in the object mapping step.',
          objects: badTables,
        },
  );
  if (badColumns.length > 0) {
    out.push({
      code: 'ORACLE_COLUMN_NAME_LENGTH',
      status: 'warning',
      detail: `${badColumns.length} column name${badColumns.length === 1 ? ' is' : 's are'} longer than 30 bytes: ${badColumns.slice(0, 10).join(', ')}${badColumns.length > 10 ? ', …' : ''}.`,
      hint: 'Consumers that limit names to 30 bytes need a column mapping for these.',
      objects: badColumns,
    });
  }
  return out;
}

export function checkColumnTypes(tables: TableMeta[], types: MigrationTypes): CheckResult[] {
  const code = 'ORACLE_UNSUPPORTED_TYPES';
  const unsupported: string[] = [];
  const bfile: string[] = [];
  const long: string[] = [];
  /** Tables LogMiner does not mine at all (a BFILE or object-type column anywhere in the table). */
  const unminable = new Set<string>();
  for (const t of tables) {
    for (const u of t.unsupportedColumns ?? []) {
      unsupported.push(`${qualified(t)}.${u.name} ${u.dataType}`);
      unminable.add(qualified(t));
    }
    for (const c of t.columns) {
      if (c.type === 'BFILE') {
        bfile.push(`${qualified(t)}.${c.name}`);
        unminable.add(qualified(t));
      }
      if (c.type === 'LONG' || c.type === 'LONG RAW') long.push(`${qualified(t)}.${c.name} ${c.type}`);
    }
  }
  const json = tables.flatMap((t) => (t.unsupportedColumns ?? []).filter((u) => u.dataType === 'JSON').map((u) => `${qualified(t)}.${u.name}`));
  const out: CheckResult[] = [];
  if (unsupported.length === 0 && bfile.length === 0) out.push(passed(code, 'Every selected column has a supported type.'));
  else {
    const objects = [...unsupported, ...bfile.map((b) => `${b} BFILE`)];
    const lost = [...unminable];
    // LogMiner skips a table with such a column entirely (its DML arrives as OPERATION 'UNSUPPORTED'),
    // so an incremental task would lose every change to it — not just that column.
    const incremental = types.incremental;
    out.push({
      code,
      status: unsupported.length > 0 || incremental ? 'failed' : 'warning',
      detail:
        `${objects.length} column${objects.length === 1 ? ' has a type' : 's have types'} Ora2Kafka cannot migrate: ${objects.slice(0, 10).join(', ')}${objects.length > 10 ? ', …' : ''}. ` +
        (incremental
          ? `LogMiner does not mine tables with BFILE, object-type, nested-table, VARRAY, REF, ANYDATA or SDO_GEOMETRY columns: every change to ${lost.slice(0, 10).join(', ')}${lost.length > 10 ? ', …' : ''} would be lost by incremental migration (LogMiner reports them only as UNSUPPORTED). `
          : '') +
        (bfile.length > 0 ? 'In the full load, BFILE columns point to files outside the database and arrive as NULL. ' : '') +
        (unsupported.length > 0 ? 'Object types, ANYDATA and other user-defined types are not read at all. ' : '') +
        (json.length > 0 ? `The native JSON type (21c and later: ${json.slice(0, 5).join(', ')}) is mined only as UNSUPPORTED (operation 255).` : ''),
      hint: (json.length > 0 ? 'For JSON: keep the document in a CLOB or VARCHAR2 column with an IS JSON check constraint (ALTER TABLE … ADD (DOC_TEXT CLOB CHECK (DOC_TEXT IS JSON))), which LogMiner mines like text. ' : '') + (incremental
        ? `Deselect ${lost.length === 1 ? 'this table' : 'these tables'} (or run ${lost.length === 1 ? 'it' : 'them'} in a full-migration-only task), or change the column type — e.g. store the file in a BLOB, or the object's attributes in scalar columns — so LogMiner can mine the table.`
        : 'Deselect these tables or columns (column filter), or expose the data through a supported type (e.g. a VARCHAR2/CLOB column filled by a trigger).'),
      objects,
    });
  }
  if (long.length > 0 && types.incremental) {
    out.push({
      code: 'ORACLE_LONG_COLUMNS',
      status: 'warning',
      detail: `${long.length} LONG / LONG RAW column${long.length === 1 ? '' : 's'}: ${long.slice(0, 10).join(', ')}. LogMiner renders their changes poorly; DTS advises not to update them during migration.`,
      hint: 'Convert them to CLOB/BLOB (ALTER TABLE … MODIFY (col CLOB)) or avoid updating them while the task runs.',
      objects: long,
    });
  }
  return out;
}

/**
 * Tables whose LOGGING attribute is NO (ALL_TABLES.LOGGING): with FORCE LOGGING off, direct-path
 * and NOLOGGING operations on them write no row redo. Only reported when something is off.
 */
export function checkNologgingTables(tables: TableMeta[], flags: DatabaseFlags, types: MigrationTypes): CheckResult[] {
  if (!types.incremental || flags.forceLogging) return [];
  const nologging = tables.filter((t) => t.logging === false);
  if (nologging.length === 0) return [];
  const names = nologging.map(qualified);
  return [
    {
      code: 'ORACLE_NOLOGGING_TABLES',
      status: 'warning',
      detail: `${names.length} selected table${names.length === 1 ? ' is' : 's are'} NOLOGGING: ${names.slice(0, 10).join(', ')}${names.length > 10 ? ', …' : ''}. Direct-path loads into ${names.length === 1 ? 'it' : 'them'} write no row redo, and incremental migration never sees those rows.`,
      hint: `${nologging.slice(0, 20).map((t) => `ALTER TABLE "${t.owner}"."${t.name}" LOGGING;`).join(' ')} — or ALTER DATABASE FORCE LOGGING; for every table.`,
      objects: names,
    },
  ];
}
