import type { ColumnValue } from '../../model/oracle-types';
import { applyDdl } from './ddl-apply';
import { Prng } from './prng';
import { randomDate, randomText, randomValue } from './random-values';
import { LONG_TABLE_NAME, SAMPLE_CODE_DDL, SAMPLE_TABLE_DDL } from './sample-ddl';
import type { SimDatabase } from './sim-database';

export interface SampleSchemaOptions {
  seed?: number;
  /** Rows in HR.EMPLOYEES (the big table; 1,000,000 for full-load benchmarks). */
  employees?: number;
  documents?: number;
  typeZooRows?: number;
}

/**
 * Accounts created with the sample schema:
 *   HR / hr               owner of the sample tables
 *   DTS_SYNC / dts_sync   every privilege a full + incremental migration needs
 *   READONLY / readonly   SELECT ANY TABLE only — precheck reports the missing grants
 */
export const SAMPLE_ACCOUNTS = {
  owner: { user: 'HR', password: 'hr' },
  migration: { user: 'DTS_SYNC', password: 'dts_sync' },
  readOnly: { user: 'READONLY', password: 'readonly' },
  /** In a CDB (installSampleCdb): the common user that reads a PDB from the root and mines there. */
  common: { user: 'C##DTS_SYNC', password: 'dts_sync' },
} as const;

// CREATE TABLE: the flush table (LOG_MINING_FLUSH) the migration account owns and updates to make LGWR write.
const MIGRATION_SYSTEM_PRIVILEGES = ['CREATE SESSION', 'CREATE TABLE', 'SELECT ANY TABLE', 'FLASHBACK ANY TABLE', 'SELECT ANY TRANSACTION', 'SELECT ANY DICTIONARY', 'LOGMINING', 'EXECUTE_CATALOG_ROLE'];
const MIGRATION_OBJECT_PRIVILEGES = [
  'EXECUTE ON SYS.DBMS_LOGMNR', 'SELECT ON SYS.V_$LOGMNR_CONTENTS', 'SELECT ON SYS.V_$LOG', 'SELECT ON SYS.V_$ARCHIVED_LOG', 'SELECT ON SYS.V_$DATABASE', 'SELECT ON SYS.V_$TRANSACTION',
  'SELECT ON SYS.V_$THREAD', 'SELECT ON SYS.V_$ARCHIVE_DEST_STATUS',
];

/**
 * A CDB's sample: the HR schema (and its local accounts) in every PDB — the same schema name in
 * each, as consolidated databases have it — and the common user C##DTS_SYNC with every grant,
 * SET CONTAINER included, given CONTAINER=ALL.
 */
export function installSampleCdb(cdb: SimDatabase, options: SampleSchemaOptions = {}): void {
  for (const pdb of cdb.pdbs.values()) installSampleSchema(pdb, options);
  cdb.createUser(SAMPLE_ACCOUNTS.common.user, SAMPLE_ACCOUNTS.common.password, {
    systemPrivileges: [...MIGRATION_SYSTEM_PRIVILEGES, 'SET CONTAINER'],
    roles: ['CONNECT', 'SELECT_CATALOG_ROLE', 'EXECUTE_CATALOG_ROLE'],
    objectPrivileges: MIGRATION_OBJECT_PRIVILEGES,
  });
}

const FIRST = ['Steven', 'Neena', 'Lex', 'Alexander', 'Bruce', 'David', 'Valli', 'Diana', 'Nancy', 'Daniel', 'John', 'Ismael', 'Jose Manuel', 'Luis', 'Den', 'Shelli', 'Sigal', 'Guy', 'Karen', 'Matthew', 'Adam', 'Payam', 'Shanta', 'Kevin', 'Julia', 'Irene', 'James', 'Renée', 'Zoë'];
const LAST = ['King', 'Kochhar', 'De Haan', 'Hunold', 'Ernst', 'Austin', 'Pataballa', 'Lorentz', 'Greenberg', 'Faviet', 'Chen', 'Sciarra', 'Urman', 'Popp', 'Raphaely', 'Khoo', "O'Connell", 'Baida', 'Tobias', 'Himuro', 'Colmenares', 'Weiss', 'Fripp', 'Kaufling', 'Vollman', 'Mourgos', 'Nayer', 'Müller'];
const JOBS: [string, string, number, number][] = [
  ['AD_PRES', 'President', 20080, 40000], ['AD_VP', 'Administration Vice President', 15000, 30000], ['AD_ASST', 'Administration Assistant', 3000, 6000],
  ['FI_MGR', 'Finance Manager', 8200, 16000], ['FI_ACCOUNT', 'Accountant', 4200, 9000], ['AC_MGR', 'Accounting Manager', 8200, 16000],
  ['AC_ACCOUNT', 'Public Accountant', 4200, 9000], ['SA_MAN', 'Sales Manager', 10000, 20080], ['SA_REP', 'Sales Representative', 6000, 12008],
  ['PU_MAN', 'Purchasing Manager', 8000, 15000], ['PU_CLERK', 'Purchasing Clerk', 2500, 5500], ['ST_MAN', 'Stock Manager', 5500, 8500],
  ['ST_CLERK', 'Stock Clerk', 2008, 5000], ['SH_CLERK', 'Shipping Clerk', 2500, 5500], ['IT_PROG', 'Programmer', 4000, 10000],
  ['MK_MAN', 'Marketing Manager', 9000, 15000], ['MK_REP', 'Marketing Representative', 4000, 9000], ['HR_REP', 'Human Resources Representative', 4000, 9000],
  ['PR_REP', 'Public Relations Representative', 4500, 10500],
];
const DEPARTMENTS = ['Administration', 'Marketing', 'Purchasing', 'Human Resources', 'Shipping', 'IT', 'Public Relations', 'Sales', 'Executive', 'Finance', 'Accounting', 'Treasury', 'Corporate Tax', 'Control And Credit', 'Shareholder Services', 'Benefits', 'Manufacturing', 'Construction', 'Contracting', 'Operations', 'IT Support', 'NOC', 'IT Helpdesk', 'Government Sales', 'Retail Sales', 'Recruiting', 'Payroll'];
const COUNTRIES: [string, string, number][] = [['AR', 'Argentina', 2], ['AU', 'Australia', 3], ['BR', 'Brazil', 2], ['CA', 'Canada', 2], ['CH', 'Switzerland', 1], ['CN', 'China', 3], ['DE', 'Germany', 1], ['IN', 'India', 3], ['JP', 'Japan', 3], ['UK', 'United Kingdom', 1], ['US', 'United States of America', 2], ['ZA', 'South Africa', 4]];
const CITIES: [string, string][] = [['Roma', 'IT'], ['Tokyo', 'JP'], ['Hiroshima', 'JP'], ['Southlake', 'US'], ['South San Francisco', 'US'], ['Seattle', 'US'], ['Toronto', 'CA'], ['Beijing', 'CN'], ['Bombay', 'IN'], ['Sydney', 'AU'], ['London', 'UK'], ['München', 'DE'], ['Geneva', 'CH'], ['Sao Paulo', 'BR']];

/** Creates users, the HR schema and its seeded rows (deterministic for a seed), then gathers statistics. */
export function installSampleSchema(db: SimDatabase, options: SampleSchemaOptions = {}): void {
  const rng = new Prng(options.seed ?? 42);
  const nEmp = options.employees ?? 1000;
  db.createUser('HR', SAMPLE_ACCOUNTS.owner.password, { roles: ['CONNECT', 'RESOURCE'] });
  db.createUser('DTS_SYNC', SAMPLE_ACCOUNTS.migration.password, {
    systemPrivileges: MIGRATION_SYSTEM_PRIVILEGES,
    roles: ['CONNECT', 'SELECT_CATALOG_ROLE', 'EXECUTE_CATALOG_ROLE'],
    objectPrivileges: MIGRATION_OBJECT_PRIVILEGES,
  });
  db.createUser('READONLY', SAMPLE_ACCOUNTS.readOnly.password, { systemPrivileges: ['CREATE SESSION', 'SELECT ANY TABLE'] });
  for (const sql of [...SAMPLE_TABLE_DDL, ...SAMPLE_CODE_DDL]) applyDdl(db, 'HR', sql);

  db.loadRows('HR', 'REGIONS', [[1, 'Europe'], [2, 'Americas'], [3, 'Asia'], [4, 'Middle East and Africa']]);
  db.loadRows('HR', 'COUNTRIES', COUNTRIES.map(([id, name, region]) => [id, name, region]));
  db.loadRows('HR', 'LOCATIONS', CITIES.map(([city, country], i) => [1000 + i * 100, `${rng.int(1, 2999)} ${rng.pick(LAST)} St`, String(rng.int(10000, 99999)), city, null, country]));
  db.loadRows('HR', 'JOBS', JOBS.map((j) => [...j]));
  db.loadRows('HR', 'DEPARTMENTS', DEPARTMENTS.map((name, i) => [10 * (i + 1), name, 100 + rng.int(0, 50), 1000 + rng.int(0, CITIES.length - 1) * 100]));
  db.loadRows('HR', 'EMPLOYEES', employees(rng, nEmp));
  const history: ColumnValue[][] = [];
  for (let id = 100; id < 100 + Math.min(nEmp, 2000); id += 7) {
    const start = randomDate(rng, false);
    // A year later, on the same day where that day exists (29 February becomes 28 February).
    const endYear = start.year + 1;
    const end = { ...start, year: endYear, day: Math.min(start.day, new Date(Date.UTC(endYear, start.month, 0)).getUTCDate()) };
    history.push([id, start, end, rng.pick(JOBS)[0], 10 * rng.int(1, DEPARTMENTS.length)] as ColumnValue[]);
  }
  db.loadRows('HR', 'JOB_HISTORY', history);
  db.loadRows('HR', 'AUDIT_LOG', Array.from({ length: 50 }, () => [{ ...randomDate(rng, true), tz: '+08:00' }, rng.pick(['HR', 'APP', 'BATCH']), rng.pick(['LOGIN', 'EXPORT', 'UPDATE']), randomText(rng, 80)]));
  const docs = db.table('HR', 'DOCUMENTS');
  db.loadRows('HR', 'DOCUMENTS', Array.from({ length: options.documents ?? 20 }, (_, i) => docs.columns.map((c, k) => (k === 0 ? String(i + 1) : randomValue(c, rng, 0.1)))));
  const review = db.table('HR', LONG_TABLE_NAME);
  db.loadRows('HR', LONG_TABLE_NAME, Array.from({ length: 100 }, (_, i) => review.columns.map((c, k) => (k === 0 ? String(i + 1) : randomValue(c, rng)))));
  const zoo = db.table('HR', 'TYPE_ZOO');
  db.loadRows('HR', 'TYPE_ZOO', Array.from({ length: options.typeZooRows ?? 50 }, (_, i) => zoo.columns.map((c, k) => (k === 0 ? String(i + 1) : randomValue(c, rng, 0.15)))));
  db.gatherStats('HR');
}

function* employees(rng: Prng, n: number): Generator<ColumnValue[]> {
  for (let i = 0; i < n; i++) {
    const id = 100 + i;
    const first = rng.pick(FIRST);
    const last = rng.pick(LAST);
    const job = rng.pick(JOBS);
    yield [
      String(id),
      first,
      last,
      `${first[0]}${last.replace(/[^A-Za-z]/g, '')}${id}`.toUpperCase().slice(0, 25),
      `515.123.${String(rng.int(1000, 9999))}`,
      randomDate(rng, false),
      job[0],
      `${rng.int(job[2], job[3])}${rng.chance(0.3) ? '.5' : ''}`,
      rng.chance(0.2) ? `0.${rng.int(1, 4)}` : null,
      i === 0 ? null : String(100 + rng.int(0, Math.min(i - 1, 50))),
      String(10 * rng.int(1, DEPARTMENTS.length)),
      randomDate(rng, true),
    ];
  }
}
