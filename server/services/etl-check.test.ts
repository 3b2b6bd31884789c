import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { taskConfigSchema } from '../model/task-config';
import type { ObjectSelectionInput } from '../model/task-objects';
import type { OracleGateway } from '../oracle/gateway';
import { openGateway } from '../oracle/open-gateway';
import { etlIssues } from './etl-check';

// The built-in demo database (HR sample schema) through the same gateway the API opens.
let gw: OracleGateway;
beforeAll(async () => {
  gw = await openGateway({ host: 'demo-oracle.sim', port: 1521, kind: 'sid', database: 'SIMDB', user: 'DTS_SYNC', password: 'dts_sync' });
});
afterAll(async () => {
  await gw.close();
});

const check = (objects: ObjectSelectionInput, script: string, enabled = true) => etlIssues(gw, taskConfigSchema.shape.objects.parse(objects), { enabled, script });

describe('etlIssues (Advanced Settings › ETL script against the selected tables)', () => {
  it('accepts a script that fits the selected tables; ignores a script switched off', async () => {
    expect(await check({ schemas: [{ name: 'HR', tables: [{ name: 'EMPLOYEES' }, { name: 'JOBS' }] }] }, 'audit op AS CHANGE_OP; for HR.EMPLOYEES { mask EMAIL hash; set Y = EXTRACT(YEAR FROM HIRE_DATE); }')).toEqual([]);
    expect(await check({ schemas: [{ name: 'HR', tables: [{ name: 'JOBS' }] }] }, 'drop NOPE', false)).toEqual([]);
  });

  it('names the field label, table, line and column, with did-you-mean', async () => {
    const issues = await check({ schemas: [{ name: 'HR', tables: [{ name: 'EMPLOYEES' }] }] }, 'for HR.EMPLOYEES {\n  mask EMAL hash;\n}');
    expect(issues).toHaveLength(1);
    expect(issues[0]!.path).toBe('advanced.etl.script');
    expect(issues[0]!.message).toMatch(/^Advanced Settings › ETL script: HR\.EMPLOYEES: line 2, column 8: unknown column EMAL .*Did you mean EMAIL\?/);
  });

  it('checks global statements against every table of a whole-schema selection', async () => {
    const issues = await check({ schemas: [{ name: 'HR', all: true }] }, 'drop SALARY');
    // HR has tables without a SALARY column: each is named.
    expect(issues.length).toBeGreaterThan(1);
    expect(issues.map((i) => i.message.match(/ETL script: (HR\.\w+):/)?.[1])).toContain('HR.JOBS');
    expect(issues.every((i) => /unknown column SALARY/.test(i.message))).toBe(true);
  });

  it('refuses a block for a table the task does not select', async () => {
    const issues = await check({ schemas: [{ name: 'HR', tables: [{ name: 'JOBS' }] }] }, 'for HR.EMPLOYEES { drop SALARY; }');
    expect(issues[0]!.message).toMatch(/HR\.EMPLOYEES is not among the selected objects of this task/);
  });
});
