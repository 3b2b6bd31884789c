import { describe, expect, it } from 'vitest';
import type { ChangeEvent } from '../../model/change-event';
import type { ColumnMeta } from '../../model/oracle-types';
import { ObjectMapper } from '../../model/task-mapping';
import { objectSelectionSchema } from '../../model/task-objects';
import { EventMapper } from './event-mapper';

const col = (name: string): ColumnMeta => ({ name, type: 'NUMBER', dataLength: 22, charLength: 0, precision: null, scale: null, nullable: true, defaultValue: null });

function event(over: Partial<ChangeEvent> = {}): ChangeEvent {
  return {
    op: 'UPDATE',
    owner: 'HR',
    table: 'EMP',
    columns: [col('ID'), col('SAL')],
    primaryKey: ['ID'],
    uniqueKeys: [['SAL']],
    before: ['7', '1000'],
    after: ['7', '1200'],
    scn: 10n,
    commitScn: 11n,
    txId: '0A001F00D3040000',
    seqInTx: 1,
    txSize: 1,
    commitTimeMs: 0,
    ...over,
  };
}

const objects = objectSelectionSchema.parse({
  schemas: [{ name: 'HR', mappedName: 'HR_PROD', tables: [{ name: 'EMP', mappedName: 'EMPLOYEE', columns: [{ name: 'SAL', mappedName: 'SALARY' }, { name: 'ID', mappedName: 'EMP_ID' }] }] }],
});

describe('EventMapper', () => {
  it('renames owner, table, columns and key lists, leaving values alone', () => {
    const m = new EventMapper(new ObjectMapper(objects));
    const e = event();
    const out = m.map(e);
    expect(out.owner).toBe('HR_PROD');
    expect(out.table).toBe('EMPLOYEE');
    expect(out.columns.map((c) => c.name)).toEqual(['EMP_ID', 'SALARY']);
    expect(out.primaryKey).toEqual(['EMP_ID']);
    expect(out.uniqueKeys).toEqual([['SALARY']]);
    expect(out.after).toBe(e.after);
    expect(out.columns[0]!.type).toBe('NUMBER');
    // the source event is not modified
    expect(e.columns[1]!.name).toBe('SAL');
  });

  it('reuses the mapped columns for the same table and rebuilds them after a column change', () => {
    const m = new EventMapper(new ObjectMapper(objects));
    const columns = [col('ID'), col('SAL')];
    const a = m.map(event({ columns }));
    const b = m.map(event({ op: 'INSERT', before: null, columns }));
    expect(b.columns).toBe(a.columns);
    const altered = [col('ID'), col('SAL'), col('BONUS')];
    const c = m.map(event({ columns: altered, after: ['7', '1', '2'] }));
    expect(c.columns.map((x) => x.name)).toEqual(['EMP_ID', 'SALARY', 'BONUS']);
  });

  it('rewrites DDL text and maps only the schema of non-table objects', () => {
    const m = new EventMapper(new ObjectMapper(objects), () => ['ID', 'SAL']);
    const ddl = m.map(event({ op: 'DDL', columns: [], before: null, after: null, ddl: 'ALTER TABLE "HR"."EMP" ADD ("BONUS" NUMBER)', ddlObjectType: 'TABLE' }));
    expect(ddl).toMatchObject({ owner: 'HR_PROD', table: 'EMPLOYEE', ddl: 'ALTER TABLE "HR_PROD"."EMPLOYEE" ADD ("BONUS" NUMBER)' });
    const view = m.map(event({ op: 'DDL', table: 'EMP_V', columns: [], ddl: 'CREATE VIEW HR.EMP_V AS SELECT SAL FROM HR.EMP', ddlObjectType: 'VIEW' }));
    expect(view).toMatchObject({ owner: 'HR_PROD', table: 'EMP_V', ddl: 'CREATE VIEW HR_PROD.EMP_V AS SELECT SAL FROM HR_PROD.EMPLOYEE' });
  });

  it('returns the same object when nothing is renamed', () => {
    const m = new EventMapper(new ObjectMapper(objectSelectionSchema.parse({ schemas: [{ name: 'HR', all: true }] })));
    const e = event();
    expect(m.map(e)).toBe(e);
  });
});
