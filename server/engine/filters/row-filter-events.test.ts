import { describe, expect, it } from 'vitest';
import type { ChangeEvent } from '../../model/change-event';
import type { ColumnMeta, ColumnValue } from '../../model/oracle-types';
import { operationAllowed } from './op-filter';
import { filterEvent, type ImagePredicate } from './row-filter-events';

const col = (name: string): ColumnMeta => ({ name, type: 'NUMBER', dataLength: 22, charLength: 0, precision: null, scale: null, nullable: true, defaultValue: null });
const columns = [col('ID'), col('DEPT'), col('SAL')];

/** DEPT = 10, with SQL NULL semantics and "column missing" detection. */
const dept10: ImagePredicate = (img) => {
  const v = img[1];
  if (v === undefined) return undefined;
  if (v === null) return null;
  return v === '10';
};

function ev(op: ChangeEvent['op'], before: (ColumnValue | undefined)[] | null, after: (ColumnValue | undefined)[] | null): ChangeEvent {
  return { op, owner: 'HR', table: 'EMP', columns, primaryKey: ['ID'], uniqueKeys: [], before, after, scn: 1n, commitScn: 2n, txId: 'X', seqInTx: 1, txSize: 1, commitTimeMs: 0 };
}

describe('filterEvent', () => {
  it('keeps INIT/INSERT rows whose after image matches; NULL is not a match', () => {
    expect(filterEvent(ev('INSERT', null, ['1', '10', '5']), dept10).event?.op).toBe('INSERT');
    expect(filterEvent(ev('INIT', null, ['1', '20', '5']), dept10).event).toBeNull();
    expect(filterEvent(ev('INSERT', null, ['1', null, '5']), dept10).event).toBeNull();
  });

  it('keeps DELETE rows whose before image matches', () => {
    expect(filterEvent(ev('DELETE', ['1', '10', '5'], null), dept10).event?.op).toBe('DELETE');
    expect(filterEvent(ev('DELETE', ['1', '20', '5'], null), dept10).event).toBeNull();
  });

  it('UPDATE inside the set stays an UPDATE', () => {
    const e = ev('UPDATE', ['1', '10', '5'], ['1', '10', '6']);
    expect(filterEvent(e, dept10)).toEqual({ event: e, undecided: false });
  });

  it('UPDATE entering the set becomes an INSERT of the complete new row', () => {
    const out = filterEvent(ev('UPDATE', ['1', '20', '5'], ['1', '10', undefined]), dept10);
    expect(out.event).toMatchObject({ op: 'INSERT', before: null, after: ['1', '10', '5'] });
  });

  it('UPDATE leaving the set becomes a DELETE of the old row', () => {
    const out = filterEvent(ev('UPDATE', ['1', '10', undefined], ['1', '30', '7']), dept10);
    expect(out.event).toMatchObject({ op: 'DELETE', after: null, before: ['1', '10', '7'] });
  });

  it('UPDATE outside the set is dropped', () => {
    expect(filterEvent(ev('UPDATE', ['1', '20', '5'], ['1', '30', '6']), dept10).event).toBeNull();
  });

  it('uses the other image for an unchanged filter column', () => {
    // SET SAL = 6 WHERE ID = 1, with DEPT only in the before image (supplemental logging).
    const out = filterEvent(ev('UPDATE', ['1', '10', '5'], ['1', undefined, '6']), dept10);
    expect(out).toMatchObject({ event: { op: 'UPDATE' }, undecided: false });
  });

  it('keeps the event and reports it when the filter column is in neither image', () => {
    const e = ev('UPDATE', ['1', undefined, '5'], ['1', undefined, '6']);
    expect(filterEvent(e, dept10)).toEqual({ event: e, undecided: true });
  });

  it('passes DDL through', () => {
    const e = { ...ev('DDL', null, null), ddl: 'TRUNCATE TABLE HR.EMP' };
    expect(filterEvent(e, dept10).event).toBe(e);
  });
});

describe('operationAllowed', () => {
  it('drops unticked operations but never INIT rows', () => {
    expect(operationAllowed(ev('UPDATE', [], []), ['INSERT', 'DELETE'])).toBe(false);
    expect(operationAllowed(ev('INSERT', null, []), ['INSERT', 'DELETE'])).toBe(true);
    expect(operationAllowed(ev('INIT', null, []), ['DDL'])).toBe(true);
    expect(operationAllowed(ev('DDL', null, null), ['INSERT'])).toBe(false);
  });
});
