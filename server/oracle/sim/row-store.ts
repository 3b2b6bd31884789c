import type { Scn } from '../../model/scn';
import type { ColumnValue } from '../../model/oracle-types';
import { oraError } from '../errors';
import type { PackedRow } from './row-codec';
import type { Comparator } from './value-compare';

/**
 * Rows of one table with their version chains, indexed by key (a Map for lookups, a sorted array
 * for keyset scans). A version is a committed image: {commitScn, values | null (deleted)}; the
 * newest is kept inline on the entry. Uncommitted changes live beside it as `pending` + `lockTx` (row lock) and
 * become a version at commit. Images are packed (row-codec.ts). A read AS OF SCN s walks the chain to the newest version with
 * commitScn <= s. Versions older than the undo-retention horizon are dropped; a read that would
 * need one raises ORA-01555, as Oracle does when undo was overwritten.
 */

export interface LockOwner {
  readonly xid: string;
}

export interface RowVersion {
  scn: Scn;
  image: PackedRow | null;
  older: RowVersion | null;
}

export class RowEntry {
  /** Newest committed version inline (most rows have just one): its commit SCN, null = none yet. */
  scn: Scn | null = null;
  /** Packed image of that version; null = deleted (or never committed). */
  image: PackedRow | null = null;
  older: RowVersion | null = null;
  /** Versions below this SCN were garbage-collected; null when the chain is complete. */
  truncatedAt: Scn | null = null;
  lockTx: LockOwner | null = null;
  /** Uncommitted image while locked (null = deleted by the locking transaction). */
  pending: ColumnValue[] | null = null;

  constructor(
    readonly key: string,
    readonly keyValues: ColumnValue[] | null,
    readonly rowNum: number,
  ) {}
}

export function snapshotTooOld(scn: Scn): Error {
  return oraError('ORA-01555', `snapshot too old: rollback segment number 11 with name "_SYSSMU11$" too small (AS OF SCN ${scn})`, {
    retriable: false,
    hint:
      'The undo needed to read this table as of the snapshot SCN was overwritten. Raise UNDO_RETENTION ' +
      '(and the undo tablespace) above the full-load duration, or migrate the table in smaller tasks.',
  });
}

/** Packed committed image as of `scn`; null when the row did not exist (or was deleted) then. */
export function versionAt(entry: RowEntry, scn: Scn): PackedRow | null {
  if (entry.scn !== null && entry.scn <= scn) return entry.image;
  let v = entry.older;
  while (v !== null && v.scn > scn) v = v.older;
  if (v === null) {
    if (entry.truncatedAt !== null && scn < entry.truncatedAt) throw snapshotTooOld(scn);
    return null;
  }
  return v.image;
}

/** Adds a committed version and drops versions no read at or above `horizon` can need. */
export function addVersion(entry: RowEntry, scn: Scn, image: PackedRow | null, horizon: Scn): void {
  if (entry.scn !== null) entry.older = { scn: entry.scn, image: entry.image, older: entry.older };
  entry.scn = scn;
  entry.image = image;
  if (scn <= horizon) {
    if (entry.older !== null) entry.truncatedAt = scn;
    entry.older = null;
    return;
  }
  let v = entry.older;
  while (v !== null && v.scn > horizon) v = v.older;
  if (v !== null && v.older !== null) {
    v.older = null;
    entry.truncatedAt = v.scn;
  }
}

export class RowStore {
  private readonly byKey = new Map<string, RowEntry>();
  /** Entries in key order (keyed tables) or insertion order (keyless, i.e. ROWID order). */
  private sorted: RowEntry[] = [];
  /**
   * New entries whose key is not above the current maximum, merged into `sorted` when an ordered
   * view is next needed: random-key inserts stay O(1) instead of an array splice each.
   */
  private tail: RowEntry[] = [];
  private nextRowNum = 0;
  /** Bumped whenever an entry is added, so cached orderings know they are stale. */
  entryGeneration = 0;

  constructor(private readonly keyCmps: Comparator[] | null) {}

  get size(): number {
    return this.byKey.size;
  }

  /** rowNum the next created entry will get (keyless tables key rows by it). */
  peekRowNum(): number {
    return this.nextRowNum;
  }

  get(key: string): RowEntry | undefined {
    return this.byKey.get(key);
  }

  /** All entries in scan order (do not mutate). */
  entries(): readonly RowEntry[] {
    if (this.tail.length > 0) this.mergeTail();
    return this.sorted;
  }

  /** Number of entries (tombstones included), and the i-th in no particular order: for random picks. */
  count(): number {
    return this.sorted.length + this.tail.length;
  }

  at(i: number): RowEntry | undefined {
    return i < this.sorted.length ? this.sorted[i] : this.tail[i - this.sorted.length];
  }

  create(key: string, keyValues: ColumnValue[] | null): RowEntry {
    const entry = new RowEntry(key, keyValues, this.nextRowNum++);
    this.byKey.set(key, entry);
    const last = this.sorted[this.sorted.length - 1];
    if (this.keyCmps === null || keyValues === null) this.sorted.push(entry);
    else if (this.tail.length === 0 && (last === undefined || this.compareKeys(last.keyValues!, keyValues) < 0)) this.sorted.push(entry);
    else this.tail.push(entry);
    this.entryGeneration++;
    return entry;
  }

  private mergeTail(): void {
    const tail = this.tail.sort((a, b) => this.compareKeys(a.keyValues!, b.keyValues!));
    this.tail = [];
    const a = this.sorted;
    const out: RowEntry[] = new Array(a.length + tail.length);
    let i = 0;
    let j = 0;
    let k = 0;
    while (i < a.length && j < tail.length) out[k++] = this.compareKeys(a[i]!.keyValues!, tail[j]!.keyValues!) <= 0 ? a[i++]! : tail[j++]!;
    while (i < a.length) out[k++] = a[i++]!;
    while (j < tail.length) out[k++] = tail[j++]!;
    this.sorted = out;
  }

  /** Bulk load (seeding, direct-path): entries appended, sorted once at the end. */
  createMany(items: { key: string; keyValues: ColumnValue[] | null; rowNum?: number }[]): RowEntry[] {
    if (this.tail.length > 0) this.mergeTail();
    const created = items.map(({ key, keyValues, rowNum }) => {
      const entry = new RowEntry(key, keyValues, rowNum ?? this.nextRowNum++);
      if (rowNum !== undefined && rowNum >= this.nextRowNum) this.nextRowNum = rowNum + 1;
      this.byKey.set(key, entry);
      this.sorted.push(entry);
      return entry;
    });
    if (this.keyCmps !== null && !this.isSorted()) this.sorted.sort((a, b) => this.compareKeys(a.keyValues!, b.keyValues!));
    this.entryGeneration++;
    return created;
  }

  private isSorted(): boolean {
    for (let i = 1; i < this.sorted.length; i++) {
      if (this.compareKeys(this.sorted[i - 1]!.keyValues!, this.sorted[i]!.keyValues!) > 0) return false;
    }
    return true;
  }

  /** Index of the first entry whose key is greater than `keyValues`. */
  upperBound(keyValues: readonly ColumnValue[]): number {
    if (this.tail.length > 0) this.mergeTail();
    let lo = 0;
    let hi = this.sorted.length;
    while (lo < hi) {
      const mid = (lo + hi) >>> 1;
      if (this.compareKeys(this.sorted[mid]!.keyValues!, keyValues) <= 0) lo = mid + 1;
      else hi = mid;
    }
    return lo;
  }

  /** Index of the first entry with rowNum greater than `rowNum` (keyless tables). */
  upperBoundRowNum(rowNum: number): number {
    let lo = 0;
    let hi = this.sorted.length;
    while (lo < hi) {
      const mid = (lo + hi) >>> 1;
      if (this.sorted[mid]!.rowNum <= rowNum) lo = mid + 1;
      else hi = mid;
    }
    return lo;
  }

  compareKeys(a: readonly ColumnValue[], b: readonly ColumnValue[]): number {
    const cmps = this.keyCmps!;
    for (let i = 0; i < cmps.length; i++) {
      const c = cmps[i]!(a[i]!, b[i]!);
      if (c !== 0) return c;
    }
    return 0;
  }

  /** Drops every entry (TRUNCATE, DROP). */
  clear(): void {
    this.byKey.clear();
    this.sorted = [];
    this.tail = [];
    this.entryGeneration++;
  }

  /** Rewrites every stored image (committed versions and pending), for column DDL. */
  rewriteImages(packed: (image: PackedRow) => PackedRow, pending: (values: ColumnValue[]) => ColumnValue[]): void {
    for (const e of this.entries()) {
      if (e.image !== null) e.image = packed(e.image);
      for (let v = e.older; v !== null; v = v.older) if (v.image !== null) v.image = packed(v.image);
      if (e.pending) e.pending = pending(e.pending);
    }
  }
}
