/**
 * Per-table row filters: `validateFilter` when the user saves one (parse + check against the
 * table's columns), `evaluateFilter` / `filterPredicate` on incremental events. Pure: the browser
 * wizard imports this too.
 */
export { validateFilter, classOfType, type OperandClass } from './validate';
export { parseFilter, MAX_FILTER_LENGTH, MAX_IN_LIST, type ParsedFilter } from './parser';
export { evaluateFilter, filterPredicate, type FilterOutcome, type FilterRow, type RowPredicate } from './evaluate';
export { likeMatcher } from './like';
export { filterColumns } from './columns';
