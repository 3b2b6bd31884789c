import type { TableMeta } from '../../model/oracle-types';
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
  for (const t of tables) {
    for (const u of t.unsupportedColumns ?? []) unsupported.push(`${qualified(t)}.${u.name} ${u.dataType}`);
    for (const c of t.columns) {
      if (c.type === 'BFILE') bfile.push(`${qualified(t)}.${c.name}`);
      if (c.type === 'LONG' || c.type === 'LONG RAW') long.push(`${qualified(t)}.${c.name} ${c.type}`);
    }
  }
  const out: CheckResult[] = [];
  if (unsupported.length === 0 && bfile.length === 0) out.push(passed(code, 'Every selected column has a supported type.'));
  else {
    const objects = [...unsupported, ...bfile.map((b) => `${b} BFILE`)];
    out.push({
      code,
      status: unsupported.length > 0 ? 'failed' : 'warning',
      detail:
        `${objects.length} column${objects.length === 1 ? ' has a type' : 's have types'} Ora2Kafka cannot migrate: ${objects.slice(0, 10).join(', ')}${objects.length > 10 ? ', …' : ''}. ` +
        (bfile.length > 0 ? 'BFILE columns point to files outside the database and arrive as NULL. ' : '') +
        (unsupported.length > 0 ? 'Object types, ANYDATA and other user-defined types are not read at all.' : ''),
      hint: 'Deselect these tables or columns (column filter), or expose the data through a supported type (e.g. a VARCHAR2/CLOB column filled by a trigger).',
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
