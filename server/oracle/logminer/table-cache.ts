import type { TableMeta } from '../../model/oracle-types';
import type { OracleGateway } from '../gateway';
import { isOra2KafkaError } from '../../model/errors';

/**
 * Table definitions used to type redo values, looked up once per table and forgotten for a whole
 * owner when a DDL of that owner is mined, so events after an ALTER TABLE use the new columns.
 * (Redo older than a DDL that the online catalog cannot render comes back STATUS 2 and is re-read
 * with a dictionary from the redo logs — see the mining loop — so these definitions always match.)
 */
export type ResolveTable = (owner: string, table: string) => Promise<TableMeta | null>;

const NOT_FOUND = new Set(['ORA-00942', 'ORA-04043', 'ORA-01918']);

/** describeTable, with "no such table" as null (a table dropped since the redo was written). */
export function resolveTableFromGateway(gateway: OracleGateway): ResolveTable {
  return async (owner, table) => {
    try {
      return await gateway.describeTable(owner, table);
    } catch (err) {
      if (isOra2KafkaError(err) && NOT_FOUND.has(err.code)) return null;
      throw err;
    }
  };
}

export class TableCache {
  private readonly map = new Map<string, TableMeta | null>();

  constructor(private readonly resolve: ResolveTable) {}

  static key(owner: string, table: string): string {
    return `${owner}\u0000${table}`;
  }

  /** Resolves every table not cached yet. */
  async ensure(keys: Iterable<string>): Promise<void> {
    for (const k of keys) {
      if (this.map.has(k)) continue;
      const [owner, table] = k.split('\u0000') as [string, string];
      this.map.set(k, await this.resolve(owner, table));
    }
  }

  get(owner: string, table: string): TableMeta | null | undefined {
    return this.map.get(TableCache.key(owner, table));
  }

  /** The cached definitions of these tables, fixed now (later DDL does not change the copy). */
  pick(keys: Iterable<string>): Map<string, TableMeta | null> {
    const out = new Map<string, TableMeta | null>();
    for (const k of keys) out.set(k, this.map.get(k) ?? null);
    return out;
  }

  invalidateOwner(owner: string): void {
    const prefix = `${owner}\u0000`;
    for (const k of [...this.map.keys()]) if (k.startsWith(prefix)) this.map.delete(k);
  }
}
