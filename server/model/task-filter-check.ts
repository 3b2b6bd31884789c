import type { ObjectSelection } from './task-objects';

/**
 * Per-table WHERE filters checked where the wizard knows the table's columns (tables with a
 * `columns` list). The API checks every filter again against the catalog before saving.
 *
 * PENDING: delegates to validateFilter of server/model/row-filter/ once that module lands; until
 * then only the shape is checked here and the API/engine check is the only syntax check.
 */
export interface FilterIssue {
  path: (string | number)[];
  message: string;
}

export function filterIssues(objects: ObjectSelection): FilterIssue[] {
  const issues: FilterIssue[] = [];
  objects.schemas.forEach((s, si) =>
    s.tables.forEach((t, ti) => {
      if (t.filter === '' || t.columns.length === 0) return;
      if (/^where\b/i.test(t.filter)) {
        issues.push({
          path: ['schemas', si, 'tables', ti, 'filter'],
          message: `The filter of ${s.name}.${t.name} starts with WHERE; enter only the condition (e.g. DEPARTMENT_ID = 10).`,
        });
      }
    }),
  );
  return issues;
}
