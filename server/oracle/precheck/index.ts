/** Oracle-side precheck items (pure checks over gateway answers) for the precheck service. */
export { runOraclePrechecks } from './run-prechecks';
export { checkArchiveRetention, checkLogMode, checkSupplementalLogging } from './database-checks';
export { checkPrivileges, requirementsFor, type PrivilegeRequirement } from './privileges';
export { checkColumnTypes, checkNameLengths, checkTableKeys, hasUsableKey } from './table-checks';
export type { CheckResult, CheckStatus, MigrationTypes, PrecheckScope } from './types';
