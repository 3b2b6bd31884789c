import type { TableMeta } from '../../model/oracle-types';
import type { OracleGateway } from '../gateway';
import { checkContainer } from './container-checks';
import { checkFlushTable, checkHeartbeatTable, checkRacNodes } from './log-writer-checks';
import { checkArchiveRetention, checkForceLogging, checkLogMode, checkSupplementalLogging } from './database-checks';
import { checkPrivileges } from './privileges';
import { redoVolumeItem } from './redo-volume-check';
import { checkColumnTypes, checkNameLengths, checkNologgingTables, checkTableKeys } from './table-checks';
import type { CheckResult, MigrationTypes, PrecheckScope } from './types';

/**
 * Every Oracle-side precheck item for one task: gathers the gateway's answers once (flags,
 * privileges, table definitions of the scope), then runs the pure checks over them. Connection
 * errors propagate (the precheck service reports them as the connectivity item).
 */
export async function runOraclePrechecks(gateway: OracleGateway, types: MigrationTypes, scope: PrecheckScope): Promise<CheckResult[]> {
  const info = await gateway.databaseInfo();
  const flags = await gateway.databaseFlags();
  const privileges = await gateway.sessionPrivileges();
  const selected = scope.tables ?? (await Promise.all(scope.owners.map(async (o) => (await gateway.listTables(o)).map((t) => ({ owner: o, table: t.name }))))).flat();
  const metas: TableMeta[] = [];
  for (const t of selected) metas.push(await gateway.describeTable(t.owner, t.table));
  return [
    checkLogMode(flags, types),
    checkSupplementalLogging(flags, types, metas),
    checkArchiveRetention(flags, types),
    checkForceLogging(flags, types),
    ...checkNologgingTables(metas, flags, types),
    checkContainer(info, privileges.user, types),
    await checkFlushTable(gateway, privileges.user, types),
    // Only when the heartbeat is on: a task without one has nothing to check here.
    ...(scope.heartbeat ? [await checkHeartbeatTable(gateway, privileges.user, types, true)] : []),
    checkRacNodes(info, scope.racNodes, types),
    await redoVolumeItem(gateway, types),
    ...checkPrivileges(privileges, types, selected, { rac: info.rac }),
    checkTableKeys(metas),
    ...checkNameLengths(metas),
    ...checkColumnTypes(metas, types),
  ];
}
