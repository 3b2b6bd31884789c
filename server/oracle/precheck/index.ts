/** Oracle-side precheck items (pure checks over gateway answers) for the precheck service. */
export { runOraclePrechecks } from './run-prechecks';
export { checkArchiveRetention, checkForceLogging, checkLogMode, checkSupplementalLogging } from './database-checks';
export { checkContainer } from './container-checks';
export { checkPrivileges, requirementsFor, type PrivilegeContext, type PrivilegeRequirement } from './privileges';
export { checkColumnTypes, checkNameLengths, checkNologgingTables, checkTableKeys, hasUsableKey } from './table-checks';
export type { CheckResult, CheckStatus, MigrationTypes, PrecheckScope } from './types';
