import type { FilterExpr, FilterOperand } from '../row-filter-ast';

/**
 * The columns a parsed filter reads, in dictionary spelling, each once:
 *   DEPARTMENT_ID IN (10, 20) AND SALARY >= 1000 → ['DEPARTMENT_ID', 'SALARY']
 * An UPDATE's redo carries only the changed columns plus the supplementally logged ones, so these
 * are the columns that must be logged for the filter to be decided on every change.
 */
export function filterColumns(expr: FilterExpr): string[] {
  const out = new Set<string>();
  const operand = (o: FilterOperand) => {
    if (o.kind === 'column') out.add(o.name);
  };
  const walk = (e: FilterExpr): void => {
    switch (e.kind) {
      case 'and':
      case 'or':
        e.items.forEach(walk);
        return;
      case 'not':
        walk(e.item);
        return;
      case 'compare':
        operand(e.left);
        operand(e.right);
        return;
      case 'in':
        operand(e.operand);
        e.list.forEach(operand);
        return;
      case 'between':
        operand(e.operand);
        operand(e.low);
        operand(e.high);
        return;
      case 'like':
        operand(e.operand);
        operand(e.pattern);
        return;
      case 'isNull':
        operand(e.operand);
        return;
    }
  };
  walk(expr);
  return [...out];
}
