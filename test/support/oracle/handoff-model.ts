import type { ChangeEvent } from '../../../server/model/change-event';
import type { ColumnValue, TableMeta } from '../../../server/model/oracle-types';
import { identityKey } from '../../../server/model/oracle-types';

/**
 * A target-side model for hand-off tests: the snapshot's rows plus mined events applied in order,
 * as a Kafka consumer would. Keyed tables are maps by identity key; keyless tables are multisets
 * whose rows are found by the columns the redo names (undefined = not logged = wildcard).
 * Any event that does not fit (UPDATE/DELETE of a missing row, INSERT of an existing key) is
 * recorded as a violation: that is what a lost or duplicated change looks like downstream.
 */

const canon = (v: ColumnValue | undefined): unknown => (v instanceof Uint8Array ? `hex:${Buffer.from(v).toString('hex')}` : v === undefined ? '<undefined>' : v);

export function rowText(row: readonly (ColumnValue | undefined)[]): string {
  return JSON.stringify(row.map(canon));
}

export class TableModel {
  private readonly keyed = new Map<string, ColumnValue[]>();
  private readonly keyless: ColumnValue[][] = [];
  private readonly keyIdx: number[] | null;

  constructor(readonly meta: TableMeta) {
    const key = identityKey(meta);
    this.keyIdx = key ? key.map((k) => meta.columns.findIndex((c) => c.name === k)) : null;
  }

  private keyOf(row: readonly (ColumnValue | undefined)[]): string {
    return rowText(this.keyIdx!.map((i) => row[i]));
  }

  load(row: ColumnValue[]): void {
    if (this.keyIdx) this.keyed.set(this.keyOf(row), row);
    else this.keyless.push(row);
  }

  /** Applies one event; returns a violation text or null. */
  apply(e: ChangeEvent): string | null {
    const full = (img: (ColumnValue | undefined)[]) => img.map((v) => (v === undefined ? null : v));
    if (e.op === 'INSERT') {
      const after = e.after!;
      if (after.some((v) => v === undefined)) return `INSERT with unknown columns ${rowText(after)}`;
      if (this.keyIdx) {
        const k = this.keyOf(after);
        if (this.keyed.has(k)) return `INSERT of existing key ${k} (duplicate)`;
        this.keyed.set(k, full(after));
      } else this.keyless.push(full(after));
      return null;
    }
    const before = e.before!;
    if (this.keyIdx) {
      const k = this.keyOf(before);
      const row = this.keyed.get(k);
      if (!row) return `${e.op} of missing key ${k} (lost insert or duplicate delete)`;
      const stale = before.findIndex((v, c) => v !== undefined && rowText([v]) !== rowText([row[c]!]));
      if (stale >= 0) return `${e.op} expects ${this.meta.columns[stale]!.name}=${rowText([before[stale]])} but the row has ${rowText([row[stale]!])} (a change was lost or applied twice)`;
      this.keyed.delete(k);
      if (e.op === 'UPDATE') {
        const next = row.map((v, i) => (e.after![i] === undefined ? v : e.after![i]!));
        this.keyed.set(this.keyOf(next), next);
      }
      return null;
    }
    const i = this.keyless.findIndex((r) => before.every((v, c) => v === undefined || rowText([v]) === rowText([r[c]!])));
    if (i < 0) return `${e.op} of a keyless row not present: ${rowText(before)}`;
    const [row] = this.keyless.splice(i, 1);
    if (e.op === 'UPDATE') this.keyless.push(row!.map((v, c) => (e.after![c] === undefined ? v : e.after![c]!)));
    return null;
  }

  /** Sorted row texts, for comparison with the source's rows. */
  contents(): string[] {
    return [...(this.keyIdx ? [...this.keyed.values()] : this.keyless)].map(rowText).sort();
  }
}

export function contentsOf(rows: ColumnValue[][]): string[] {
  return rows.map(rowText).sort();
}
