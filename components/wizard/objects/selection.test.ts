import { describe, expect, it } from 'vitest';
import type { ObjectSelection } from '@/server/model/task-objects';
import { addSchemas, addTables, effectiveOperations, isListed, isSelected, removeObjects, selectedRows, tableOperations, updateTable } from './selection';

const empty: ObjectSelection = { schemas: [], batchRules: [] };

describe('moving objects between the panes', () => {
  it('adds tables one by one under a listed-tables schema, without duplicates', () => {
    let o = addTables(empty, 'HR', ['JOBS', 'EMPLOYEES']);
    o = addTables(o, 'HR', ['JOBS', 'REGIONS']);
    expect(o.schemas).toHaveLength(1);
    expect(o.schemas[0]!.all).toBe(false);
    expect(o.schemas[0]!.tables.map((t) => t.name)).toEqual(['JOBS', 'EMPLOYEES', 'REGIONS']);
    expect(isSelected(o, 'HR', 'JOBS')).toBe(true);
    expect(isSelected(o, 'HR', 'COUNTRIES')).toBe(false);
    expect(isSelected(o, 'HR')).toBe(false);
  });

  it('a schema moved right selects all its tables and keeps listed tables’ settings', () => {
    let o = updateTable(addTables(empty, 'HR', ['JOBS']), 'HR', 'JOBS', { filter: 'MIN_SALARY > 0' });
    o = addSchemas(o, ['HR', 'SALES']);
    expect(o.schemas.map((s) => [s.name, s.all])).toEqual([['HR', true], ['SALES', true]]);
    expect(o.schemas[0]!.tables[0]!.filter).toBe('MIN_SALARY > 0');
    expect(isSelected(o, 'HR', 'ANYTHING')).toBe(true);
  });

  it('removing the last listed table drops its schema, removing a schema drops its tables', () => {
    const o = addSchemas(addTables(empty, 'HR', ['JOBS', 'REGIONS']), ['SALES']);
    expect(removeObjects(o, [{ owner: 'HR', table: 'JOBS' }]).schemas.map((s) => s.name)).toEqual(['HR', 'SALES']);
    expect(removeObjects(o, [{ owner: 'HR', table: 'JOBS' }, { owner: 'HR', table: 'REGIONS' }]).schemas.map((s) => s.name)).toEqual(['SALES']);
    expect(removeObjects(o, [{ owner: 'SALES' }]).schemas.map((s) => s.name)).toEqual(['HR']);
    // A whole schema stays selected when its listed tables go.
    const whole = addSchemas(addTables(empty, 'HR', ['JOBS']), ['HR']);
    expect(removeObjects(whole, [{ owner: 'HR', table: 'JOBS' }]).schemas[0]).toMatchObject({ name: 'HR', all: true, tables: [] });
  });

  it('lists rows with the paths their errors are reported under', () => {
    const o = addTables(addSchemas(empty, ['SALES']), 'HR', ['JOBS']);
    expect(selectedRows(o).map((r) => [r.kind, r.path])).toEqual([
      ['schema', 'objects.schemas.0'],
      ['schema', 'objects.schemas.1'],
      ['table', 'objects.schemas.1.tables.0'],
    ]);
  });
});

describe('operations per table', () => {
  it('stores a table’s operations only when they differ from its schema’s', () => {
    const o = addTables(empty, 'HR', ['JOBS']);
    const s = o.schemas[0]!;
    expect(tableOperations(s, ['DDL', 'INSERT', 'DELETE', 'UPDATE'])).toBeUndefined();
    expect(tableOperations(s, ['UPDATE', 'INSERT'])).toEqual(['INSERT', 'UPDATE']);
    expect(tableOperations(s, [])).toEqual([]);
    expect(effectiveOperations(s, { ...s.tables[0]!, operations: ['DELETE'] })).toEqual(['DELETE']);
    expect(effectiveOperations({ ...s, operations: ['INSERT'] }, s.tables[0])).toEqual(['INSERT']);
  });
});

describe('tables of a whole-schema selection', () => {
  it('are selected without being listed, and can be listed to carry settings', () => {
    let o = addSchemas(empty, ['HR']);
    expect(isSelected(o, 'HR', 'JOBS')).toBe(true);
    expect(isListed(o, 'HR', 'JOBS')).toBe(false);
    o = addTables(o, 'HR', ['JOBS']);
    expect(isListed(o, 'HR', 'JOBS')).toBe(true);
    expect(o.schemas[0]).toMatchObject({ all: true, tables: [{ name: 'JOBS' }] });
  });
});
