import type { Scn } from '../../model/scn';
import type { ColumnMeta, ColumnValue, IndexMeta, TableMeta } from '../../model/oracle-types';
import { identityKey } from '../../model/oracle-types';
import { formatRowId } from './identifiers';
import { RowCodec } from './row-codec';
import { RowStore, versionAt, type RowEntry } from './row-store';
import { comparatorFor, keyString } from './value-compare';

/** Table-level supplemental log groups (ALTER TABLE … ADD SUPPLEMENTAL LOG DATA (…) COLUMNS). */
export interface TableSupplementalLogging {
  pk: boolean;
  ui: boolean;
  all: boolean;
}

export interface TableDefinition {
  owner: string;
  name: string;
  columns: ColumnMeta[];
  primaryKey?: { name: string; columns: string[] } | null;
  uniqueKeys?: { name: string; columns: string[] }[];
  /** Non-constraint indexes. */
  indexes?: IndexMeta[];
  supplemental?: Partial<TableSupplementalLogging>;
  /** ORGANIZATION INDEX (index-organized): rows live in the primary key index, with no physical ROWID. */
  indexOrganized?: boolean;
  /** ALL_TABLES.LOGGING (default true); false = NOLOGGING: direct-path loads write no row redo. */
  logging?: boolean;
}

const LOB_TYPES = new Set(['CLOB', 'NCLOB', 'BLOB']);
export const isLob = (c: ColumnMeta): boolean => LOB_TYPES.has(c.type);
/** XMLTYPE (binary XML storage): its redo comes as XML DOC BEGIN/WRITE/END rows, never inline. */
export const isXml = (c: ColumnMeta): boolean => c.type === 'XMLTYPE';
const EXTENDABLE = new Set(['VARCHAR2', 'NVARCHAR2', 'RAW']);
/** Bytes of a value above which VARCHAR2/RAW (MAX_STRING_SIZE=EXTENDED) are logged apart (32K_BEGIN/WRITE/END). */
export const EXTENDED_STRING_INLINE_LIMIT = 4000;
/** A VARCHAR2/NVARCHAR2/RAW value over 4,000 bytes: written apart, LM_EMPTY_STRING in the DML row. */
export function isExtendedValue(c: ColumnMeta, v: ColumnValue | undefined): boolean {
  if (!EXTENDABLE.has(c.type) || v === null || v === undefined) return false;
  const bytes = v instanceof Uint8Array ? v.length : Buffer.byteLength(String(v), 'utf8');
  return bytes > EXTENDED_STRING_INLINE_LIMIT;
}

/**
 * One table: its dictionary entry (columns, constraints, indexes, supplemental log groups,
 * optimizer statistics) and its rows. The storage key is the identity key (PK, else first UK);
 * keyless tables are keyed by ROWID.
 */
export class SimTable {
  owner: string;
  name: string;
  columns: ColumnMeta[];
  primaryKey: { name: string; columns: string[] } | null;
  uniqueKeys: { name: string; columns: string[] }[];
  indexes: IndexMeta[];
  supplemental: TableSupplementalLogging;
  /** Index-organized: its redo rows carry no ROW_ID (LogMiner prints AAAAAAAAAAAAAAAAAA). */
  readonly indexOrganized: boolean;
  /**
   * Dictionary version of the row structure (OBJ$.SPARE1-like): bumped by each DDL that changes the
   * columns. Redo carries the version it was written under; mined with the online catalog after
   * the version moved on, LogMiner cannot render it ("Dictionary Mismatch").
   */
  objectVersion = 1;
  /** LOGGING attribute (ALTER TABLE … NOLOGGING sets it false). */
  logging: boolean;
  /** SCN of the last DDL that changed the row structure; flashback reads before it fail (ORA-01466). */
  definitionScn: Scn;
  /** DBA_TABLES.NUM_ROWS / AVG_ROW_LEN as of the last statistics gathering (stale by design). */
  stats: { numRows: number; avgRowLength: number; analyzedAtMs: number } | null = null;
  store!: RowStore;
  codec!: RowCodec;
  private keyIdx: number[] | null = null;
  private colIndex = new Map<string, number>();

  constructor(
    def: TableDefinition,
    readonly objectId: number,
    createdScn: Scn,
  ) {
    this.owner = def.owner;
    this.name = def.name;
    this.columns = def.columns.map((c) => ({ ...c }));
    this.primaryKey = def.primaryKey ?? null;
    this.uniqueKeys = def.uniqueKeys ?? [];
    this.indexes = def.indexes ?? [];
    this.supplemental = { pk: false, ui: false, all: false, ...def.supplemental };
    this.indexOrganized = def.indexOrganized ?? false;
    this.logging = def.logging ?? true;
    this.definitionScn = createdScn;
    this.rebuildIndexes(true);
  }

  /** Identity key columns used as storage key (null = keyed by ROWID). */
  keyColumns(): string[] | null {
    return identityKey({ primaryKey: this.primaryKey?.columns ?? null, uniqueKeys: this.uniqueKeys.map((u) => u.columns) });
  }

  columnIndex(name: string): number {
    return this.colIndex.get(name) ?? -1;
  }

  column(name: string): ColumnMeta | undefined {
    const i = this.columnIndex(name);
    return i < 0 ? undefined : this.columns[i];
  }

  /** Storage key string and key values of a full row image. */
  keyOf(values: readonly ColumnValue[]): { key: string; keyValues: ColumnValue[] } | null {
    if (this.keyIdx === null) return null;
    const keyValues = this.keyIdx.map((i) => values[i] ?? null);
    return { key: keyString(keyValues), keyValues };
  }

  rowId(entry: RowEntry): string {
    return this.rowIdOfRowNum(entry.rowNum);
  }

  /** The ROWID of a row slot, whether or not a row occupies it. */
  rowIdOfRowNum(rowNum: number): string {
    return formatRowId(this.objectId, 4 + (this.objectId % 8), rowNum);
  }

  /** New entry for a row image (keyless tables get a ROWID key). */
  newEntry(values: readonly ColumnValue[]): RowEntry {
    const k = this.keyOf(values);
    if (k) return this.store.create(k.key, k.keyValues);
    return this.store.create(`#${this.store.peekRowNum()}`, null);
  }

  /** Committed row as of `scn` (null: absent or deleted then). */
  imageAt(entry: RowEntry, scn: Scn): ColumnValue[] | null {
    const packed = versionAt(entry, scn);
    return packed === null ? null : this.codec.unpack(packed);
  }

  /** Newest committed row (ignores uncommitted changes). */
  latest(entry: RowEntry): ColumnValue[] | null {
    return entry.image === null ? null : this.codec.unpack(entry.image);
  }

  /**
   * Column DDL on existing rows: switches to `columns` and maps every stored image (unpacked with
   * the old layout, packed with the new one).
   */
  alterRows(columns: ColumnMeta[], fn: (values: ColumnValue[]) => ColumnValue[]): void {
    const old = this.codec;
    this.columns = columns;
    this.codec = new RowCodec(columns);
    const next = this.codec;
    this.store.rewriteImages((packed) => next.pack(fn(old.unpack(packed))), fn);
  }

  meta(): TableMeta {
    const uniqueFromIndexes = this.indexes
      .filter((ix) => ix.unique && ix.columns.every((c) => this.column(c)?.nullable === false))
      .map((ix) => ix.columns);
    const uks = [...this.uniqueKeys.map((u) => u.columns)];
    for (const cols of uniqueFromIndexes) if (!uks.some((u) => u.join() === cols.join())) uks.push(cols);
    return {
      owner: this.owner,
      name: this.name,
      columns: this.columns.map((c) => ({ ...c })),
      primaryKey: this.primaryKey ? [...this.primaryKey.columns] : null,
      uniqueKeys: uks,
      indexes: this.allIndexes(),
      rowCountEstimate: this.stats?.numRows ?? null,
      avgRowLength: this.stats?.avgRowLength ?? null,
      objectIds: [this.objectId],
      logging: this.logging,
      supplementalLogGroups: { ...this.supplemental },
    };
  }

  /** Constraint-backing indexes plus plain ones, as ALL_INDEXES lists them. */
  allIndexes(): IndexMeta[] {
    const out: IndexMeta[] = [];
    if (this.primaryKey) out.push({ name: this.primaryKey.name, columns: [...this.primaryKey.columns], unique: true });
    for (const uk of this.uniqueKeys) out.push({ name: uk.name, columns: [...uk.columns], unique: true });
    for (const ix of this.indexes) out.push({ ...ix, columns: [...ix.columns] });
    return out;
  }

  /** Recomputes column lookup; `resetRows` re-creates the row store (the key definition changed). */
  rebuildIndexes(resetRows: boolean): void {
    this.codec = new RowCodec(this.columns);
    this.colIndex = new Map(this.columns.map((c, i) => [c.name, i]));
    const keyCols = this.keyColumns();
    const keyIdx = keyCols ? keyCols.map((c) => this.columnIndex(c)) : null;
    const sameKey = (this.keyIdx === null && keyIdx === null) || (this.keyIdx !== null && keyIdx !== null && this.keyIdx.join() === keyIdx.join());
    this.keyIdx = keyIdx;
    if (resetRows || (!sameKey && this.store !== undefined)) {
      const old = this.store;
      this.store = new RowStore(keyIdx ? keyIdx.map((i) => comparatorFor(this.columns[i]!.type)) : null);
      if (old && !resetRows) this.rekeyFrom(old);
    }
  }

  /** Moves entries into a store with a different key (ADD/DROP CONSTRAINT), keeping versions. */
  private rekeyFrom(old: RowStore): void {
    // Tombstones are dropped: reads before the DDL fail with ORA-01466 anyway.
    const moved = old.entries().flatMap((e) => {
      const img = e.image === null ? null : this.codec.unpack(e.image);
      if (img === null) return [];
      const k = this.keyOf(img);
      return [{ e, key: k?.key ?? `#${e.rowNum}`, keyValues: k?.keyValues ?? null, rowNum: e.rowNum }];
    });
    const created = this.store.createMany(moved);
    created.forEach((n, i) => {
      const o = moved[i]!.e;
      n.scn = o.scn;
      n.image = o.image;
      n.older = o.older;
      n.truncatedAt = o.truncatedAt;
      n.lockTx = o.lockTx;
      n.pending = o.pending;
    });
  }
}
