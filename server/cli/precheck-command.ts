import { isOra2KafkaError } from '../model/errors';
import { validateFilter } from '../model/row-filter';
import type { TaskConfig } from '../model/task-config';
import { mappingIssues, type CatalogTables } from '../model/task-mapping';
import { testConnectivity } from '../kafka/connectivity';
import type { OracleGateway } from '../oracle/gateway';
import { openGateway } from '../oracle/open-gateway';
import { runOraclePrechecks, type CheckResult } from '../oracle/precheck';
import { asReported } from '../model/precheck-items';
import { readTaskFile } from './task-file';

/**
 * `ora2kafka precheck task.json`: the checks the console runs before a task starts, printed as
 *   PASS  SOURCE_CONNECTIVITY   Oracle 19.0.0.0.0 (ORCL) answers as DTS
 *   FAIL  ORACLE_SUPPLEMENTAL_LOG  Supplemental logging: … — fix: ALTER DATABASE ADD SUPPLEMENTAL LOG DATA …
 * Exit code 1 when any item failed.
 */
export async function precheckCommand(options: { file: string; write?: (line: string) => void }): Promise<number> {
  const write = options.write ?? ((l: string) => process.stdout.write(`${l}\n`));
  const config = readTaskFile(options.file);
  const results = await precheck(config);
  for (const r of results) {
    write(`${r.status === 'passed' ? 'PASS' : r.status === 'failed' ? 'FAIL' : 'WARN'}  ${r.code.padEnd(28)} ${r.detail}`);
    if (r.status !== 'passed' && r.hint) write(`      fix: ${r.hint}`);
  }
  const failed = results.filter((r) => r.status === 'failed').length;
  write(failed === 0 ? `Precheck passed (${results.length} items).` : `Precheck failed: ${failed} of ${results.length} items.`);
  return failed === 0 ? 0 : 1;
}

export async function precheck(config: TaskConfig): Promise<CheckResult[]> {
  const out: CheckResult[] = [];
  let gateway: OracleGateway | null = null;
  try {
    gateway = await openGateway({ ...config.source });
    const info = await gateway.databaseInfo();
    out.push({ code: 'SOURCE_CONNECTIVITY', status: 'passed', detail: `Oracle ${info.version} (${info.dbName}) answers as ${config.source.user}.`, hint: '' });
    const scope = {
      racNodes: config.source.racNodes,
      owners: config.objects.schemas.map((s) => s.name),
      ...(config.objects.schemas.some((s) => s.all) ? {} : { tables: config.objects.schemas.flatMap((s) => s.tables.map((t) => ({ owner: s.name, table: t.name }))) }),
    };
    out.push(...(await runOraclePrechecks(gateway, config.migrationTypes, scope)).map(asReported));
    out.push(...(await catalogChecks(gateway, config)));
  } catch (e) {
    out.push(failure('SOURCE_CONNECTIVITY', e));
  } finally {
    await gateway?.close().catch(() => undefined);
  }
  try {
    const r = await testConnectivity(config.destination);
    out.push({ code: 'DEST_CONNECTIVITY', status: 'passed', detail: `Kafka cluster ${r.clusterId}: ${r.topics.map((t) => `${t.name} (${t.partitions} partitions)`).join(', ')}.`, hint: '' });
  } catch (e) {
    out.push(failure('DEST_CONNECTIVITY', e));
  }
  return out;
}

/** Row filters against the real columns, and name conflicts among whole-schema tables. */
async function catalogChecks(gateway: OracleGateway, config: TaskConfig): Promise<CheckResult[]> {
  const out: CheckResult[] = [];
  const catalog: CatalogTables[] = [];
  for (const s of config.objects.schemas) {
    if (s.all) catalog.push({ owner: s.name, tables: (await gateway.listTables(s.name)).map((t) => ({ name: t.name })) });
    for (const t of s.tables) {
      if (!t.filter) continue;
      try {
        validateFilter(t.filter, (await gateway.describeTable(s.name, t.name)).columns);
        out.push({ code: 'ROW_FILTER', status: 'passed', detail: `Filter of ${s.name}.${t.name} is valid.`, hint: '', objects: [`${s.name}.${t.name}`] });
      } catch (e) {
        out.push({ ...failure('ROW_FILTER', e), objects: [`${s.name}.${t.name}`] });
      }
    }
  }
  const conflicts = mappingIssues(config.objects, catalog);
  out.push(
    conflicts.length === 0
      ? { code: 'NAME_MAPPING', status: 'passed', detail: 'No two objects are mapped to the same name.', hint: '' }
      : { code: 'NAME_MAPPING', status: 'failed', detail: conflicts.map((c) => c.message).join(' '), hint: 'Give each object its own destination name.' },
  );
  return out;
}

function failure(code: string, e: unknown): CheckResult {
  return { code, status: 'failed', detail: e instanceof Error ? e.message : String(e), hint: isOra2KafkaError(e) ? (e.hint ?? '') : '' };
}
