/**
 * Oracle column and table metadata as the catalog reports it (ALL_TAB_COLUMNS, ALL_CONSTRAINTS),
 * and the JS shapes a column's values take once typed.
 *
 * Value shape per Oracle type (the contract between source readers, engine and formats):
 *   NUMBER, FLOAT, INTEGER              → string, canonical decimal text ("-12.5", "0", "1E+40" never: always plain digits)
 *   BINARY_FLOAT, BINARY_DOUBLE         → number (NaN and ±Infinity allowed)
 *   CHAR, NCHAR, VARCHAR2, NVARCHAR2,
 *   CLOB, NCLOB, LONG, XMLTYPE,
 *   ROWID, UROWID                       → string
 *   RAW, LONG RAW, BLOB                 → Uint8Array
 *   DATE, TIMESTAMP(n)                  → OracleDateTime (no tz)
 *   TIMESTAMP(n) WITH TIME ZONE         → OracleDateTime with tz ("+08:00" or a region like "Asia/Shanghai")
 *   TIMESTAMP(n) WITH LOCAL TIME ZONE   → OracleDateTime normalised to UTC, tz "+00:00"
 *   INTERVAL YEAR TO MONTH              → string "+YY-MM" (e.g. "+02-03")
 *   INTERVAL DAY TO SECOND              → string "+DD HH:MI:SS.FFFFFF" (e.g. "+01 02:03:04.500000")
 *   null                                → SQL NULL
 *   undefined (only inside before/after arrays) → column not present in the redo record
 */

export const ORACLE_TYPES = [
  'NUMBER',
  'FLOAT',
  'BINARY_FLOAT',
  'BINARY_DOUBLE',
  'CHAR',
  'NCHAR',
  'VARCHAR2',
  'NVARCHAR2',
  'DATE',
  'TIMESTAMP',
  'TIMESTAMP WITH TIME ZONE',
  'TIMESTAMP WITH LOCAL TIME ZONE',
  'INTERVAL YEAR TO MONTH',
  'INTERVAL DAY TO SECOND',
  'RAW',
  'LONG',
  'LONG RAW',
  'CLOB',
  'NCLOB',
  'BLOB',
  'BFILE',
  'ROWID',
  'UROWID',
  'XMLTYPE',
] as const;

/** Base Oracle type name, without length/precision (ALL_TAB_COLUMNS.DATA_TYPE with the (n) of TIMESTAMP(n) removed). */
export type OracleType = (typeof ORACLE_TYPES)[number];

export interface OracleDateTime {
  year: number;
  month: number; // 1-12
  day: number; // 1-31
  hour: number;
  minute: number;
  second: number;
  /** Fractional seconds in nanoseconds (0..999,999,999). */
  nanos: number;
  /** Only for TIMESTAMP WITH (LOCAL) TIME ZONE: an offset "+08:00" or a region name. */
  tz?: string;
}

export type ColumnValue = string | number | Uint8Array | OracleDateTime | null;

export interface ColumnMeta {
  name: string;
  type: OracleType;
  /** DATA_LENGTH in bytes (CHAR_LENGTH for character types is in charLength). */
  dataLength: number;
  /** Characters, for CHAR/VARCHAR2/NCHAR/NVARCHAR2; 0 otherwise. */
  charLength: number;
  /** NUMBER precision (null = unconstrained NUMBER), FLOAT binary precision, or null. */
  precision: number | null;
  /** NUMBER scale, or fractional-seconds digits for TIMESTAMP/INTERVAL DAY TO SECOND; null when not applicable. */
  scale: number | null;
  nullable: boolean;
  /** DATA_DEFAULT text as written in the dictionary, or null. */
  defaultValue: string | null;
}

export interface IndexMeta {
  name: string;
  columns: string[];
  unique: boolean;
}

export interface TableMeta {
  owner: string;
  name: string;
  columns: ColumnMeta[];
  /** Primary-key column names in key order, or null when the table has none. */
  primaryKey: string[] | null;
  /** Unique constraints (and unique indexes on NOT NULL columns), each in key order. */
  uniqueKeys: string[][];
  indexes: IndexMeta[];
  /** ALL_TABLES.NUM_ROWS (optimizer statistics) — an estimate, may be stale or null. */
  rowCountEstimate: number | null;
  /** Average row length in bytes from statistics, or null. */
  avgRowLength: number | null;
  /** ALL_TABLES.LOGGING: false for a NOLOGGING table; null/absent when unknown (e.g. partitioned tables). */
  logging?: boolean | null;
  /**
   * Table-level supplemental log groups (ALL_LOG_GROUPS: PRIMARY KEY / UNIQUE KEY / ALL COLUMN
   * LOGGING); they add to the database-level ones. Absent when not read.
   */
  supplementalLogGroups?: { pk: boolean; ui: boolean; all: boolean };
  /**
   * Columns whose dictionary type is outside ORACLE_TYPES (object types, ANYDATA, SDO_GEOMETRY, JSON,
   * VECTOR, …): left out of `columns`, not migrated, reported by the precheck. Absent = none.
   */
  unsupportedColumns?: { name: string; dataType: string }[];
  /**
   * Dictionary object numbers of the table and its partitions (ALL_OBJECTS.OBJECT_ID): LogMiner
   * names redo of a table it cannot resolve any more (dropped, or a changed definition) "OBJ# n".
   */
  objectIds?: number[];
  /**
   * Virtual columns (GENERATED ALWAYS AS (…) VIRTUAL): computed on read, never in redo, so left out
   * of `columns` in both phases (the schema DDL still defines them). Absent = none.
   */
  virtualColumns?: string[];
}

/** Columns that identify a row for keyset reads, partitioning and message keys: PK, else first UK, else null. */
export function identityKey(table: Pick<TableMeta, 'primaryKey' | 'uniqueKeys'>): string[] | null {
  if (table.primaryKey && table.primaryKey.length > 0) return table.primaryKey;
  return table.uniqueKeys[0] ?? null;
}

export type SchemaObjectType = 'TABLE' | 'VIEW' | 'PROCEDURE' | 'FUNCTION' | 'TRIGGER' | 'INDEX' | 'SEQUENCE' | 'PACKAGE';

export interface SchemaObject {
  owner: string;
  name: string;
  type: SchemaObjectType;
  status: 'VALID' | 'INVALID';
}

/** The UTC calendar fields of a JS Date as an OracleDateTime (no tz), with the given fraction. */
export function dateTimeFromUtc(d: Date, nanos = 0): OracleDateTime {
  return {
    year: d.getUTCFullYear(),
    month: d.getUTCMonth() + 1,
    day: d.getUTCDate(),
    hour: d.getUTCHours(),
    minute: d.getUTCMinutes(),
    second: d.getUTCSeconds(),
    nanos,
  };
}
