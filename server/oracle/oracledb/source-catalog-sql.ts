import { ORACLE_TYPES, type ColumnMeta, type IndexMeta, type OracleType, type SchemaObjectType, type TableMeta } from '../../model/oracle-types';

/**
 * Catalog queries (ALL_* views: what the account can see) and pure mappers from their rows.
 * Example ALL_TAB_COLUMNS row and its ColumnMeta:
 *   { COLUMN_NAME: 'HIRED', DATA_TYPE: 'TIMESTAMP(6) WITH TIME ZONE', DATA_LENGTH: 13, CHAR_LENGTH: 0,
 *     DATA_PRECISION: null, DATA_SCALE: 6, NULLABLE: 'Y', DATA_DEFAULT: 'SYSTIMESTAMP ' }
 *   → { name: 'HIRED', type: 'TIMESTAMP WITH TIME ZONE', dataLength: 13, charLength: 0, precision: null,
 *       scale: 6, nullable: true, defaultValue: 'SYSTIMESTAMP' }
 */

export const SCHEMAS_SQL = `SELECT USERNAME FROM ALL_USERS WHERE ORACLE_MAINTAINED = 'N' ORDER BY USERNAME`;

export const TABLES_SQL =
  `SELECT T.TABLE_NAME, T.NUM_ROWS, ` +
  `(SELECT COUNT(*) FROM ALL_CONSTRAINTS C WHERE C.OWNER = T.OWNER AND C.TABLE_NAME = T.TABLE_NAME AND C.CONSTRAINT_TYPE = 'P') AS PK_COUNT, ` +
  `(SELECT COUNT(*) FROM ALL_CONSTRAINTS C WHERE C.OWNER = T.OWNER AND C.TABLE_NAME = T.TABLE_NAME AND C.CONSTRAINT_TYPE = 'U') AS UK_COUNT ` +
  `FROM ALL_TABLES T WHERE T.OWNER = :owner AND T.NESTED = 'NO' AND T.SECONDARY = 'N' AND T.TEMPORARY = 'N' AND T.DROPPED = 'NO' ` +
  `AND (T.IOT_TYPE IS NULL OR T.IOT_TYPE = 'IOT') AND T.TABLE_NAME NOT LIKE 'MLOG$\\_%' ESCAPE '\\' ORDER BY T.TABLE_NAME`;

/**
 * LOGGING is YES/NO, or NULL for a partitioned table (set per partition). SUPP_PK/UI/ALL: the
 * table-level supplemental log groups (ALL_LOG_GROUPS), counted in the same round trip.
 */
const logGroup = (type: string, alias: string) =>
  `(SELECT COUNT(*) FROM ALL_LOG_GROUPS G WHERE G.OWNER = T.OWNER AND G.TABLE_NAME = T.TABLE_NAME AND G.LOG_GROUP_TYPE = '${type}') AS ${alias}`;
export const TABLE_STATS_SQL =
  `SELECT T.NUM_ROWS, T.AVG_ROW_LEN, T.LOGGING, ${logGroup('PRIMARY KEY LOGGING', 'SUPP_PK')}, ${logGroup('UNIQUE KEY LOGGING', 'SUPP_UI')}, ` +
  `${logGroup('ALL COLUMN LOGGING', 'SUPP_ALL')} FROM ALL_TABLES T WHERE T.OWNER = :owner AND T.TABLE_NAME = :tableName`;

/** The table's dictionary object numbers (partitions too): LogMiner's DATA_OBJ# for its redo. */
export const OBJECT_IDS_SQL =
  `SELECT OBJECT_ID FROM ALL_OBJECTS WHERE OWNER = :owner AND OBJECT_NAME = :tableName ` +
  `AND OBJECT_TYPE IN ('TABLE', 'TABLE PARTITION', 'TABLE SUBPARTITION') ORDER BY OBJECT_ID`;

/**
 * ALL_TAB_COLS with USER_GENERATED = 'YES' lists what ALL_TAB_COLUMNS lists, plus VIRTUAL_COLUMN:
 * virtual columns (GENERATED ALWAYS AS (…) VIRTUAL) are computed on read and never written to
 * redo, so they are left out of the migrated columns (TableMeta.virtualColumns names them) — the
 * full load and incremental migration then carry the same columns. Consumers recompute them.
 */
export const COLUMNS_SQL =
  `SELECT COLUMN_NAME, DATA_TYPE, DATA_TYPE_OWNER, DATA_LENGTH, CHAR_LENGTH, DATA_PRECISION, DATA_SCALE, NULLABLE, DATA_DEFAULT, VIRTUAL_COLUMN ` +
  `FROM ALL_TAB_COLS WHERE OWNER = :owner AND TABLE_NAME = :tableName AND USER_GENERATED = 'YES' ORDER BY COLUMN_ID`;

export const KEY_CONSTRAINTS_SQL =
  `SELECT C.CONSTRAINT_NAME, C.CONSTRAINT_TYPE, CC.COLUMN_NAME FROM ALL_CONSTRAINTS C ` +
  `JOIN ALL_CONS_COLUMNS CC ON CC.OWNER = C.OWNER AND CC.CONSTRAINT_NAME = C.CONSTRAINT_NAME AND CC.TABLE_NAME = C.TABLE_NAME ` +
  `WHERE C.OWNER = :owner AND C.TABLE_NAME = :tableName AND C.CONSTRAINT_TYPE IN ('P', 'U') AND C.STATUS = 'ENABLED' ` +
  `ORDER BY C.CONSTRAINT_TYPE, C.CONSTRAINT_NAME, CC.POSITION`;

export const INDEXES_SQL =
  `SELECT I.INDEX_NAME, I.UNIQUENESS, IC.COLUMN_NAME FROM ALL_INDEXES I ` +
  `JOIN ALL_IND_COLUMNS IC ON IC.INDEX_OWNER = I.OWNER AND IC.INDEX_NAME = I.INDEX_NAME ` +
  `WHERE I.TABLE_OWNER = :owner AND I.TABLE_NAME = :tableName ORDER BY I.INDEX_NAME, IC.COLUMN_POSITION`;

export function objectsSql(types: readonly SchemaObjectType[]): { sql: string; binds: Record<string, string> } {
  const binds: Record<string, string> = {};
  const list = types.map((t, i) => {
    binds[`t${i}`] = t;
    return `:t${i}`;
  });
  return {
    sql:
      `SELECT OBJECT_NAME, OBJECT_TYPE, STATUS FROM ALL_OBJECTS WHERE OWNER = :owner AND OBJECT_TYPE IN (${list.join(', ')}) ` +
      `AND GENERATED = 'N' AND OBJECT_NAME NOT LIKE 'BIN$%' ORDER BY OBJECT_TYPE, OBJECT_NAME`,
    binds,
  };
}

export const OBJECT_DDL_SQL = `SELECT DBMS_METADATA.GET_DDL(:objectType, :name, :owner) AS DDL FROM DUAL`;

type Row = Record<string, unknown>;

const num = (v: unknown): number | null => (v === null || v === undefined ? null : Number(v));
const str = (v: unknown): string => (v === null || v === undefined ? '' : String(v));

/** 'TIMESTAMP(6) WITH LOCAL TIME ZONE' → 'TIMESTAMP WITH LOCAL TIME ZONE'; unknown → null. */
export function baseOracleType(dataType: string, typeOwner: string | null): OracleType | null {
  const base = dataType.replace(/\(\d+\)/g, '').replace(/\s+/g, ' ').trim();
  if (base === 'XMLTYPE' && typeOwner !== null && typeOwner !== 'SYS' && typeOwner !== 'PUBLIC') return null;
  return (ORACLE_TYPES as readonly string[]).includes(base) ? (base as OracleType) : null;
}

export function mapColumn(r: Row): ColumnMeta | { unsupported: { name: string; dataType: string } } {
  const name = str(r.COLUMN_NAME);
  const dataType = str(r.DATA_TYPE);
  const type = baseOracleType(dataType, r.DATA_TYPE_OWNER == null ? null : str(r.DATA_TYPE_OWNER));
  if (!type) return { unsupported: { name, dataType: r.DATA_TYPE_OWNER ? `${str(r.DATA_TYPE_OWNER)}.${dataType}` : dataType } };
  const isChar = type === 'CHAR' || type === 'NCHAR' || type === 'VARCHAR2' || type === 'NVARCHAR2';
  const def = r.DATA_DEFAULT == null ? null : str(r.DATA_DEFAULT).trim();
  return {
    name,
    type,
    dataLength: num(r.DATA_LENGTH) ?? 0,
    charLength: isChar ? (num(r.CHAR_LENGTH) ?? 0) : 0,
    precision: num(r.DATA_PRECISION),
    scale: num(r.DATA_SCALE),
    nullable: str(r.NULLABLE) !== 'N',
    defaultValue: def === '' ? null : def,
  };
}

/** Assembles TableMeta from the rows of COLUMNS_SQL, KEY_CONSTRAINTS_SQL, INDEXES_SQL and TABLE_STATS_SQL. */
export function assembleTableMeta(owner: string, name: string, columnRows: Row[], constraintRows: Row[], indexRows: Row[], statsRow: Row | undefined): TableMeta {
  const columns: ColumnMeta[] = [];
  const unsupported: { name: string; dataType: string }[] = [];
  const virtual: string[] = [];
  for (const r of columnRows) {
    if (str(r.VIRTUAL_COLUMN) === 'YES') {
      virtual.push(str(r.COLUMN_NAME));
      continue;
    }
    const m = mapColumn(r);
    if ('unsupported' in m) unsupported.push(m.unsupported);
    else columns.push(m);
  }
  const groups = (rows: Row[], nameKey: string) => {
    const out = new Map<string, Row[]>();
    for (const r of rows) {
      const k = str(r[nameKey]);
      (out.get(k) ?? out.set(k, []).get(k)!).push(r);
    }
    return out;
  };
  let primaryKey: string[] | null = null;
  const uniqueKeys: string[][] = [];
  for (const rows of groups(constraintRows, 'CONSTRAINT_NAME').values()) {
    const cols = rows.map((r) => str(r.COLUMN_NAME));
    if (str(rows[0]!.CONSTRAINT_TYPE) === 'P') primaryKey = cols;
    else uniqueKeys.push(cols);
  }
  const known = new Set(columns.map((c) => c.name));
  const notNull = new Set(columns.filter((c) => !c.nullable).map((c) => c.name));
  const indexes: IndexMeta[] = [];
  const sameCols = (a: string[], b: string[]) => a.length === b.length && a.every((x, i) => x === b[i]);
  for (const [indexName, rows] of groups(indexRows, 'INDEX_NAME')) {
    const cols = rows.map((r) => str(r.COLUMN_NAME));
    if (!cols.every((c) => known.has(c))) continue; // function-based (SYS_NC…) or on an unsupported column
    const unique = str(rows[0]!.UNIQUENESS) === 'UNIQUE';
    indexes.push({ name: indexName, columns: cols, unique });
    const isKey = (primaryKey && sameCols(primaryKey, cols)) || uniqueKeys.some((u) => sameCols(u, cols));
    if (unique && !isKey && cols.every((c) => notNull.has(c))) uniqueKeys.push(cols);
  }
  const meta: TableMeta = {
    owner,
    name,
    columns,
    primaryKey,
    uniqueKeys,
    indexes,
    rowCountEstimate: num(statsRow?.NUM_ROWS),
    avgRowLength: num(statsRow?.AVG_ROW_LEN),
    logging: statsRow?.LOGGING === 'NO' ? false : statsRow?.LOGGING === 'YES' ? true : null,
  };
  if (statsRow && statsRow.SUPP_PK !== undefined) meta.supplementalLogGroups = { pk: Number(statsRow.SUPP_PK) > 0, ui: Number(statsRow.SUPP_UI) > 0, all: Number(statsRow.SUPP_ALL) > 0 };
  if (unsupported.length) meta.unsupportedColumns = unsupported;
  if (virtual.length) meta.virtualColumns = virtual;
  return meta;
}
