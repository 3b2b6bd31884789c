import { initEvent, type ChangeEvent } from '../model/change-event';
import { identityKey, type ColumnMeta, type TableMeta } from '../model/oracle-types';
import type { FilterExpr } from '../model/row-filter-ast';
import type { TaskConfig } from '../model/task-config';
import { parseEtlScript, statementsFor } from '../model/etl';
import { ObjectMapper } from '../model/task-mapping';
import { OPERATIONS } from '../model/task-objects';
import type { OracleGateway } from '../oracle/gateway';
import { EventMapper } from '../engine/mapping/event-mapper';
import { TableFilters } from '../engine/filters/table-filters';
import { selectedTables } from '../engine/phases/table-list';

/**
 * The tables a verification covers, each as the task migrates it: the engine's own table list,
 * name mapping (EventMapper) and row filter (TableFilters, the same validated expression the full
 * load sends to the snapshot query), so source rows are compared in exactly the shape the engine
 * writes them.
 *
 *   HR.EMPLOYEES renamed HR_PROD.STAFF, filter "DEPARTMENT_ID = 10"
 *   → { source: meta of HR.EMPLOYEES, table: 'HR_PROD.STAFF', columns: [mapped], keyColumns: ['ID'], filter }
 */
export interface VerifiedTable {
  source: TableMeta;
  /** "OWNER.TABLE" as the records name it (after mapping). */
  table: string;
  columns: ColumnMeta[];
  /** Mapped identity key (primary key, else the first unique key); null when the table has none. */
  keyColumns: string[] | null;
  filter: FilterExpr | null;
  /** Why this table cannot be proven from the topic, decided before any row is read. */
  unprovable: string | null;
  /** Maps one source row (an INIT event) the way the engine does. */
  map(event: ChangeEvent): ChangeEvent;
}

export async function verifiedTables(config: TaskConfig, gateway: OracleGateway): Promise<VerifiedTable[]> {
  const mapper = new ObjectMapper(config.objects);
  const events = new EventMapper(mapper);
  const filters = new TableFilters(mapper);
  // Configure ETL: a table the script transforms is written unlike its source rows (derived,
  // masked, dropped and audit columns; rows a keep condition drops), so it is not compared.
  const etl = config.advanced.etl.enabled && config.advanced.etl.script.trim() !== '' ? parseEtlScript(config.advanced.etl.script) : null;
  const out: VerifiedTable[] = [];
  for (const t of await selectedTables({ config, gateway })) {
    const meta = await gateway.describeTable(t.owner, t.table);
    const probe = events.map(initEvent(meta, [], 0n));
    const keyColumns = identityKey(probe);
    const skipped = config.migrationTypes.incremental ? OPERATIONS.filter((op) => op !== 'DDL' && !mapper.operations(t.owner, t.table).includes(op)) : [];
    const unprovable =
      !keyColumns || keyColumns.length === 0
        ? 'The table has no primary key or unique key, so its rows cannot be matched one to one with records.'
        : skipped.length > 0
          ? `The task does not migrate ${skipped.join(' and ')} of this table, so the topic is not meant to equal the source.`
          : etl && statementsFor(etl, t.owner, t.table).length > 0
            ? "The task's ETL script (Advanced Settings › Configure ETL) transforms this table's rows, so its records are not meant to equal the source rows."
            : null;
    out.push({
      source: meta,
      table: `${probe.owner}.${probe.table}`,
      columns: probe.columns,
      keyColumns: keyColumns && keyColumns.length > 0 ? keyColumns : null,
      filter: filters.expr(meta.owner, meta.name, meta.columns),
      unprovable,
      map: (e) => events.map(e),
    });
  }
  return out;
}

