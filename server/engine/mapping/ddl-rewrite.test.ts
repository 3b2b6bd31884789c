import { describe, expect, it } from 'vitest';
import { ObjectMapper } from '../../model/task-mapping';
import { objectSelectionSchema } from '../../model/task-objects';
import { rewriteDdl } from './ddl-rewrite';
import { tokenize } from '../../oracle/sql-tokens';

const mapper = new ObjectMapper(
  objectSelectionSchema.parse({
    schemas: [
      {
        name: 'HR',
        mappedName: 'HR_PROD',
        tables: [
          { name: 'EMP', mappedName: 'EMPLOYEE', columns: [{ name: 'SAL', mappedName: 'SALARY' }, { name: 'DEPT_ID', mappedName: 'DEPARTMENT_ID' }] },
          { name: 'DEPT', mappedName: 'DEPARTMENT', columns: [{ name: 'ID', mappedName: 'DEPT_NO' }] },
          { name: 'Mixed Case', mappedName: 'mixed case' },
        ],
      },
      { name: 'SALES', all: true },
    ],
    batchRules: [{ target: 'table', match: 'TMP_*', case: 'lower' }],
  }),
);

const columns: Record<string, string[]> = { 'HR.EMP': ['ID', 'NAME', 'SAL', 'DEPT_ID'], 'HR.DEPT': ['ID', 'NAME'] };
const ctx = { defaultOwner: 'HR', mapper, columnsOf: (o: string, t: string) => columns[`${o}.${t}`] };
const rw = (sql: string) => rewriteDdl(sql, ctx);

describe('tokenize', () => {
  it('is lossless and keeps literals, comments and quoted names whole', () => {
    const sql = `CREATE TABLE "A B" (x VARCHAR2(10) DEFAULT 'it''s -- no' /* c "HR" */, y NUMBER DEFAULT q'[EMP's]') -- tail`;
    const toks = tokenize(sql);
    expect(toks.map((t) => t.text).join('')).toBe(sql);
    expect(toks.filter((t) => t.kind === 'str').map((t) => t.text)).toEqual([`'it''s -- no'`, `q'[EMP's]'`]);
    expect(toks.filter((t) => t.kind === 'comment').map((t) => t.text)).toEqual(['/* c "HR" */', '-- tail']);
    expect(toks.find((t) => t.kind === 'qid')!.name).toBe("A B");
  });
});

describe('rewriteDdl: tables', () => {
  it('CREATE TABLE: owner, table, columns, key lists, CHECK and REFERENCES', () => {
    const sql = `CREATE TABLE "HR"."EMP" ("ID" NUMBER, "SAL" NUMBER(8,2) CHECK (SAL > 0), DEPT_ID NUMBER, CONSTRAINT "EMP_PK" PRIMARY KEY ("ID", "SAL"), CONSTRAINT FK_D FOREIGN KEY (DEPT_ID) REFERENCES HR.DEPT (ID) ON DELETE CASCADE)`;
    expect(rw(sql)).toBe(
      `CREATE TABLE "HR_PROD"."EMPLOYEE" ("ID" NUMBER, "SALARY" NUMBER(8,2) CHECK (SALARY > 0), DEPARTMENT_ID NUMBER, CONSTRAINT "EMP_PK" PRIMARY KEY ("ID", "SALARY"), CONSTRAINT FK_D FOREIGN KEY (DEPARTMENT_ID) REFERENCES HR_PROD.DEPARTMENT (DEPT_NO) ON DELETE CASCADE)`,
    );
  });

  it('keeps string literals and comments that mention the names', () => {
    const sql = `CREATE TABLE emp (sal NUMBER DEFAULT 0 /* sal */, note VARCHAR2(20) DEFAULT 'HR.EMP sal')`;
    expect(rw(sql)).toBe(`CREATE TABLE EMPLOYEE (SALARY NUMBER DEFAULT 0 /* sal */, note VARCHAR2(20) DEFAULT 'HR.EMP sal')`);
  });

  it('quotes a mapped name Oracle would otherwise fold, and handles quoted names with spaces', () => {
    expect(rw(`DROP TABLE HR."Mixed Case" PURGE`)).toBe(`DROP TABLE HR_PROD."mixed case" PURGE`);
    expect(rw(`TRUNCATE TABLE SALES.TMP_X`)).toBe(`TRUNCATE TABLE SALES."tmp_x"`);
  });

  it('ALTER TABLE: ADD, MODIFY, DROP, RENAME COLUMN, RENAME TO', () => {
    expect(rw(`ALTER TABLE HR.EMP ADD (BONUS NUMBER, CONSTRAINT CK CHECK (SAL > BONUS))`)).toBe(
      `ALTER TABLE HR_PROD.EMPLOYEE ADD (BONUS NUMBER, CONSTRAINT CK CHECK (SALARY > BONUS))`,
    );
    expect(rw(`alter table emp add dept_id number`)).toBe(`alter table EMPLOYEE add DEPARTMENT_ID number`);
    expect(rw(`ALTER TABLE "HR"."EMP" MODIFY ("SAL" NUMBER(10,2) NOT NULL)`)).toBe(`ALTER TABLE "HR_PROD"."EMPLOYEE" MODIFY ("SALARY" NUMBER(10,2) NOT NULL)`);
    expect(rw(`ALTER TABLE HR.EMP DROP COLUMN SAL`)).toBe(`ALTER TABLE HR_PROD.EMPLOYEE DROP COLUMN SALARY`);
    expect(rw(`ALTER TABLE HR.EMP DROP (SAL, NAME)`)).toBe(`ALTER TABLE HR_PROD.EMPLOYEE DROP (SALARY, NAME)`);
    expect(rw(`ALTER TABLE HR.EMP SET UNUSED (DEPT_ID)`)).toBe(`ALTER TABLE HR_PROD.EMPLOYEE SET UNUSED (DEPARTMENT_ID)`);
    expect(rw(`ALTER TABLE "HR"."EMP" RENAME COLUMN "SAL" TO "PAY"`)).toBe(`ALTER TABLE "HR_PROD"."EMPLOYEE" RENAME COLUMN "SALARY" TO "PAY"`);
    expect(rw(`ALTER TABLE SALES.X RENAME TO TMP_Y`)).toBe(`ALTER TABLE SALES.X RENAME TO "tmp_y"`);
    expect(rw(`ALTER TABLE HR.EMP ADD CONSTRAINT FK FOREIGN KEY (DEPT_ID) REFERENCES DEPT (ID)`)).toBe(
      `ALTER TABLE HR_PROD.EMPLOYEE ADD CONSTRAINT FK FOREIGN KEY (DEPARTMENT_ID) REFERENCES DEPARTMENT (DEPT_NO)`,
    );
  });

  it('RENAME, CREATE INDEX, COMMENT ON', () => {
    expect(rw(`RENAME EMP TO EMP_OLD`)).toBe(`RENAME EMPLOYEE TO EMP_OLD`);
    expect(rw(`CREATE UNIQUE INDEX HR.EMP_IX ON HR.EMP (SAL DESC, UPPER(NAME), DEPT_ID)`)).toBe(
      `CREATE UNIQUE INDEX HR_PROD.EMP_IX ON HR_PROD.EMPLOYEE (SALARY DESC, UPPER(NAME), DEPARTMENT_ID)`,
    );
    expect(rw(`CREATE INDEX SALES.IX ON SALES.NEWT (A, B)`)).toBe(`CREATE INDEX SALES.IX ON SALES.NEWT (A, B)`);
    expect(rw(`DROP INDEX HR.EMP_IX`)).toBe(`DROP INDEX HR_PROD.EMP_IX`);
    expect(rw(`COMMENT ON COLUMN HR.EMP.SAL IS 'monthly SAL'`)).toBe(`COMMENT ON COLUMN HR_PROD.EMPLOYEE.SALARY IS 'monthly SAL'`);
    expect(rw(`COMMENT ON TABLE EMP IS 'x'`)).toBe(`COMMENT ON TABLE EMPLOYEE IS 'x'`);
  });
});

describe('rewriteDdl: code objects', () => {
  it('maps view names and qualified references in the query', () => {
    const sql = `CREATE OR REPLACE FORCE EDITIONABLE VIEW "HR"."EMP_V" ("ID", "SAL") AS SELECT e.ID, e.SAL FROM HR.EMP e JOIN SCOTT.EMP s ON s.ID = e.ID WHERE HR.EMP.SAL > 0`;
    expect(rw(sql)).toBe(
      `CREATE OR REPLACE FORCE EDITIONABLE VIEW "HR_PROD"."EMP_V" ("ID", "SAL") AS SELECT e.ID, e.SAL FROM HR_PROD.EMPLOYEE e JOIN SCOTT.EMP s ON s.ID = e.ID WHERE HR_PROD.EMPLOYEE.SALARY > 0`,
    );
  });

  it('maps procedures, function calls (schema only) and triggers', () => {
    expect(rw(`CREATE OR REPLACE PROCEDURE HR.RAISE (p NUMBER) AS BEGIN UPDATE HR.EMP SET SAL = SAL * p; HR.LOG_IT('HR.EMP'); END;`)).toBe(
      `CREATE OR REPLACE PROCEDURE HR_PROD.RAISE (p NUMBER) AS BEGIN UPDATE HR_PROD.EMPLOYEE SET SAL = SAL * p; HR_PROD.LOG_IT('HR.EMP'); END;`,
    );
    expect(rw(`DROP FUNCTION HR.F`)).toBe(`DROP FUNCTION HR_PROD.F`);
    expect(rw(`CREATE OR REPLACE TRIGGER HR.TRG BEFORE UPDATE OF SAL, DEPT_ID ON HR.EMP FOR EACH ROW BEGIN NULL; END;`)).toBe(
      `CREATE OR REPLACE TRIGGER HR_PROD.TRG BEFORE UPDATE OF SALARY, DEPARTMENT_ID ON HR_PROD.EMPLOYEE FOR EACH ROW BEGIN NULL; END;`,
    );
    expect(rw(`DROP TRIGGER TRG`)).toBe(`DROP TRIGGER TRG`);
  });

  it('leaves unrelated schemas and statements alone', () => {
    const sql = `CREATE TABLE SCOTT.T (A NUMBER)`;
    expect(rewriteDdl(sql, { ...ctx, defaultOwner: 'SCOTT' })).toBe(sql);
    expect(rw(`GRANT SELECT ON X TO Y`)).toBe(`GRANT SELECT ON X TO Y`);
  });
});
