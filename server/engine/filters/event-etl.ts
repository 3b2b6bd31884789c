import type { ChangeEvent } from '../../model/change-event';
import { EtlRunner, withScriptLabel } from '../../model/etl';
import type { EtlSettings } from '../../model/task-advanced';

/**
 * Advanced Settings › Configure ETL in the engine: the one step both phases pass every row event
 * through, after the row filter and before name mapping and the format (so the script speaks of
 * source tables and columns, and records' `fields` carry its result):
 *   full load     INIT rows read AS OF the snapshot SCN
 *   incremental   changes that passed the operation and row filters
 * The salt of hash masks is the task id: stable across restarts and workers, different per task.
 * A keep condition that needs a column an UPDATE's redo lacks keeps the change and warns once per
 * table, as the row filter does.
 */
export class EventEtl {
  private readonly runner: EtlRunner | null;
  private readonly warned = new Set<string>();

  constructor(
    settings: EtlSettings,
    salt: string,
    private readonly warn: (message: string) => void,
  ) {
    try {
      this.runner = settings.enabled && settings.script.trim() !== '' ? new EtlRunner(settings.script, salt) : null;
    } catch (e) {
      throw withScriptLabel(e);
    }
  }

  apply(e: ChangeEvent): ChangeEvent | null {
    if (!this.runner) return e;
    let out: ReturnType<EtlRunner['apply']>;
    try {
      out = this.runner.apply(e);
    } catch (err) {
      // The script no longer fits the table (a DDL dropped a column it names): the task fails saying where.
      throw withScriptLabel(err);
    }
    if (out.undecided) {
      const k = `${e.owner}.${e.table}`;
      if (!this.warned.has(k)) {
        this.warned.add(k);
        this.warn(`A keep condition of the ETL script needs a column of ${k} that the redo of some changes does not carry; those changes are migrated unfiltered. Enable full supplemental logging for exact filtering: ALTER TABLE ${k} ADD SUPPLEMENTAL LOG DATA (ALL) COLUMNS;`);
      }
    }
    return out.event;
  }
}
