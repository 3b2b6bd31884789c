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

/** An ORA- error with its code as `code`, e.g. oraError('ORA-01017', 'invalid username/password; logon denied', …). */
export function oraError(
  code: string,
  text: string,
  opts: { retriable?: boolean; hint?: string; field?: string; cause?: unknown } = {},
): OracleError {
  return new OracleError(code, `${code}: ${text}`, opts);
}
