import { describe, expect, it } from 'vitest';
import { parseDdl } from './ddl-parser';
import { mineAll, minerGateway, testDb } from '../../../test/support/oracle/sim-fixtures';

describe('DDL', () => {
  it('changes the catalog and logs one DDL row (operation 5) in its own committed transaction', async () => {
    const { db } = testDb();
    const gw = minerGateway(db);
    db.loadRows('APP', 'EMP', [{ ID: 1, NAME: 'a' }]);
    const from = await gw.currentScn();
    const s = db.session('APP');
    s.insert('APP', 'EMP', { ID: 2, NAME: 'b' }); // committed implicitly by the DDL
    s.ddl(`ALTER TABLE APP.EMP ADD (NOTE VARCHAR2(30 CHAR) DEFAULT 'none' NOT NULL, CREATED TIMESTAMP(3) WITH TIME ZONE);`);
    const meta = await gw.describeTable('APP', 'EMP');
    expect(meta.columns.slice(4)).toEqual([
      { name: 'NOTE', type: 'VARCHAR2', dataLength: 120, charLength: 30, precision: null, scale: null, nullable: false, defaultValue: "'none'" },
      { name: 'CREATED', type: 'TIMESTAMP WITH TIME ZONE', dataLength: 13, charLength: 0, precision: null, scale: 3, nullable: true, defaultValue: null },
    ]);
    const rows = await mineAll(gw, from);
    expect(rows.map((r) => r.operation)).toEqual(['START', 'INSERT', 'COMMIT', 'START', 'DDL', 'COMMIT']);
    const ddl = rows[4]!;
    expect(ddl).toMatchObject({ operationCode: 5, segOwner: 'APP', tableName: 'EMP', info: 'USER DDL (PlSql=0 RecDep=0)' });
    expect(ddl.sqlRedo).toBe(`ALTER TABLE APP.EMP ADD (NOTE VARCHAR2(30 CHAR) DEFAULT 'none' NOT NULL, CREATED TIMESTAMP(3) WITH TIME ZONE)`);
    expect(ddl.xid).toBe(rows[5]!.xid);
    const chunk = await gw.readChunk({ owner: 'APP', table: 'EMP', scn: await gw.currentScn(), keyColumns: ['ID'], afterKey: null, limit: 5 });
    expect(chunk.rows.map((r) => r[4])).toEqual(['none', 'none']);
    // New DML uses the new column list.
    s.update('APP', 'EMP', { ID: 1 }, { NOTE: 'x' });
    s.commit();
    const after = await mineAll(gw, ddl.scn + 2n);
    expect(after.find((r) => r.operation === 'UPDATE')!.sqlRedo).toBe(`update "APP"."EMP" set "NOTE" = 'x' where "NOTE" = 'none';`);
  });

  it('drops, modifies and renames columns and tables, truncates, and manages keys', async () => {
    const { db } = testDb();
    const gw = minerGateway(db);
    db.loadRows('APP', 'EMP', [{ ID: 1, NAME: 'a', SALARY: 5 }]);
    const s = db.session('APP');
    s.ddl('ALTER TABLE EMP DROP COLUMN HIRED');
    s.ddl('ALTER TABLE EMP MODIFY (NAME VARCHAR2(80) NOT NULL)');
    s.ddl('ALTER TABLE EMP RENAME COLUMN SALARY TO PAY');
    let meta = await gw.describeTable('APP', 'EMP');
    expect(meta.columns.map((c) => `${c.name}:${c.type}(${c.dataLength})${c.nullable ? '' : '!'}`)).toEqual(['ID:NUMBER(22)!', 'NAME:VARCHAR2(80)!', 'PAY:NUMBER(22)']);
    const snap = await gw.readChunk({ owner: 'APP', table: 'EMP', scn: await gw.currentScn(), keyColumns: ['ID'], afterKey: null, limit: 5 });
    expect(snap.rows).toEqual([['1', 'a', '5']]);
    s.ddl('RENAME EMP TO STAFF');
    await expect(gw.describeTable('APP', 'EMP')).rejects.toMatchObject({ code: 'ORA-00942' });
    s.ddl('ALTER TABLE STAFF DROP PRIMARY KEY');
    expect((await gw.listTables('APP')).find((t) => t.name === 'STAFF')).toMatchObject({ hasPrimaryKey: false, hasUniqueKey: false });
    s.ddl('ALTER TABLE STAFF ADD CONSTRAINT STAFF_UK UNIQUE (NAME)');
    meta = await gw.describeTable('APP', 'STAFF');
    expect(meta.uniqueKeys).toEqual([['NAME']]);
    s.ddl('TRUNCATE TABLE STAFF');
    expect(await gw.countRows('APP', 'STAFF', await gw.currentScn())).toBe(0);
    s.ddl('DROP TABLE STAFF PURGE');
    expect((await gw.listTables('APP')).map((t) => t.name)).toEqual([]);
  });

  it('keeps views, indexes, procedures, functions and triggers with DBMS_METADATA-like DDL', async () => {
    const { db } = testDb();
    const gw = minerGateway(db);
    const s = db.session('APP');
    s.ddl('CREATE INDEX EMP_NAME_IX ON EMP (NAME, HIRED)');
    s.ddl('CREATE OR REPLACE VIEW RICH AS SELECT * FROM EMP WHERE SALARY > 1000');
    s.ddl('CREATE OR REPLACE PROCEDURE RAISE_ALL (pct NUMBER) IS BEGIN UPDATE EMP SET SALARY = SALARY * (1 + pct / 100); END;');
    s.ddl('CREATE FUNCTION TWICE (n NUMBER) RETURN NUMBER IS BEGIN RETURN n * 2; END;');
    s.ddl('CREATE OR REPLACE TRIGGER EMP_BI BEFORE INSERT ON EMP FOR EACH ROW BEGIN NULL; END;');
    const objects = await gw.listObjects('APP', ['VIEW', 'PROCEDURE', 'FUNCTION', 'TRIGGER', 'INDEX']);
    expect(objects.map((o) => `${o.type}:${o.name}`)).toEqual(['FUNCTION:TWICE', 'INDEX:EMP_NAME_IX', expect.stringMatching(/^INDEX:SYS_C/), 'PROCEDURE:RAISE_ALL', 'TRIGGER:EMP_BI', 'VIEW:RICH']);
    expect(await gw.objectDdl('APP', 'VIEW', 'RICH')).toBe('\n  CREATE OR REPLACE FORCE EDITIONABLE VIEW "APP"."RICH" AS SELECT * FROM EMP WHERE SALARY > 1000');
    expect(await gw.objectDdl('APP', 'INDEX', 'EMP_NAME_IX')).toContain('CREATE INDEX "APP"."EMP_NAME_IX" ON "APP"."EMP" ("NAME", "HIRED")');
    expect(await gw.objectDdl('APP', 'PROCEDURE', 'RAISE_ALL')).toContain('CREATE OR REPLACE EDITIONABLE PROCEDURE "APP"."RAISE_ALL" (pct NUMBER) IS BEGIN');
    const table = await gw.objectDdl('APP', 'TABLE', 'EMP');
    expect(table).toContain('CREATE TABLE "APP"."EMP" \n   (\t"ID" NUMBER(10,0) NOT NULL ENABLE, \n\t"NAME" VARCHAR2(40), \n\t"HIRED" DATE, \n\t"SALARY" NUMBER(8,2), \n\t PRIMARY KEY'.replace(' PRIMARY KEY', ' CONSTRAINT'));
    s.ddl('DROP TRIGGER EMP_BI');
    await expect(gw.objectDdl('APP', 'TRIGGER', 'EMP_BI')).rejects.toMatchObject({ code: 'ORA-31603' });
  });

  it('rejects what Oracle rejects', () => {
    const { db } = testDb();
    const s = db.session('APP');
    expect(() => s.ddl('CREATE TABLE EMP (X NUMBER)')).toThrow(expect.objectContaining({ code: 'ORA-00955' }));
    expect(() => s.ddl('ALTER TABLE EMP ADD (NAME NUMBER)')).toThrow(expect.objectContaining({ code: 'ORA-01430' }));
    expect(() => s.ddl('GRANT SELECT ON EMP TO PUBLIC')).toThrow(expect.objectContaining({ code: 'ORA-00900' }));
    db.loadRows('APP', 'EMP', [{ ID: 1, NAME: 'same' }, { ID: 2, NAME: 'same' }]);
    expect(() => s.ddl('ALTER TABLE EMP ADD CONSTRAINT EMP_NAME_UK UNIQUE (NAME)')).toThrow(expect.objectContaining({ code: 'ORA-02299' }));
    const other = db.session('APP');
    other.update('APP', 'EMP', { ID: 1 }, { NAME: 'locked' });
    expect(() => s.ddl('ALTER TABLE EMP DROP COLUMN HIRED')).toThrow(expect.objectContaining({ code: 'ORA-00054' }));
  });

  it('parses the column forms of CREATE TABLE', () => {
    const cmd = parseDdl(
      `create table "Mixed Case"."T" (a number(5,-2), b float, c interval day(3) to second(2), d char(3 char) default 'x' constraint c_nn not null, e raw(8), unique (a, b))`,
      'ME',
    );
    expect(cmd).toMatchObject({
      kind: 'createTable',
      owner: 'Mixed Case',
      name: 'T',
      constraints: [{ kind: 'UK', name: null, columns: ['A', 'B'] }],
    });
    if (cmd.kind !== 'createTable') throw new Error('unreachable');
    expect(cmd.columns.map((c) => [c.name, c.type, c.precision, c.scale, c.dataLength, c.nullable, c.defaultValue])).toEqual([
      ['A', 'NUMBER', 5, -2, 22, true, null],
      ['B', 'FLOAT', 126, null, 22, true, null],
      ['C', 'INTERVAL DAY TO SECOND', 3, 2, 11, true, null],
      ['D', 'CHAR', null, null, 12, false, "'x'"],
      ['E', 'RAW', null, null, 8, true, null],
    ]);
  });
});
