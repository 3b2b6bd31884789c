import { OracleError } from '../model/errors';
import type { Scn } from '../model/scn';

/**
 * Oracle-side errors shared by both gateway implementations (oracledb/ and sim/).
 * Codes are the ORA-/TNS- code when Oracle gave one, else a product code (ORACLE_*).
 */

/**
 * A redo log needed to mine an SCN range is gone (purged archive, overwritten online log in
 * NOARCHIVELOG mode). Not retriable: waiting does not bring the log back.
 */
export class LogMissingError extends OracleError {
  readonly scn: Scn;
  readonly thread: number;
  /** Sequence of the missing log, when known. */
  readonly sequence: number | null;

  constructor(opts: { scn: Scn; thread: number; sequence: number | null; detail?: string }) {
    const seq = opts.sequence === null ? 'unknown sequence' : `sequence ${opts.sequence}`;
    super(
      'ORACLE_LOG_MISSING',
      `The redo log holding SCN ${opts.scn} (thread ${opts.thread}, ${seq}) is no longer available` +
        (opts.detail ? `: ${opts.detail}` : ''),
      {
        retriable: false,
        hint:
          'The archived log was purged before it could be read. Extend the archive log retention on the ' +
          'source (keep archived logs at least 7 days, e.g. RMAN "CONFIGURE ARCHIVELOG DELETION POLICY" or ' +
          'your purge job), then restart the task with a new full migration so reading starts from an SCN ' +
          'whose logs still exist.',
      },
    );
    this.scn = opts.scn;
    this.thread = opts.thread;
    this.sequence = opts.sequence;
  }
}

/**
 * LogMiner cannot render the redo of a migrated table with the dictionary at hand (STATUS 2,
 * "Dictionary Mismatch", or "OBJ# n"): its definition changed after the redo was written, and no
 * dictionary built into the redo logs before that point is available. Emitting those rows would
 * put changes with wrong or missing columns into Kafka, so the task stops instead.
 */
export class DictionaryMismatchError extends OracleError {
  constructor(opts: { table: string; scn: Scn; triedRedoDictionary: boolean }) {
    super(
      'ORACLE_DICTIONARY_MISMATCH',
      `LogMiner cannot read the redo of ${opts.table} at SCN ${opts.scn}: the table's definition changed (a DDL) after this redo was written, ` +
        (opts.triedRedoDictionary
          ? 'and the LogMiner dictionary found in the redo logs was built after that point as well.'
          : 'and the online dictionary describes only the new definition, while no LogMiner dictionary built into the redo logs before that point is available.') +
        ' Its changes would reach Kafka with wrong or missing columns, so the task stopped.',
      {
        retriable: false,
        hint:
          'From now on, build a LogMiner dictionary into the redo logs regularly and before DDL on migrated tables: ' +
          'EXECUTE DBMS_LOGMNR_D.BUILD(OPTIONS => DBMS_LOGMNR_D.STORE_IN_REDO_LOGS); (then ALTER SYSTEM SWITCH LOGFILE; so it is archived) — ' +
          `Ora2Kafka re-reads such redo with it. For this task, migrate ${opts.table} again with a new full migration.`,
      },
    );
  }
}

/** An ORA- error with its code as `code`, e.g. oraError('ORA-01017', 'invalid username/password; logon denied', …). */
export function oraError(
  code: string,
  text: string,
  opts: { retriable?: boolean; hint?: string; field?: string; cause?: unknown } = {},
): OracleError {
  return new OracleError(code, `${code}: ${text}`, opts);
}
