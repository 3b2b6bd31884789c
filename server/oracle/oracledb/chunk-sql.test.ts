import { describe, expect, it } from 'vitest';
import type { ColumnMeta, TableMeta } from '../../model/oracle-types';
import { buildChunkQuery, buildCountQuery, ROWID_RANGES_SQL } from './chunk-sql';
import { rowidRangeBounds } from '../rowid-ranges';

function col(name: string, type: ColumnMeta['type'], extra: Partial<ColumnMeta> = {}): ColumnMeta {
  return { name, type, dataLength: 22, charLength: 0, precision: null, scale: null, nullable: true, defaultValue: null, ...extra };
}

const emp: TableMeta = {
  owner: 'HR',
  name: 'EMP',
  columns: [col('ID', 'NUMBER'), col('DEPT', 'VARCHAR2'), col('HIRED', 'DATE'), col('TS', 'TIMESTAMP WITH TIME ZONE'), col('PHOTO', 'BLOB')],
  primaryKey: ['ID'],
  uniqueKeys: [],
  indexes: [],
  rowCountEstimate: null,
  avgRowLength: null,
};

const SELECT = `SELECT "ID", "DEPT", TO_CHAR("HIRED", 'YYYY-MM-DD HH24:MI:SS') AS "HIRED", TO_CHAR("TS", 'YYYY-MM-DD HH24:MI:SS.FF9 TZH:TZM') AS "TS", "PHOTO"`;

describe('buildChunkQuery', () => {
  it('first chunk: no key predicate, flashback SCN and limit bound', () => {
    const q = buildChunkQuery(emp, { owner: 'HR', table: 'EMP', scn: 12345678901234567890n, keyColumns: ['ID'], afterKey: null, limit: 500 });
    expect(q.sql).toBe(`${SELECT} FROM "HR"."EMP" AS OF SCN TO_NUMBER(:scn) ORDER BY "ID" FETCH FIRST :n ROWS ONLY`);
    expect(q.binds).toEqual({ scn: '12345678901234567890', n: 500 });
    expect(q.keyIndexes).toEqual([0]);
  });

  it('next chunk of a composite key, with a filter', () => {
    const q = buildChunkQuery(emp, {
      owner: 'HR',
      table: 'EMP',
      scn: 7n,
      keyColumns: ['DEPT', 'HIRED', 'ID'],
      afterKey: ['SALES', { year: 2020, month: 2, day: 1, hour: 13, minute: 5, second: 7, nanos: 0 }, '42'],
      limit: 2,
      filter: { kind: 'compare', op: '>', left: { kind: 'column', name: 'ID' }, right: { kind: 'number', text: '10' } },
    });
    expect(q.sql).toBe(
      `${SELECT} FROM "HR"."EMP" AS OF SCN TO_NUMBER(:scn) WHERE "DEPT" >= :k0 AND ` +
        `(("DEPT" > :k0) OR ("DEPT" = :k0 AND "HIRED" > TO_DATE(:k1, 'YYYY-MM-DD HH24:MI:SS')) OR ("DEPT" = :k0 AND "HIRED" = TO_DATE(:k1, 'YYYY-MM-DD HH24:MI:SS') AND "ID" > TO_NUMBER(:k2)))` +
        ` AND (("ID" > TO_NUMBER(:f0))) ORDER BY "DEPT", "HIRED", "ID" FETCH FIRST :n ROWS ONLY`,
    );
    expect(q.binds).toEqual({ scn: '7', k0: 'SALES', k1: '2020-02-01 13:05:07', k2: '42', f0: '10', n: 2 });
    expect(q.keyIndexes).toEqual([1, 2, 0]);
  });

  it('keyless tables page by ROWID, selected as an extra last column', () => {
    const q = buildChunkQuery(emp, { owner: 'HR', table: 'EMP', scn: 9n, keyColumns: ['ROWID'], afterKey: ['AAAR3sAAEAAAACXAAA'], limit: 10 });
    expect(q.sql).toBe(`${SELECT}, ROWIDTOCHAR(ROWID) AS "ORA2KAFKA$ROWID" FROM "HR"."EMP" AS OF SCN TO_NUMBER(:scn) WHERE ((ROWID > CHARTOROWID(:k0))) ORDER BY ROWID FETCH FIRST :n ROWS ONLY`);
    expect(q.binds).toEqual({ scn: '9', k0: 'AAAR3sAAEAAAACXAAA', n: 10 });
    expect(q.keyIndexes).toEqual([5]);
  });

  it('a keyless table reads one ROWID range: after the last ROWID, up to the range bound', () => {
    const q = buildChunkQuery(emp, { owner: 'HR', table: 'EMP', scn: 9n, keyColumns: ['ROWID'], afterKey: ['AAAR3sAAEAAAACXAAA'], limit: 10, rowidUpTo: 'AAAR3sAAEAAAAQWH//' });
    expect(q.sql).toBe(`${SELECT}, ROWIDTOCHAR(ROWID) AS "ORA2KAFKA$ROWID" FROM "HR"."EMP" AS OF SCN TO_NUMBER(:scn) WHERE ((ROWID > CHARTOROWID(:k0))) AND ROWID <= CHARTOROWID(:rhi) ORDER BY ROWID FETCH FIRST :n ROWS ONLY`);
    expect(q.binds).toMatchObject({ k0: 'AAAR3sAAEAAAACXAAA', rhi: 'AAAR3sAAEAAAAQWH//' });
    expect(() => buildChunkQuery(emp, { owner: 'HR', table: 'EMP', scn: 9n, keyColumns: ['ID'], afterKey: null, limit: 10, rowidUpTo: 'AAAR3sAAEAAAAQWH//' })).toThrow(/needs ROWID paging/);
    expect(ROWID_RANGES_SQL).toContain('DBMS_ROWID.ROWID_CREATE(1, O.DATA_OBJECT_ID, E.RELATIVE_FNO, E.BLOCK_ID + E.BLOCKS - 1, 32767)');
  });

  it('groups extents into ranges of about RANGE_BLOCKS blocks, bounds in Oracle ROWID order, the last range open', () => {
    const ext = (block: string, blocks: number) => ({ hi: `AAAR3sAAE${block}H//`, blocks });
    expect(rowidRangeBounds([ext('AAAACX', 8), ext('AAAACf', 8), ext('AAAAEA', 1024), ext('AAAAIA', 1024), ext('AAAAMA', 8)], 1024)).toEqual(['AAAR3sAAEAAAAEAH//', 'AAAR3sAAEAAAAIAH//']);
    expect(rowidRangeBounds([ext('AAAACX', 8)], 1024)).toEqual([]);
    // Listed out of order (or duplicated), the bounds still come back in ROWID order, once each.
    expect(rowidRangeBounds([ext('AAAAA0', 2000), ext('AAAAAa', 2000), ext('AAAAAa', 2000), ext('AAAAB0', 1)], 1024)).toEqual(['AAAR3sAAEAAAAAaH//', 'AAAR3sAAEAAAAA0H//']);
  });

  it('a composite key starts with a range on its leading column, so each chunk seeks instead of rescanning', () => {
    const q = buildChunkQuery(emp, { owner: 'HR', table: 'EMP', scn: 9n, keyColumns: ['DEPT', 'ID'], afterKey: ['IT', '7'], limit: 5 });
    expect(q.sql).toContain(`WHERE "DEPT" >= :k0 AND (("DEPT" > :k0) OR ("DEPT" = :k0 AND "ID" > TO_NUMBER(:k1)))`);
    // A single-column key is already a range.
    expect(buildChunkQuery(emp, { owner: 'HR', table: 'EMP', scn: 9n, keyColumns: ['ID'], afterKey: ['7'], limit: 5 }).sql).toContain('WHERE (("ID" > TO_NUMBER(:k0))) ORDER BY');
  });

  it('a table with a LONG column pages with ROWNUM around the ordered query (FETCH FIRST raises ORA-00997)', () => {
    const notes: TableMeta = { ...emp, name: 'NOTES', columns: [col('ID', 'NUMBER'), col('BODY', 'LONG')] };
    const q = buildChunkQuery(notes, { owner: 'HR', table: 'NOTES', scn: 3n, keyColumns: ['ID'], afterKey: ['10'], limit: 50 });
    expect(q.sql).toBe('SELECT * FROM (SELECT "ID", "BODY" FROM "HR"."NOTES" AS OF SCN TO_NUMBER(:scn) WHERE (("ID" > TO_NUMBER(:k0))) ORDER BY "ID") WHERE ROWNUM <= :n');
    expect(q.sql).not.toContain('FETCH FIRST');
    expect(q.binds).toEqual({ scn: '3', k0: '10', n: 50 });
    expect(q.keyIndexes).toEqual([0]);
    const raw: TableMeta = { ...notes, primaryKey: null, columns: [col('ID', 'NUMBER'), col('IMG', 'LONG RAW')] };
    expect(buildChunkQuery(raw, { owner: 'HR', table: 'NOTES', scn: 3n, keyColumns: ['ROWID'], afterKey: null, limit: 5 }).sql).toBe(
      'SELECT * FROM (SELECT "ID", "IMG", ROWIDTOCHAR(ROWID) AS "ORA2KAFKA$ROWID" FROM "HR"."NOTES" AS OF SCN TO_NUMBER(:scn) ORDER BY ROWID) WHERE ROWNUM <= :n',
    );
  });

  it('rejects unknown key columns, LOB keys, filters on unknown columns and bad limits', () => {
    const base = { owner: 'HR', table: 'EMP', scn: 1n, afterKey: null, limit: 10 };
    expect(() => buildChunkQuery(emp, { ...base, keyColumns: ['NOPE'] })).toThrow(/not a column/);
    expect(() => buildChunkQuery(emp, { ...base, keyColumns: ['PHOTO'], afterKey: [new Uint8Array([1])] })).toThrow(/cannot be a paging key/);
    expect(() => buildChunkQuery(emp, { ...base, keyColumns: ['ID'], filter: { kind: 'isNull', negated: false, operand: { kind: 'column', name: 'X' } } })).toThrow(/does not have/);
    expect(() => buildChunkQuery(emp, { ...base, keyColumns: ['ID'], limit: 0 })).toThrow(/positive/);
  });
});

describe('buildCountQuery', () => {
  it('counts AS OF SCN with the filter bound', () => {
    expect(buildCountQuery('HR', 'EMP', 5n, { kind: 'isNull', negated: true, operand: { kind: 'column', name: 'DEPT' } })).toEqual({
      sql: 'SELECT COUNT(*) AS "N" FROM "HR"."EMP" AS OF SCN TO_NUMBER(:scn) WHERE ("DEPT" IS NOT NULL)',
      binds: { scn: '5' },
    });
  });
});
