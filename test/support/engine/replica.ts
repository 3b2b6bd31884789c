import type { ColumnValue } from '../../../server/model/oracle-types';
import type { TestRecord } from './json-test-format';

/**
 * What a downstream consumer would hold after applying a topic in order: one map per table from
 * primary key to row (by column name). Also checks the stream's own invariants while applying:
 * every change (commitScn, txId, seq) and every INIT row (table, key) arrives once, record ids
 * strictly increase, and per key an UPDATE/DELETE finds the row it changes.
 *
 *   const r = new Replica(); for (const rec of records) r.apply(rec);
 *   r.tables.get('HR.EMPLOYEES')!.get('["107"]')  → { ID: '107', SALARY: '1200', … }
 */
export type Row = Record<string, unknown>;

export class Replica {
  readonly tables = new Map<string, Map<string, Row>>();
  readonly problems: string[] = [];
  readonly ddl: TestRecord[] = [];
  private readonly seen = new Set<string>();
  private lastId = 0;
  counts = { init: 0, insert: 0, update: 0, delete: 0, ddl: 0 };

  /**
   * With `ids`, record ids must strictly increase in apply order (true for one partition or one
   * stream). With `reinit`, a table may be read again (a re-snapshot): an INIT replaces the row
   * its key holds, and only a second INIT of a key at the same SCN is a duplicate.
   */
  constructor(private readonly opts: { ids?: boolean; reinit?: boolean } = {}) {}

  apply(r: TestRecord): void {
    if (this.opts.ids !== false && r.id <= this.lastId) this.problems.push(`record id ${r.id} after ${this.lastId}`);
    this.lastId = r.id;
    const name = `${r.owner}.${r.table}`;
    if (r.op === 'DDL') {
      this.counts.ddl++;
      this.ddl.push(r);
      return;
    }
    const once = r.op === 'INIT' ? `INIT ${name} ${keyOf(r, r.after!)}${this.opts.reinit ? ` @${r.commitScn}` : ''}` : `${r.commitScn}/${r.txId}/${r.seq}`;
    if (this.seen.has(once)) this.problems.push(`duplicate ${r.op} ${once}`);
    this.seen.add(once);
    let t = this.tables.get(name);
    if (!t) this.tables.set(name, (t = new Map()));
    switch (r.op) {
      case 'INIT':
      case 'INSERT': {
        this.counts[r.op === 'INIT' ? 'init' : 'insert']++;
        const k = keyOf(r, r.after!);
        if (t.has(k) && !(r.op === 'INIT' && this.opts.reinit)) this.problems.push(`${r.op} of existing key ${name} ${k}`);
        t.set(k, rowOf(r.cols, r.after!));
        break;
      }
      case 'UPDATE': {
        this.counts.update++;
        const oldKey = keyOf(r, mergeImage(r.before!, r.after!));
        const old = t.get(oldKey);
        if (!old) {
          this.problems.push(`UPDATE of missing key ${name} ${oldKey} at ${r.commitScn}`);
          break;
        }
        const next = { ...old };
        r.cols.forEach((c, i) => {
          if (r.after![i] !== undefined) next[c] = canon(r.after![i]!);
        });
        t.delete(oldKey);
        t.set(keyOf(r, mergeImage(r.after!, r.before!)), next);
        break;
      }
      case 'DELETE': {
        this.counts.delete++;
        const k = keyOf(r, r.before!);
        if (!t.delete(k)) this.problems.push(`DELETE of missing key ${name} ${k} at ${r.commitScn}`);
        break;
      }
    }
  }
}

function mergeImage(a: (ColumnValue | undefined)[], b: (ColumnValue | undefined)[]): (ColumnValue | undefined)[] {
  return a.map((v, i) => (v === undefined ? b[i] : v));
}

export function keyOf(r: Pick<TestRecord, 'cols' | 'pk'>, image: (ColumnValue | undefined)[]): string {
  const pk = r.pk ?? r.cols;
  return JSON.stringify(pk.map((k) => canon(image[r.cols.indexOf(k)] ?? null)));
}

export function rowOf(cols: string[], image: (ColumnValue | undefined)[]): Row {
  const out: Row = {};
  cols.forEach((c, i) => (out[c] = canon(image[i] ?? null)));
  return out;
}

/** Comparable form of a value (bytes as hex, date-times as JSON). */
export function canon(v: ColumnValue): unknown {
  if (v instanceof Uint8Array) return `0x${Buffer.from(v).toString('hex')}`;
  if (v !== null && typeof v === 'object') return JSON.stringify(v);
  if (typeof v === 'number' && Number.isNaN(v)) return 'NaN';
  return v;
}
