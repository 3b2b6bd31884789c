import type { FilterExpr } from '../../../server/model/row-filter-ast';
import type { Scn } from '../../../server/model/scn';
import type { OracleGateway } from '../../../server/oracle/gateway';
import { readTableChunks } from '../../../server/oracle/snapshot';
import type { MemoryTarget } from './memory-target';
import type { OpenedTarget } from '../../../server/model/pending-record';
import { decodeTestRecord } from './json-test-format';
import { keyOf, Replica, rowOf, type Row } from './replica';

/** The rows of a table AS OF an SCN, keyed like Replica, for comparing a migration with its source. */
export async function sourceRows(gateway: OracleGateway, owner: string, table: string, scn: Scn, filter?: FilterExpr): Promise<Map<string, Row>> {
  const meta = await gateway.describeTable(owner, table);
  const cols = meta.columns.map((c) => c.name);
  const out = new Map<string, Row>();
  for await (const chunk of readTableChunks(gateway, meta, { scn, chunkSize: 5000, ...(filter ? { filter } : {}) })) {
    for (const r of chunk.rows) out.set(keyOf({ cols, pk: meta.primaryKey }, r), rowOf(cols, r));
  }
  return out;
}

/** True when the target's committed records, applied in order, equal the source's tables at its current SCN. */
export async function replicaMatchesSource(gateway: OracleGateway, target: MemoryTarget, owner: string, tables: string[], opts: { reinit?: boolean } = {}): Promise<boolean> {
  const scn = await gateway.currentScn();
  const replica = replicaOf(target, opts);
  for (const t of tables) {
    const want = await sourceRows(gateway, owner, t, scn);
    const got = replica.tables.get(`${owner}.${t}`) ?? new Map<string, Row>();
    if (got.size !== want.size) return false;
    for (const [k, row] of want) if (JSON.stringify(got.get(k)) !== JSON.stringify(row)) return false;
  }
  return true;
}

/** An OpenedTarget over a MemoryTarget: what a test runner "writes to Kafka". */
export function memoryOpenTarget(target: MemoryTarget, topics: { data: string; ddl: string } = { data: 'data', ddl: 'ddl' }, partitions = 3): () => Promise<OpenedTarget> {
  return async () => ({
    target,
    checkpoint: target.checkpoint ? structuredClone(target.checkpoint) : null,
    partitionCounts: { [topics.data]: partitions, [topics.ddl]: partitions },
    topics,
    schemaIds: null,
    close: async () => undefined,
  });
}

/** Applies every committed record of a MemoryTarget to a fresh replica. */
export function replicaOf(target: MemoryTarget, opts: { reinit?: boolean } = {}): Replica {
  const r = new Replica(opts);
  for (const rec of target.committed) r.apply(decodeTestRecord(rec.value));
  return r;
}
