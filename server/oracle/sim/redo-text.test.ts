import { describe, expect, it } from 'vitest';
import { convertRedoValue, parseRedo } from '../redo';
import { CSF_PIECE_BYTES } from './redo-sql';
import { dml, mineAll, minerGateway, testDb } from '../../../test/support/oracle/sim-fixtures';

const hired = { year: 2020, month: 2, day: 1, hour: 13, minute: 45, second: 7, nanos: 0 };

async function redoOf(options: Parameters<typeof testDb>[0], act: (db: ReturnType<typeof testDb>['db']) => void) {
  const { db } = testDb(options);
  const gw = minerGateway(db);
  const from = await gw.currentScn();
  act(db);
  return dml(await mineAll(gw, from, ['APP']));
}

describe('SQL_REDO text', () => {
  it('prints INSERT, UPDATE and DELETE exactly as LogMiner with PK supplemental logging', async () => {
    const rows = await redoOf({ supplementalLogging: { pk: true } }, (db) => {
      const s = db.session('APP');
      s.insert('APP', 'EMP', { ID: 1, NAME: "O'Brien", HIRED: hired, SALARY: '2400.5' });
      s.update('APP', 'EMP', { ID: 1 }, { NAME: 'Bob', SALARY: null });
      s.delete('APP', 'EMP', { ID: 1 });
      s.commit();
    });
    expect(rows.map((r) => r.sqlRedo)).toEqual([
      `insert into "APP"."EMP"("ID","NAME","HIRED","SALARY") values ('1','O''Brien',TO_DATE('2020-02-01 13:45:07', 'YYYY-MM-DD HH24:MI:SS'),'2400.5');`,
      `update "APP"."EMP" set "NAME" = 'Bob', "SALARY" = NULL where "ID" = '1' and "NAME" = 'O''Brien' and "SALARY" = '2400.5';`,
      `delete from "APP"."EMP" where "ID" = '1' and "NAME" = 'Bob' and "HIRED" = TO_DATE('2020-02-01 13:45:07', 'YYYY-MM-DD HH24:MI:SS') and "SALARY" IS NULL;`,
    ]);
    expect(rows.map((r) => [r.operationCode, r.operation])).toEqual([[1, 'INSERT'], [3, 'UPDATE'], [2, 'DELETE']]);
    expect(new Set(rows.map((r) => r.rowId)).size).toBe(1);
    expect(rows[0]!.rowId).toMatch(/^[A-Za-z0-9+/]{18}$/);
  });

  it('puts only the changed columns in the UPDATE WHERE with minimal logging, all columns with ALL', async () => {
    const change = (db: ReturnType<typeof testDb>['db']) => {
      db.loadRows('APP', 'EMP', [{ ID: 7, NAME: 'Ann', HIRED: null, SALARY: 10 }]);
      const s = db.session('APP');
      s.update('APP', 'EMP', { ID: 7 }, { SALARY: 11 });
      s.commit();
    };
    const min = await redoOf({}, change);
    expect(min[0]!.sqlRedo).toBe(`update "APP"."EMP" set "SALARY" = '11' where "SALARY" = '10';`);
    const all = await redoOf({ supplementalLogging: { all: true } }, change);
    expect(all[0]!.sqlRedo).toBe(`update "APP"."EMP" set "SALARY" = '11' where "ID" = '7' and "NAME" = 'Ann' and "HIRED" IS NULL and "SALARY" = '10';`);
    const withRowId = await redoOf({ rowIdInStmt: true, supplementalLogging: { pk: true } }, change);
    expect(withRowId[0]!.sqlRedo).toBe(`update "APP"."EMP" set "SALARY" = '11' where "ID" = '7' and "SALARY" = '10' and ROWID = '${withRowId[0]!.rowId}';`);
  });

  it('honours table-level supplemental log groups', async () => {
    const rows = await redoOf({}, (db) => {
      db.loadRows('APP', 'EMP', [{ ID: 7, NAME: 'Ann', SALARY: 10 }]);
      const s = db.session('APP');
      s.ddl('ALTER TABLE EMP ADD SUPPLEMENTAL LOG DATA (PRIMARY KEY) COLUMNS');
      s.update('APP', 'EMP', { ID: 7 }, { NAME: 'Anna' });
      s.commit();
    });
    expect(rows[0]!.sqlRedo).toBe(`update "APP"."EMP" set "NAME" = 'Anna' where "ID" = '7' and "NAME" = 'Ann';`);
  });

  it('round-trips through parseRedo and convertRedoValue', async () => {
    const rows = await redoOf({ supplementalLogging: { pk: true } }, (db) => {
      const s = db.session('APP');
      s.insert('APP', 'EMP', { ID: 42, NAME: 'x "quoted" \'y\' ünï', HIRED: hired, SALARY: '-0.25' });
      s.commit();
    });
    const parsed = parseRedo(rows[0]!.sqlRedo!);
    expect(parsed).toMatchObject({ operation: 'INSERT', owner: 'APP', table: 'EMP' });
    const { db } = testDb();
    const cols = db.table('APP', 'EMP').columns;
    const typed = cols.map((c) => convertRedoValue(c, parsed.after![c.name] ?? null, true));
    expect(typed[0]).toBe('42');
    expect(typed[1]).toBe('x "quoted" \'y\' ünï');
    expect(convertRedoValue(cols[2]!, parsed.after!['HIRED']!)).toEqual(hired);
    expect(typed[3]).toBe('-0.25');
  });

  it('splits statements over 4000 bytes into CSF pieces at character boundaries', async () => {
    const rows = await redoOf({}, (db) => {
      db.session('APP').ddl('CREATE TABLE WIDE (ID NUMBER PRIMARY KEY, A VARCHAR2(4000), B VARCHAR2(4000))');
      const s = db.session('APP');
      s.insert('APP', 'WIDE', { ID: 1, A: 'é'.repeat(1999), B: 'b'.repeat(3000) });
      s.commit();
    });
    expect(rows.length).toBeGreaterThanOrEqual(2);
    expect(rows.map((r) => r.csf)).toEqual([...rows.slice(1).map(() => 1), 0]);
    for (const r of rows) expect(Buffer.byteLength(r.sqlRedo!, 'utf8')).toBeLessThanOrEqual(CSF_PIECE_BYTES);
    expect(new Set(rows.map((r) => `${r.scn}/${r.rsId}/${r.rowId}`)).size).toBe(1);
    expect(rows.map((r) => r.ssn)).toEqual(rows.map((_, i) => i));
    const joined = rows.map((r) => r.sqlRedo).join('');
    expect(parseRedo(joined).after).toEqual({ ID: '1', A: 'é'.repeat(1999), B: 'b'.repeat(3000) });
  });

  it('writes small LOBs as INSERT EMPTY_CLOB() + UPDATE and large ones as SELECT_LOB_LOCATOR + LOB_WRITE', async () => {
    const { db } = testDb();
    const gw = minerGateway(db);
    db.session('APP').ddl('CREATE TABLE DOCS (ID NUMBER PRIMARY KEY, BODY CLOB, DATA BLOB)');
    const from = await gw.currentScn();
    const s = db.session('APP');
    s.insert('APP', 'DOCS', { ID: 1, BODY: "it's small", DATA: null });
    s.insert('APP', 'DOCS', { ID: 2, BODY: 'x'.repeat(4500), DATA: new Uint8Array(4500).fill(0xab) });
    s.commit();
    const all = (await mineAll(gw, from)).filter((r) => r.tableName === 'DOCS');
    const rows = dml(all);
    expect(rows[0]!.sqlRedo).toBe(`insert into "APP"."DOCS"("ID","BODY","DATA") values ('1',EMPTY_CLOB(),NULL);`);
    expect(rows[1]!.sqlRedo).toBe(`update "APP"."DOCS" set "BODY" = 'it''s small' where "ID" = '1';`);
    expect(rows[2]!.sqlRedo).toBe(`insert into "APP"."DOCS"("ID","BODY","DATA") values ('2',EMPTY_CLOB(),EMPTY_BLOB());`);
    const big = all.filter((r) => r.sqlRedo!.includes("'2'") || r.operationCode === 10);
    const ops = all.slice(all.findIndex((r) => r.sqlRedo === rows[2]!.sqlRedo)).map((r) => r.operation);
    const five = ['LOB_WRITE', 'LOB_WRITE', 'LOB_WRITE', 'LOB_WRITE', 'LOB_WRITE'];
    expect(ops).toEqual(['INSERT', 'SELECT_LOB_LOCATOR', ...five, 'SELECT_LOB_LOCATOR', ...five]);
    expect(big.find((r) => r.operationCode === 9)!.sqlRedo).toBe(
      `DECLARE loc_c CLOB; buf_c VARCHAR2(6174); loc_b BLOB; buf_b RAW(6174); loc_nc NCLOB; buf_nc NVARCHAR2(6174); BEGIN select "BODY" into loc_c from "APP"."DOCS" where "ID" = '2' for update;`,
    );
    const writes = all.filter((r) => r.operationCode === 10);
    expect(writes[0]!.sqlRedo).toBe(` buf_c := '${'x'.repeat(1000)}';\n  dbms_lob.write(loc_c, 1000, 1, buf_c);`);
    expect(writes[4]!.sqlRedo).toBe(` buf_c := '${'x'.repeat(500)}';\n  dbms_lob.write(loc_c, 500, 4001, buf_c);`);
    expect(writes[9]!.sqlRedo).toBe(` buf_b := HEXTORAW('${'ab'.repeat(500)}');\n  dbms_lob.write(loc_b, 500, 4001, buf_b);`);
  });
});
