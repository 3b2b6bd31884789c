/**
 * An ETL script applied to ChangeEvents, the same way for full-load rows and incremental changes:
 *   INIT / INSERT   the after image runs through the script; a keep condition that is not TRUE drops the record
 *   DELETE          the before image
 *   UPDATE          both images; kept before and after → UPDATE, only after → INSERT, only before →
 *                   DELETE, neither → dropped (the row filter's snapshot semantics, so a consumer's
 *                   table equals the kept rows); images are completed from each other first
 *                   (unchanged columns are equal) when the script has keep conditions
 *   DDL             passes unchanged
 * Column metadata of the output is the plan's one array per table and column list.
 *
 *   EtlRunner('for HR.EMP { set PAY_YEAR = SALARY * 12; }').apply(INSERT HR.EMP [ID 7, SALARY 1000])
 *   → INSERT HR.EMP columns [ID, SALARY, PAY_YEAR] after ['7', '1000', '12000']
 */
import type { ChangeEvent } from '../change-event';
import type { ColumnMeta, ColumnValue } from '../oracle-types';
import { compileEtl, type EtlTablePlan } from './compile';
import type { EtlScript } from './etl-ast';
import { saltedHasher } from './mask';
import { parseEtlScript } from './parser';

export interface EtlOutcome {
  event: ChangeEvent | null;
  /** A keep condition needed a column the redo did not carry: the image was kept unfiltered. */
  undecided: boolean;
}

export class EtlRunner {
  private readonly script: EtlScript;
  private readonly hash: (text: string) => string;
  private readonly plans = new Map<string, { source: readonly ColumnMeta[]; pk: string; plan: EtlTablePlan }>();

  /** `salt`: the task's (hash masks differ between tasks, and stay the same across restarts). */
  constructor(text: string, salt: string) {
    this.script = parseEtlScript(text);
    this.hash = saltedHasher(salt);
  }

  /** The table's plan, compiled once per column list (a DDL gives a new list, and a new plan). */
  plan(e: Pick<ChangeEvent, 'owner' | 'table' | 'columns' | 'primaryKey' | 'uniqueKeys'>): EtlTablePlan {
    const k = `${e.owner}\u0000${e.table}`;
    const cached = this.plans.get(k);
    const pk = e.primaryKey?.join('\u0000') ?? '';
    if (cached && cached.source === e.columns && cached.pk === pk) return cached.plan;
    const plan = compileEtl(this.script, { owner: e.owner, name: e.table, columns: e.columns, primaryKey: e.primaryKey, uniqueKeys: e.uniqueKeys });
    this.plans.set(k, { source: e.columns, pk, plan });
    return plan;
  }

  apply(e: ChangeEvent): EtlOutcome {
    if (e.op === 'DDL') return { event: e, undecided: false };
    const plan = this.plan(e);
    const ctx = { op: e.op, scn: e.scn, commitTimeMs: e.commitTimeMs, txId: e.txId, hash: this.hash };
    const out = (op: ChangeEvent['op'], before: Image | null, after: Image | null): ChangeEvent => ({ ...e, op, columns: plan.columns, uniqueKeys: plan.uniqueKeys, before, after });
    if (e.op !== 'UPDATE') {
      const image = e.op === 'DELETE' ? e.before : e.after;
      if (!image) return { event: e, undecided: false };
      const r = plan.run(image, ctx);
      if (r.keep === false) return { event: null, undecided: false };
      return { event: e.op === 'DELETE' ? out(e.op, r.row, null) : out(e.op, null, r.row), undecided: r.keep === undefined };
    }
    let before = e.before ?? [];
    let after = e.after ?? [];
    if (plan.filters) [before, after] = [complete(before, after, e.columns.length), complete(after, before, e.columns.length)];
    const b = plan.run(before, { ...ctx, op: 'UPDATE' });
    const a = plan.run(after, ctx);
    const undecided = a.keep === undefined || b.keep === undefined;
    const wasIn = b.keep !== false;
    const isIn = a.keep !== false;
    if (wasIn && isIn) return { event: out('UPDATE', e.before ? b.row : null, e.after ? a.row : null), undecided };
    if (isIn) return { event: out('INSERT', null, plan.run(after, { ...ctx, op: 'INSERT' }).row), undecided };
    if (wasIn) return { event: out('DELETE', plan.run(before, { ...ctx, op: 'DELETE' }).row, null), undecided };
    return { event: null, undecided };
  }
}

type Image = (ColumnValue | undefined)[];

function complete(a: readonly (ColumnValue | undefined)[], b: readonly (ColumnValue | undefined)[], n: number): Image {
  const out: Image = new Array(n);
  for (let i = 0; i < n; i++) out[i] = a[i] !== undefined ? a[i] : b[i];
  return out;
}
