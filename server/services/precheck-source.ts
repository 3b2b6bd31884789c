import { isOra2KafkaError } from '../model/errors';
import type { OracleSource } from '../model/oracle-source';
import type { TableMeta } from '../model/oracle-types';
import { filterColumns, validateFilter } from '../model/row-filter';
import type { ObjectSelection } from '../model/task-objects';
import type { OracleConnectionSettings, OracleGateway } from '../oracle/gateway';
import { openGateway as defaultOpenGateway } from '../oracle/open-gateway';
import { runOraclePrechecks, type MigrationTypes } from '../oracle/precheck';
import { notChecked, type ItemResult } from '../model/precheck-items';

/**
 * Source-side precheck items: connectivity (CHECK_CONN_SRC), version, existence of the selected
 * objects, then every Oracle item of server/oracle/precheck over the tables that exist, and the
 * row filters against the real column definitions. One gateway session serves them all.
 */

export type OpenGateway = (settings: OracleConnectionSettings) => Promise<OracleGateway>;

export interface SourcePlan {
  source: OracleSource;
  types: MigrationTypes;
  /** null when the Configure Objects step has not been saved yet. */
  objects: ObjectSelection | null;
  /** The heartbeat is on (Monitoring and Alerting): its table is checked. */
  heartbeat?: boolean;
}

/** Codes known before the run starts (optional ones appear only when they have something to say). */
export function plannedSourceCodes(plan: SourcePlan): string[] {
  const codes = ['CHECK_CONN_SRC', 'CHECK_SRC_VERSION', 'CHECK_SRC_OBJECTS', 'ORACLE_LOG_MODE', 'ORACLE_SUPPLEMENTAL_LOG', 'ORACLE_ARCHIVE_RETENTION', 'ORACLE_FORCE_LOGGING', 'ORACLE_CONTAINER', 'ORACLE_FLUSH_TABLE', 'ORACLE_RAC_NODES', 'ORACLE_REDO_VOLUME'];
  if (plan.heartbeat && plan.types.incremental) codes.push('ORACLE_HEARTBEAT_TABLE');
  for (const t of ['schema', 'full', 'incremental'] as const) if (plan.types[t]) codes.push(`ORACLE_PRIVILEGES_${t.toUpperCase()}`);
  codes.push('ORACLE_TABLES_WITHOUT_KEY', 'ORACLE_NAME_LENGTH', 'ORACLE_UNSUPPORTED_TYPES');
  if (hasFilters(plan.objects)) codes.push('ORACLE_ROW_FILTERS');
  return codes;
}

function hasFilters(o: ObjectSelection | null): boolean {
  return Boolean(o?.schemas.some((s) => s.tables.some((t) => t.filter !== '')));
}

function message(e: unknown): { detail: string; hint: string } {
  if (isOra2KafkaError(e)) return { detail: e.message, hint: e.hint ?? '' };
  return { detail: e instanceof Error ? e.message : String(e), hint: '' };
}

export async function sourceItems(plan: SourcePlan, open: OpenGateway = defaultOpenGateway): Promise<ItemResult[]> {
  const planned = plannedSourceCodes(plan);
  const t0 = Date.now();
  let gw: OracleGateway;
  let info;
  try {
    gw = await open(plan.source);
  } catch (e) {
    return [{ code: 'CHECK_CONN_SRC', status: 'failed', ...message(e) }, ...planned.slice(1).map((c) => notChecked(c, 'the source database could not be reached'))];
  }
  try {
    try {
      info = await gw.databaseInfo();
    } catch (e) {
      return [{ code: 'CHECK_CONN_SRC', status: 'failed', ...message(e) }, ...planned.slice(1).map((c) => notChecked(c, 'the source database could not be reached'))];
    }
    const where = `${plan.source.host}:${plan.source.port} (${plan.source.kind === 'sid' ? 'SID' : 'service'} ${plan.source.database})`;
    const out: ItemResult[] = [
      { code: 'CHECK_CONN_SRC', status: 'passed', detail: `Connected to ${where} as ${plan.source.user} in ${Date.now() - t0} ms${gw.kind === 'sim' ? ' (built-in simulator)' : ''}.`, hint: '' },
      versionItem(info.version, info.banner, info.cdb ? info.containerName : null),
    ];
    const scope = await resolveScope(gw, plan.objects);
    out.push(scope.item);
    if (!scope.tables) {
      return [...out, ...planned.filter((c) => c.startsWith('ORACLE_')).map((c) => notChecked(c, 'no objects are selected for migration'))];
    }
    try {
      const owners = [...new Set(scope.tables.map((t) => t.owner))];
      const results = await runOraclePrechecks(gw, plan.types, { owners, tables: scope.tables, racNodes: plan.source.racNodes, heartbeat: plan.heartbeat ?? false });
      out.push(...results.map(({ code, status, detail, hint }) => ({ code, status, detail, hint })));
      if (hasFilters(plan.objects)) out.push(await filterItem(gw, plan.objects!, scope.tables, plan.types.incremental));
    } catch (e) {
      const m = message(e);
      out.push(...planned.filter((c) => c.startsWith('ORACLE_')).map((c) => ({ code: c, status: 'failed' as const, detail: `The check stopped with an error: ${m.detail}`, hint: m.hint })));
    }
    return out;
  } finally {
    await gw.close().catch(() => undefined);
  }
}

/**
 * DTS supports Oracle 9i–19c; Ora2Kafka connects with node-oracledb in thin mode, which needs 12.1
 * or later. Versions after 19c use the same LogMiner interface but are not verified: a warning.
 */
export function versionItem(version: string, banner: string, container: string | null): ItemResult {
  const code = 'CHECK_SRC_VERSION';
  const major = Number(/^(\d+)\./.exec(version)?.[1] ?? NaN);
  const what = `${banner || `Oracle ${version}`}${container ? `, container ${container}` : ''}`;
  if (!Number.isFinite(major)) return { code, status: 'warning', detail: `The version of the source database could not be read (${what}).`, hint: 'Make sure the account can query V$INSTANCE or PRODUCT_COMPONENT_VERSION.' };
  if (major < 12) {
    return { code, status: 'failed', detail: `${what}: version ${version} is older than 12.1, the oldest release Ora2Kafka can read.`, hint: 'Upgrade the source database to 12.1 or later (19c recommended).' };
  }
  if (major > 19) {
    return { code, status: 'warning', detail: `${what}: version ${version} is newer than 19c, the newest release DTS documents for this migration. LogMiner works the same way, but this release is not verified.`, hint: 'Test the migration on a copy first, or ignore this alert.' };
  }
  return { code, status: 'passed', detail: `${what}.`, hint: '' };
}

interface Scope {
  item: ItemResult;
  tables: { owner: string; table: string }[] | null;
}

/** The tables the task migrates, as they exist in the source; missing schemas or tables fail the item. */
export async function resolveScope(gw: OracleGateway, objects: ObjectSelection | null): Promise<Scope> {
  const code = 'CHECK_SRC_OBJECTS';
  if (!objects || objects.schemas.length === 0) {
    return { tables: null, item: { code, status: 'failed', detail: 'No schemas or tables are selected for migration.', hint: 'Go back to Configure Objects, select schemas or tables, and save.' } };
  }
  const schemas = new Set(await gw.listSchemas());
  const missing: string[] = [];
  const tables: { owner: string; table: string }[] = [];
  for (const s of objects.schemas) {
    if (!schemas.has(s.name)) {
      missing.push(`schema ${s.name}`);
      continue;
    }
    const existing = new Set((await gw.listTables(s.name)).map((t) => t.name));
    const chosen = s.all ? [...existing] : s.tables.map((t) => t.name);
    for (const name of chosen) {
      if (existing.has(name)) tables.push({ owner: s.name, table: name });
      else missing.push(`table ${s.name}.${name}`);
    }
  }
  if (missing.length > 0) {
    return {
      tables,
      item: {
        code,
        status: 'failed',
        detail: `${missing.length} selected object${missing.length === 1 ? ' does' : 's do'} not exist in the source database or cannot be seen by the account: ${missing.slice(0, 10).join(', ')}${missing.length > 10 ? ', …' : ''}.`,
        hint: 'Deselect them in Configure Objects, or create them (names are case-sensitive: HR, not hr), or grant the account SELECT on them.',
      },
    };
  }
  return { tables, item: { code, status: 'passed', detail: `${objects.schemas.length} schema${objects.schemas.length === 1 ? '' : 's'} and ${tables.length} table${tables.length === 1 ? '' : 's'} found.`, hint: '' } };
}

/** Every WHERE filter checked against the table's real columns (the wizard may not have had them). */
async function filterItem(gw: OracleGateway, objects: ObjectSelection, present: { owner: string; table: string }[], incremental: boolean): Promise<ItemResult> {
  const code = 'ORACLE_ROW_FILTERS';
  const exists = new Set(present.map((t) => `${t.owner}.${t.table}`));
  const problems: string[] = [];
  /** Filters reading columns an UPDATE's redo may not carry: "HR.EMPLOYEES (SALARY)". */
  const unlogged: { table: string; columns: string[] }[] = [];
  const flags = incremental ? await gw.databaseFlags() : null;
  let checked = 0;
  for (const s of objects.schemas) {
    for (const t of s.tables) {
      if (t.filter === '' || !exists.has(`${s.name}.${t.name}`)) continue;
      checked++;
      const meta = await gw.describeTable(s.name, t.name);
      try {
        const expr = validateFilter(t.filter, meta.columns);
        if (flags && !flags.supplementalLogAll && !meta.supplementalLogGroups?.all) {
          const logged = new Set(loggedKeyColumns(meta));
          const missing = filterColumns(expr).filter((c) => !logged.has(c));
          if (missing.length > 0) unlogged.push({ table: `"${s.name}"."${t.name}"`, columns: missing });
        }
      } catch (e) {
        const m = message(e);
        problems.push(`${s.name}.${t.name}: ${m.detail}${m.hint ? ` ${m.hint}` : ''}`);
      }
    }
  }
  if (problems.length === 0 && unlogged.length > 0) {
    return {
      code,
      status: 'warning',
      detail:
        `${checked} filter condition${checked === 1 ? '' : 's'} match the source columns, but ${unlogged.map((u) => `${u.table} reads ${u.columns.join(', ')}`).join('; ')} — ` +
        'columns that the redo of an UPDATE carries only when the UPDATE changes them (supplemental logging covers the key). Such changes cannot be filtered and are migrated unfiltered.',
      hint: `Log every column of these tables so each change can be filtered: ${unlogged.map((u) => `ALTER TABLE ${u.table} ADD SUPPLEMENTAL LOG DATA (ALL) COLUMNS;`).join(' ')}`,
    };
  }
  if (problems.length === 0) return { code, status: 'passed', detail: `${checked} filter condition${checked === 1 ? '' : 's'} match the source columns and types.`, hint: '' };
  return { code, status: 'failed', detail: problems.join('\n'), hint: 'Correct the filter conditions in Configure Objects (right-click the table, Set Filter Conditions).' };
}

/**
 * The columns PRIMARY KEY supplemental logging puts in every UPDATE's redo: the primary key, else
 * a NOT NULL unique key, else every column (Oracle then logs the whole row).
 */
function loggedKeyColumns(meta: TableMeta): string[] {
  if (meta.primaryKey && meta.primaryKey.length > 0) return meta.primaryKey;
  const notNull = new Set(meta.columns.filter((c) => !c.nullable).map((c) => c.name));
  const uk = meta.uniqueKeys.find((k) => k.every((c) => notNull.has(c)));
  return uk ?? meta.columns.map((c) => c.name);
}
