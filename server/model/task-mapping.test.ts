import { describe, expect, it } from 'vitest';
import { applyRules, mappingIssues, ObjectMapper } from './task-mapping';
import { globMatches, objectSelectionSchema } from './task-objects';

const objects = objectSelectionSchema.parse({
  schemas: [
    {
      name: 'HR',
      mappedName: 'HR_PROD',
      operations: ['INSERT', 'UPDATE', 'DELETE'],
      tables: [
        { name: 'EMPLOYEES', mappedName: 'EMP', filter: 'ID > 5', columns: [{ name: 'SALARY', mappedName: 'PAY' }, { name: 'ID' }], operations: ['INSERT'] },
        { name: 'TMP_A' },
      ],
    },
    { name: 'SALES', all: true },
  ],
  batchRules: [
    { target: 'table', match: 'TMP_*', case: 'lower', prefix: 'x_' },
    { target: 'column', match: 'C?', suffix: '_col' },
  ],
});

describe('ObjectMapper', () => {
  const m = new ObjectMapper(objects);

  it('applies single renames and batch rules', () => {
    expect(m.identity).toBe(false);
    expect(m.table('HR', 'EMPLOYEES')).toEqual({ owner: 'HR_PROD', table: 'EMP' });
    expect(m.table('HR', 'TMP_A')).toEqual({ owner: 'HR_PROD', table: 'x_tmp_a' });
    expect(m.table('SALES', 'ORDERS')).toEqual({ owner: 'SALES', table: 'ORDERS' });
    expect(m.column('HR', 'EMPLOYEES', 'SALARY')).toBe('PAY');
    expect(m.column('HR', 'EMPLOYEES', 'ID')).toBe('ID');
    expect(m.column('SALES', 'ORDERS', 'C1')).toBe('C1_col');
    expect(m.column('SALES', 'ORDERS', 'C10')).toBe('C10');
  });

  it('answers selection, operations and filters', () => {
    expect(m.selects('HR', 'EMPLOYEES')).toBe(true);
    expect(m.selects('HR', 'OTHER')).toBe(false);
    expect(m.selects('SALES', 'ANYTHING')).toBe(true);
    expect(m.selects('SCOTT', 'EMP')).toBe(false);
    expect(m.operations('HR', 'EMPLOYEES')).toEqual(['INSERT']);
    expect(m.operations('HR', 'TMP_A')).toEqual(['INSERT', 'UPDATE', 'DELETE']);
    expect(m.operations('SALES', 'X')).toEqual(['INSERT', 'UPDATE', 'DELETE', 'DDL']);
    expect(m.filterText('HR', 'EMPLOYEES')).toBe('ID > 5');
    expect(m.filterText('SALES', 'X')).toBe('');
  });

  it('is the identity without renames', () => {
    const plain = new ObjectMapper(objectSelectionSchema.parse({ schemas: [{ name: 'HR', tables: [{ name: 'T', mappedName: 'T' }] }] }));
    expect(plain.identity).toBe(true);
    expect(plain.renamesTablesOrColumns()).toBe(false);
  });
});

describe('applyRules', () => {
  it('applies every matching rule in order', () => {
    const rules = objectSelectionSchema.parse({
      schemas: [{ name: 'X' }],
      batchRules: [
        { target: 'table', case: 'upper' },
        { target: 'table', match: 'ab*', prefix: 'p_' },
        { target: 'table', match: 'ab*', suffix: '_s' },
      ],
    }).batchRules;
    expect(applyRules(rules, 'table', 'abc')).toBe('p_ABC_s');
    expect(applyRules(rules, 'table', 'xyz')).toBe('XYZ');
    expect(applyRules(rules, 'schema', 'abc')).toBe('abc');
  });
});

describe('globMatches', () => {
  it.each([
    ['*', 'ANY', true],
    ['TMP_*', 'TMP_', true],
    ['TMP_*', 'TMPX', false],
    ['*_LOG', 'A_B_LOG', true],
    ['A?C', 'ABC', true],
    ['A?C', 'AC', false],
    ['a*b*c', 'aXbYbZc', true],
    ['a*b*c', 'aXbYbZ', false],
    ['EMP', 'emp', false],
  ])('%s ~ %s → %s', (p, n, want) => expect(globMatches(p, n)).toBe(want));
});

describe('mappingIssues with a catalog', () => {
  it('finds conflicts among whole-schema tables the wizard did not list', () => {
    const sel = objectSelectionSchema.parse({ schemas: [{ name: 'S', all: true, tables: [{ name: 'A', mappedName: 'B' }] }] });
    expect(mappingIssues(sel)).toEqual([]);
    const out = mappingIssues(sel, [{ owner: 'S', tables: [{ name: 'A' }, { name: 'B' }] }]);
    expect(out).toHaveLength(1);
    expect(out[0]!.message).toMatch(/S\.B and S\.A would both be written as S\.B/);
  });
});

describe('partition keys (policy Hash of primary key)', () => {
  const keyed = objectSelectionSchema.parse({
    schemas: [
      {
        name: 'HR',
        mappedName: 'HR_PROD',
        tables: [
          { name: 'AUDIT_LOG', partitionKey: ['USER_ID', 'C1'] },
          { name: 'EMPLOYEES', columns: [{ name: 'DEPT', mappedName: 'DEPARTMENT' }, { name: 'ID' }], partitionKey: ['DEPT'] },
          { name: 'JOBS' },
        ],
      },
    ],
    batchRules: [{ target: 'column', match: 'C?', suffix: '_col' }],
  });

  it('are looked up by the names records carry: the mapped table and its mapped columns', () => {
    expect(new ObjectMapper(keyed).partitionKeys()).toEqual({ 'HR_PROD.AUDIT_LOG': ['USER_ID', 'C1_col'], 'HR_PROD.EMPLOYEES': ['DEPARTMENT'] });
    expect(new ObjectMapper(objects).partitionKeys()).toEqual({});
  });

  it('name columns of their table, checked against the listed columns or the catalog', () => {
    expect(mappingIssues(keyed)).toEqual([]);
    const wrong = objectSelectionSchema.parse({ schemas: [{ name: 'HR', tables: [{ name: 'EMPLOYEES', columns: [{ name: 'ID' }], partitionKey: ['ID', 'DEPT'] }, { name: 'AUDIT_LOG', partitionKey: ['USER_ID', 'WHO', 'WHEN'] }] }] });
    expect(mappingIssues(wrong)).toEqual([{ path: ['schemas', 0, 'tables', 0, 'partitionKey'], message: 'Partition Key: DEPT is not a column of HR.EMPLOYEES; choose among its columns.' }]);
    expect(mappingIssues(wrong, [{ owner: 'HR', tables: [{ name: 'AUDIT_LOG', columns: ['USER_ID', 'ACTION'] }] }])).toContainEqual({ path: ['schemas', 0, 'tables', 1, 'partitionKey'], message: 'Partition Key: WHO, WHEN are not columns of HR.AUDIT_LOG; choose among its columns.' });
  });

  it('list each column once', () => {
    const r = objectSelectionSchema.safeParse({ schemas: [{ name: 'HR', tables: [{ name: 'JOBS', partitionKey: ['JOB_ID', 'JOB_ID'] }] }] });
    expect(r.success).toBe(false);
    expect(r.error?.issues[0]).toMatchObject({ path: ['schemas', 0, 'tables', 0, 'partitionKey'], message: 'A partition key column is listed twice; list each column once.' });
  });
});
