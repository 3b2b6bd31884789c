/**
 * LogMiner's SQL_REDO text: the DML parser and the value conversion, the one door other modules
 * use (the files beside this one are its parts).
 *
 *   parseRedo(`update "HR"."EMP" set "SALARY" = '2400.5' where "ID" = '7';`)
 *   → { operation: 'UPDATE', owner: 'HR', table: 'EMP', after: { SALARY: '2400.5' }, before: { ID: '7' } }
 *   convertRedoValue(salaryColumn, '2400.5') → '2400.5' (NUMBER as decimal text)
 *   formatRedoLiteral(salaryColumn, '2400.5') → "'2400.5'"  (what LogMiner prints; the simulator writes it)
 *
 * The parser's case catalogue (every bug adds a literal SQL_REDO case) is redo-parser.cases.ts,
 * beside its test.
 */
export { parseRedo, parseRedoColumns, RedoParseError } from './redo-parser';
export type { RedoColumnList, RedoOperation, RedoParseOptions, RedoStatement, RedoStatementColumns } from './redo-parser';
export { convertRedoValue, EXTENDED_STRING_PLACEHOLDER, formatRedoLiteral, RedoValueError, UNSUPPORTED_TYPE } from './redo-values';
export { quote } from './literal-text';
