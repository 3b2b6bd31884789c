/**
 * Parsed form of a user's per-table WHERE filter, e.g.
 *   DEPARTMENT_ID IN (10, 20) AND (SALARY >= 1000 OR NAME LIKE 'A%') AND MANAGER_ID IS NOT NULL
 * Only this AST crosses into SQL (as bind variables and quoted identifiers) or is evaluated on
 * incremental events; user text is never pasted into a statement.
 */
export type FilterLiteral =
  | { kind: 'number'; text: string }
  | { kind: 'string'; value: string }
  | { kind: 'null' }
  /** DATE 'YYYY-MM-DD' / TIMESTAMP 'YYYY-MM-DD HH24:MI:SS[.ff]' literals. */
  | { kind: 'date'; text: string }
  | { kind: 'timestamp'; text: string };

export type FilterOperand = { kind: 'column'; name: string } | FilterLiteral;

export type ComparisonOp = '=' | '<>' | '<' | '<=' | '>' | '>=';

export type FilterExpr =
  | { kind: 'and'; items: FilterExpr[] }
  | { kind: 'or'; items: FilterExpr[] }
  | { kind: 'not'; item: FilterExpr }
  | { kind: 'compare'; op: ComparisonOp; left: FilterOperand; right: FilterOperand }
  | { kind: 'in'; negated: boolean; operand: FilterOperand; list: FilterOperand[] }
  | { kind: 'between'; negated: boolean; operand: FilterOperand; low: FilterOperand; high: FilterOperand }
  | { kind: 'like'; negated: boolean; operand: FilterOperand; pattern: FilterOperand; escape?: string }
  | { kind: 'isNull'; negated: boolean; operand: FilterOperand };
