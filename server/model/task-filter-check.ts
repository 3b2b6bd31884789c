import { isOra2KafkaError } from './errors';
import type { ColumnMeta } from './oracle-types';
import { parseFilter, validateFilter } from './row-filter';
import type { ObjectSelection, TableSelection } from './task-objects';

/**
 * Per-table WHERE filters checked when the task is saved: always the syntax; when the wizard sent
 * the table's columns with their types, also the column names and operand types (the same
 * validateFilter the engine uses). The API checks every filter again against the catalog.
 *
 *   HR.EMPLOYEES filter "SALRY > 1000" with columns [ID NUMBER, SALARY NUMBER]
 *   → objects.schemas.0.tables.0.filter: Row filter: unknown column SALRY at position 1: … (did you mean SALARY?)
 */
export interface FilterIssue {
  path: (string | number)[];
  message: string;
}

export function filterIssues(objects: ObjectSelection): FilterIssue[] {
  const issues: FilterIssue[] = [];
  objects.schemas.forEach((s, si) =>
    s.tables.forEach((t, ti) => {
      if (t.filter === '') return;
      try {
        const columns = columnMetas(t);
        if (columns) validateFilter(t.filter, columns);
        else parseFilter(t.filter);
      } catch (e) {
        if (!isOra2KafkaError(e)) throw e;
        issues.push({ path: ['schemas', si, 'tables', ti, 'filter'], message: `${s.name}.${t.name}: ${e.message}${e.hint ? ` ${e.hint}` : ''}` });
      }
    }),
  );
  return issues;
}

/** Minimal column metadata for validation, when every listed column carries its type. */
function columnMetas(t: TableSelection): ColumnMeta[] | null {
  if (t.columns.length === 0 || t.columns.some((c) => c.type === undefined)) return null;
  return t.columns.map((c) => ({
    name: c.name,
    type: c.type!,
    dataLength: 0,
    charLength: 0,
    precision: null,
    scale: null,
    nullable: c.nullable ?? true,
    defaultValue: null,
  }));
}
