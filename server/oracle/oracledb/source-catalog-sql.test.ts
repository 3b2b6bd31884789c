import { describe, expect, it } from 'vitest';
import { assembleTableMeta, baseOracleType, COLUMNS_SQL, objectsSql, TABLE_STATS_SQL } from './source-catalog-sql';

const colRow = (name: string, type: string, extra: Record<string, unknown> = {}) => ({
  COLUMN_NAME: name, DATA_TYPE: type, DATA_TYPE_OWNER: null, DATA_LENGTH: 22, CHAR_LENGTH: 0, DATA_PRECISION: null, DATA_SCALE: null, NULLABLE: 'Y', DATA_DEFAULT: null, ...extra,
});

describe('catalog mappers', () => {
  it('strips precision from dictionary type names and refuses unknown types', () => {
    expect(baseOracleType('TIMESTAMP(6) WITH LOCAL TIME ZONE', null)).toBe('TIMESTAMP WITH LOCAL TIME ZONE');
    expect(baseOracleType('INTERVAL DAY(2) TO SECOND(6)', null)).toBe('INTERVAL DAY TO SECOND');
    expect(baseOracleType('XMLTYPE', 'SYS')).toBe('XMLTYPE');
    expect(baseOracleType('SDO_GEOMETRY', 'MDSYS')).toBeNull();
    expect(baseOracleType('ANYDATA', 'SYS')).toBeNull();
  });

  it('assembles columns, PK, UKs (constraints + unique NOT NULL indexes) and unsupported columns', () => {
    const meta = assembleTableMeta(
      'HR',
      'EMP',
      [
        colRow('ID', 'NUMBER', { DATA_PRECISION: 10, DATA_SCALE: 0, NULLABLE: 'N' }),
        colRow('EMAIL', 'VARCHAR2', { DATA_LENGTH: 100, CHAR_LENGTH: 100, NULLABLE: 'N', DATA_DEFAULT: "'x'  \n" }),
        colRow('CODE', 'CHAR', { DATA_LENGTH: 4, CHAR_LENGTH: 4, NULLABLE: 'N' }),
        colRow('NOTE', 'VARCHAR2', { DATA_LENGTH: 10, CHAR_LENGTH: 10 }),
        colRow('SHAPE', 'SDO_GEOMETRY', { DATA_TYPE_OWNER: 'MDSYS' }),
      ],
      [
        { CONSTRAINT_NAME: 'EMP_PK', CONSTRAINT_TYPE: 'P', COLUMN_NAME: 'ID' },
        { CONSTRAINT_NAME: 'EMP_EMAIL_UK', CONSTRAINT_TYPE: 'U', COLUMN_NAME: 'EMAIL' },
      ],
      [
        { INDEX_NAME: 'EMP_PK', UNIQUENESS: 'UNIQUE', COLUMN_NAME: 'ID' },
        { INDEX_NAME: 'EMP_EMAIL_UK', UNIQUENESS: 'UNIQUE', COLUMN_NAME: 'EMAIL' },
        { INDEX_NAME: 'EMP_CODE_UX', UNIQUENESS: 'UNIQUE', COLUMN_NAME: 'CODE' },
        { INDEX_NAME: 'EMP_NOTE_UX', UNIQUENESS: 'UNIQUE', COLUMN_NAME: 'NOTE' },
        { INDEX_NAME: 'EMP_FBI', UNIQUENESS: 'NONUNIQUE', COLUMN_NAME: 'SYS_NC00006$' },
      ],
      { NUM_ROWS: 107, AVG_ROW_LEN: 69 },
    );
    expect(meta.columns.map((c) => c.name)).toEqual(['ID', 'EMAIL', 'CODE', 'NOTE']);
    expect(meta.columns[1]).toEqual({ name: 'EMAIL', type: 'VARCHAR2', dataLength: 100, charLength: 100, precision: null, scale: null, nullable: false, defaultValue: "'x'" });
    expect(meta.columns[0]).toMatchObject({ precision: 10, scale: 0, charLength: 0 });
    expect(meta.primaryKey).toEqual(['ID']);
    // the unique index on nullable NOTE is not an identity key; CODE's is
    expect(meta.uniqueKeys).toEqual([['EMAIL'], ['CODE']]);
    expect(meta.indexes.map((i) => i.name)).toEqual(['EMP_PK', 'EMP_EMAIL_UK', 'EMP_CODE_UX', 'EMP_NOTE_UX']);
    expect(meta.unsupportedColumns).toEqual([{ name: 'SHAPE', dataType: 'MDSYS.SDO_GEOMETRY' }]);
    expect(meta.rowCountEstimate).toBe(107);
  });

  it('leaves virtual columns out (computed, never in redo) and reads the LOGGING attribute (recorded ALL_TAB_COLS rows)', () => {
    const meta = assembleTableMeta(
      'HR',
      'ORDERS',
      [
        colRow('ID', 'NUMBER', { DATA_PRECISION: 10, DATA_SCALE: 0, NULLABLE: 'N', VIRTUAL_COLUMN: 'NO' }),
        colRow('PRICE', 'NUMBER', { DATA_PRECISION: 10, DATA_SCALE: 2, VIRTUAL_COLUMN: 'NO' }),
        colRow('QTY', 'NUMBER', { VIRTUAL_COLUMN: 'NO' }),
        colRow('TOTAL', 'NUMBER', { VIRTUAL_COLUMN: 'YES', DATA_DEFAULT: '"PRICE"*"QTY"' }),
      ],
      [{ CONSTRAINT_NAME: 'ORDERS_PK', CONSTRAINT_TYPE: 'P', COLUMN_NAME: 'ID' }],
      [{ INDEX_NAME: 'ORDERS_PK', UNIQUENESS: 'UNIQUE', COLUMN_NAME: 'ID' }],
      { NUM_ROWS: 3, AVG_ROW_LEN: 20, LOGGING: 'NO' },
    );
    expect(meta.columns.map((c) => c.name)).toEqual(['ID', 'PRICE', 'QTY']);
    expect(meta.virtualColumns).toEqual(['TOTAL']);
    expect(meta.logging).toBe(false);
    expect(COLUMNS_SQL).toContain('VIRTUAL_COLUMN');
    expect(COLUMNS_SQL).toContain("USER_GENERATED = 'YES'");
    expect(TABLE_STATS_SQL).toContain('LOGGING');
  });

  it('binds object types', () => {
    const q = objectsSql(['VIEW', 'TRIGGER']);
    expect(q.sql).toContain('OBJECT_TYPE IN (:t0, :t1)');
    expect(q.binds).toEqual({ t0: 'VIEW', t1: 'TRIGGER' });
  });
});
