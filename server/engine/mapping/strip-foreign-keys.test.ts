import { describe, expect, it } from 'vitest';
import { stripForeignKeys } from './strip-foreign-keys';

describe('stripForeignKeys', () => {
  it('removes out-of-line and inline foreign keys, keeping other constraints', () => {
    const ddl = `CREATE TABLE "HR"."EMP" ("ID" NUMBER NOT NULL ENABLE, "DEPT" NUMBER CONSTRAINT "FK1" REFERENCES "HR"."DEPT" ("ID") ON DELETE SET NULL ENABLE NOT NULL ENABLE,
 CONSTRAINT "PK" PRIMARY KEY ("ID") ENABLE,
 CONSTRAINT "FK2" FOREIGN KEY ("MGR") REFERENCES "HR"."EMP" ("ID") ON DELETE CASCADE ENABLE) TABLESPACE "USERS"`;
    const out = stripForeignKeys(ddl);
    expect(out.removed).toBe(2);
    expect(out.ddl).toBe(`CREATE TABLE "HR"."EMP" ("ID" NUMBER NOT NULL ENABLE, "DEPT" NUMBER NOT NULL ENABLE,
 CONSTRAINT "PK" PRIMARY KEY ("ID") ENABLE) TABLESPACE "USERS"`);
  });

  it('removes a leading FOREIGN KEY element with its comma', () => {
    const out = stripForeignKeys(`CREATE TABLE T (FOREIGN KEY (A) REFERENCES U (B), A NUMBER)`);
    expect(out).toEqual({ ddl: `CREATE TABLE T ( A NUMBER)`, removed: 1 });
  });

  it('leaves tables without foreign keys untouched, and ignores the words inside literals', () => {
    const ddl = `CREATE TABLE T (A VARCHAR2(40) DEFAULT 'REFERENCES x FOREIGN KEY', B NUMBER)`;
    expect(stripForeignKeys(ddl)).toEqual({ ddl, removed: 0 });
  });

  it('drops an ALTER TABLE that adds a foreign key', () => {
    expect(stripForeignKeys(`ALTER TABLE "HR"."EMP" ADD CONSTRAINT "FK" FOREIGN KEY ("D") REFERENCES "HR"."DEPT" ("ID") ENABLE`)).toEqual({ ddl: null, removed: 1 });
  });
});
