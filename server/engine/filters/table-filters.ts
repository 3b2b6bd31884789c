import type { ColumnMeta } from '../../model/oracle-types';
import type { FilterExpr } from '../../model/row-filter-ast';
import { filterPredicate, validateFilter, type RowPredicate } from '../../model/row-filter';
import type { ObjectMapper } from '../../model/task-mapping';

/**
 * The task's per-table WHERE filters, validated against each table's actual columns (the same
 * validateFilter the wizard and the API use) and compiled once per column set:
 *   full load     → `expr(owner, table, columns)` goes to the snapshot query (as binds)
 *   incremental   → `predicate(owner, table, columns)` evaluates events with the same semantics
 * A filter that no longer fits the table (a column dropped by DDL) throws ValidationError naming
 * the table and the column; the task fails with it rather than migrating unfiltered rows.
 */
export class TableFilters {
  private readonly exprs = new WeakMap<readonly ColumnMeta[], Map<string, FilterExpr | null>>();
  private readonly preds = new WeakMap<readonly ColumnMeta[], Map<string, RowPredicate | null>>();

  constructor(private readonly mapper: ObjectMapper) {}

  expr(owner: string, table: string, columns: readonly ColumnMeta[]): FilterExpr | null {
    let byTable = this.exprs.get(columns);
    if (!byTable) this.exprs.set(columns, (byTable = new Map()));
    const k = `${owner}\u0000${table}`;
    if (byTable.has(k)) return byTable.get(k)!;
    const text = this.mapper.filterText(owner, table);
    let expr: FilterExpr | null = null;
    if (text !== '') {
      try {
        expr = validateFilter(text, columns);
      } catch (e) {
        if (e instanceof Error) e.message = `${owner}.${table}: ${e.message}`;
        throw e;
      }
    }
    byTable.set(k, expr);
    return expr;
  }

  predicate(owner: string, table: string, columns: readonly ColumnMeta[]): RowPredicate | null {
    let byTable = this.preds.get(columns);
    if (!byTable) this.preds.set(columns, (byTable = new Map()));
    const k = `${owner}\u0000${table}`;
    if (byTable.has(k)) return byTable.get(k)!;
    const expr = this.expr(owner, table, columns);
    const pred = expr ? filterPredicate(expr, columns) : null;
    byTable.set(k, pred);
    return pred;
  }
}
