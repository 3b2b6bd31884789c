import type { ChangeEvent } from '../../model/change-event';
import type { FullTableProgress, IncrementalTableProgress, PhaseProgress } from '../../model/phase-progress';

/**
 * The per-table rows of a phase's progress (PhaseProgress.tables), kept by the phase as it works:
 *
 *   const tables = fullTables(ctx.progress);  tables.entry('HR.EMPLOYEES').rowsDone += 500;
 *   incrementalTables(ctx.progress).count(event)   → HR.EMPLOYEES { inserts: 1, … }
 *
 * The entries live in `progress.tables` itself, so every progress report carries them.
 */
type FullTables = { entry(table: string): FullTableProgress };
type IncrementalTables = { count(e: Pick<ChangeEvent, 'op' | 'owner' | 'table'>): void };
const fullMemo = new WeakMap<PhaseProgress, FullTables>();
const incrementalMemo = new WeakMap<PhaseProgress, IncrementalTables>();

/** One index per progress object (counting runs once per change, so the index is not rebuilt). */
export function fullTables(progress: PhaseProgress): FullTables {
  let t = fullMemo.get(progress);
  if (!t) fullMemo.set(progress, (t = buildFullTables(progress)));
  return t;
}

export function incrementalTables(progress: PhaseProgress): IncrementalTables {
  let t = incrementalMemo.get(progress);
  if (!t) incrementalMemo.set(progress, (t = buildIncrementalTables(progress)));
  return t;
}

function buildFullTables(progress: PhaseProgress): FullTables {
  const byName = new Map<string, FullTableProgress>();
  for (const t of progress.tables) if ('rowsDone' in t) byName.set(t.table, t);
  return {
    entry(table: string): FullTableProgress {
      let t = byName.get(table);
      if (!t) {
        t = { table, status: 'Waiting', rowsDone: 0, rowsEstimate: 0, rowsFilteredOut: null, error: null };
        byName.set(table, t);
        progress.tables.push(t);
      }
      return t;
    },
  };
}

function buildIncrementalTables(progress: PhaseProgress): IncrementalTables {
  const byName = new Map<string, IncrementalTableProgress>();
  for (const t of progress.tables) if ('inserts' in t) byName.set(t.table, t);
  return {
    count(e: Pick<ChangeEvent, 'op' | 'owner' | 'table'>): void {
      const name = e.table ? `${e.owner}.${e.table}` : e.owner;
      let t = byName.get(name);
      if (!t) {
        t = { table: name, inserts: 0, updates: 0, deletes: 0, ddl: 0 };
        byName.set(name, t);
        progress.tables.push(t);
      }
      if (e.op === 'INSERT') t.inserts++;
      else if (e.op === 'UPDATE') t.updates++;
      else if (e.op === 'DELETE') t.deletes++;
      else if (e.op === 'DDL') t.ddl++;
    },
  };
}
