import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { taskConfigSchema } from '../model/task-config';
import type { ObjectSelectionInput } from '../model/task-objects';
import type { OracleGateway } from '../oracle/gateway';
import { openGateway } from '../oracle/open-gateway';
import { catalogIssues } from './source-catalog';

// The built-in demo database (HR sample schema) through the same gateway the API opens.
let gw: OracleGateway;
beforeAll(async () => {
  gw = await openGateway({ host: 'demo-oracle.sim', port: 1521, kind: 'sid', database: 'SIMDB', user: 'DTS_SYNC', password: 'dts_sync' });
});
afterAll(async () => {
  await gw.close();
});

const check = (objects: ObjectSelectionInput) => catalogIssues(gw, taskConfigSchema.shape.objects.parse(objects));

describe('catalogIssues (Configure Objects checked against the source catalog)', () => {
  it('accepts tables that exist with a filter on real columns', async () => {
    expect(await check({ schemas: [{ name: 'HR', tables: [{ name: 'EMPLOYEES', filter: "SALARY > 5000 AND LAST_NAME LIKE 'K%'" }, { name: 'JOBS' }] }] })).toEqual([]);
  });

  it('names a missing schema and a missing table at their positions', async () => {
    const issues = await check({ schemas: [{ name: 'NOPE', all: true }, { name: 'HR', tables: [{ name: 'JOBS' }, { name: 'GONE' }] }] });
    expect(issues.map((i) => i.path)).toEqual(['objects.schemas.0.name', 'objects.schemas.1.tables.1.name']);
    expect(issues[0]!.message).toMatch(/Schema NOPE does not exist/);
    expect(issues[1]!.message).toMatch(/Table HR\.GONE does not exist/);
  });

  it('checks a filter against the catalog even when the browser sent no columns', async () => {
    const issues = await check({ schemas: [{ name: 'HR', tables: [{ name: 'EMPLOYEES', filter: 'SALRY > 5000' }] }] });
    expect(issues).toHaveLength(1);
    expect(issues[0]!.path).toBe('objects.schemas.0.tables.0.filter');
    expect(issues[0]!.message).toMatch(/^HR\.EMPLOYEES: Row filter: unknown column SALRY at position 1/);
    expect(issues[0]!.message).toMatch(/SALARY/);
  });

  it('catches a type mismatch the syntax alone cannot (text compared with a date column)', async () => {
    const issues = await check({ schemas: [{ name: 'HR', tables: [{ name: 'EMPLOYEES', filter: "HIRE_DATE > 'yesterday'" }] }] });
    expect(issues.map((i) => i.path)).toEqual(['objects.schemas.0.tables.0.filter']);
  });

  it('checks a partition key against the catalog even when the browser sent no columns', async () => {
    expect(await check({ schemas: [{ name: 'HR', tables: [{ name: 'AUDIT_LOG', partitionKey: ['USERNAME', 'ACTION'] }] }] })).toEqual([]);
    const issues = await check({ schemas: [{ name: 'HR', tables: [{ name: 'AUDIT_LOG', partitionKey: ['USERNAME', 'USER_NAME'] }] }] });
    expect(issues).toEqual([{ path: 'objects.schemas.0.tables.0.partitionKey', message: 'Partition Key: USER_NAME is not a column of HR.AUDIT_LOG; choose among its columns.' }]);
  });

  it('rejects a column mapping for a column the table does not have', async () => {
    const issues = await check({ schemas: [{ name: 'HR', tables: [{ name: 'JOBS', columns: [{ name: 'JOB_TITLE', mappedName: 'TITLE' }, { name: 'BONUS', mappedName: 'B' }] }] }] });
    expect(issues).toEqual([{ path: 'objects.schemas.0.tables.0.columns.1.name', message: 'Column BONUS does not exist in HR.JOBS; remove its mapping.' }]);
  });

  it('finds a rename that collides with an unlisted table of a whole-schema selection', async () => {
    const issues = await check({ schemas: [{ name: 'HR', all: true, tables: [{ name: 'JOBS', mappedName: 'REGIONS' }] }] });
    expect(issues).toHaveLength(1);
    expect(issues[0]!.message).toMatch(/HR\.(JOBS|REGIONS) and HR\.(JOBS|REGIONS) would both be written as HR\.REGIONS/);
  });
});
