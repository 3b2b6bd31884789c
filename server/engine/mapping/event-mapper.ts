import type { ChangeEvent } from '../../model/change-event';
import type { ColumnMeta } from '../../model/oracle-types';
import type { ObjectMapper } from '../../model/task-mapping';
import { rewriteDdl } from './ddl-rewrite';

/**
 * Applies the task's name mapping to ChangeEvents before they reach a format: owner, table,
 * column names (and the key column lists that name them), and DDL text.
 *
 *   { op:'UPDATE', owner:'HR', table:'EMP', columns:[ID, SAL], primaryKey:['ID'] }
 *   → { op:'UPDATE', owner:'HR_PROD', table:'EMPLOYEE', columns:[ID, SALARY], primaryKey:['ID'] }
 *
 * Per table the mapped column metadata is computed once and reused while the table's column
 * array stays the same object (source readers replace it after an ALTER TABLE), so the hot path
 * allocates one event object and nothing else.
 */
interface TablePlan {
  source: readonly ColumnMeta[];
  owner: string;
  table: string;
  columns: ColumnMeta[];
  rename: Map<string, string>;
  primaryKey: string[] | null;
  uniqueKeys: string[][];
  keySource: { pk: string[] | null; uks: string[][] };
}

export class EventMapper {
  private readonly plans = new Map<string, TablePlan>();

  constructor(
    private readonly mapper: ObjectMapper,
    /** Columns the engine currently knows per source table (for column names inside DDL expressions). */
    private readonly columnsOf?: (owner: string, table: string) => readonly string[] | undefined,
  ) {}

  get identity(): boolean {
    return this.mapper.identity;
  }

  map(e: ChangeEvent): ChangeEvent {
    if (this.mapper.identity) return e;
    if (e.op === 'DDL') return this.mapDdl(e);
    const plan = this.plan(e);
    return { ...e, owner: plan.owner, table: plan.table, columns: plan.columns, primaryKey: plan.primaryKey, uniqueKeys: plan.uniqueKeys };
  }

  /** Mapped "OWNER.TABLE" pair of a source table (for topics' objectName, partitioning, logs). */
  table(owner: string, table: string): { owner: string; table: string } {
    return this.mapper.table(owner, table);
  }

  private plan(e: ChangeEvent): TablePlan {
    const k = `${e.owner}\u0000${e.table}`;
    const cached = this.plans.get(k);
    if (cached && cached.source === e.columns && sameKeys(cached.keySource, e)) return cached;
    const to = this.mapper.table(e.owner, e.table);
    const rename = new Map<string, string>();
    const columns = e.columns.map((c) => {
      const name = this.mapper.column(e.owner, e.table, c.name);
      rename.set(c.name, name);
      return name === c.name ? c : { ...c, name };
    });
    const keys = (names: string[]) => names.map((n) => rename.get(n) ?? this.mapper.column(e.owner, e.table, n));
    const plan: TablePlan = {
      source: e.columns,
      owner: to.owner,
      table: to.table,
      columns,
      rename,
      primaryKey: e.primaryKey ? keys(e.primaryKey) : null,
      uniqueKeys: e.uniqueKeys.map(keys),
      keySource: { pk: e.primaryKey, uks: e.uniqueKeys },
    };
    this.plans.set(k, plan);
    return plan;
  }

  private mapDdl(e: ChangeEvent): ChangeEvent {
    const isTable = e.ddlObjectType === undefined || e.ddlObjectType === 'TABLE';
    const to = e.table === '' ? { owner: this.mapper.schema(e.owner), table: '' } : isTable ? this.mapper.table(e.owner, e.table) : { owner: this.mapper.schema(e.owner), table: e.table };
    const ddl = e.ddl === undefined ? undefined : rewriteDdl(e.ddl, { defaultOwner: e.owner, mapper: this.mapper, columnsOf: this.columnsOf });
    // A DDL may change a table's columns; drop the cached plan so the next event rebuilds it.
    if (isTable && e.table !== '') this.plans.delete(`${e.owner}\u0000${e.table}`);
    return { ...e, owner: to.owner, table: to.table, ...(ddl === undefined ? {} : { ddl }) };
  }
}

function sameKeys(k: TablePlan['keySource'], e: ChangeEvent): boolean {
  if (k.pk !== e.primaryKey && (k.pk === null || e.primaryKey === null || k.pk.join('\u0000') !== e.primaryKey.join('\u0000'))) return false;
  if (k.uks === e.uniqueKeys) return true;
  return k.uks.length === e.uniqueKeys.length && k.uks.every((u, i) => u.join('\u0000') === e.uniqueKeys[i]!.join('\u0000'));
}
