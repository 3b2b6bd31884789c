import { OracleError } from '../model/errors';

/**
 * A table of Oracle (ORA-), node-oracledb (NJS-) and socket error codes → what the user should know.
 * `translateOracleError` is the only place that reads raw driver errors; everything above sees an
 * `OracleError` whose `retriable` flag is the single input of the retry code.
 *
 * Example of a raw thin-driver error and its translation:
 *   { code: 'NJS-518', message: 'NJS-518: cannot connect to Oracle Database. Service "ORCLPDB" is not
 *     registered with the listener at host 10.0.0.5 port 1521. (CONNECTION_ID=…)' }
 *   → OracleError { code: 'ORA-12514', retriable: false,
 *       message: 'Service name "ORCLPDB" is not known to the listener at 10.0.0.5:1521 (ORA-12514)',
 *       hint: 'Check the service name with `lsnrctl services` …' }
 */

export interface OraErrorInfo {
  retriable: boolean;
  /** Short description; the context (host, object) is added by translateOracleError. */
  message: string;
  hint: string;
}

export interface OracleErrorContext {
  host?: string;
  port?: number;
  kind?: 'sid' | 'service';
  /** SID or service name. */
  database?: string;
  user?: string;
  /** What we were doing, e.g. "reading HR.EMPLOYEES AS OF SCN 5012345". */
  operation?: string;
}

const CONN_LOST: OraErrorInfo = {
  retriable: true,
  message: 'the connection to Oracle was lost',
  hint: 'The database closed the session (restart, failover, network drop or idle timeout). The task reconnects automatically within its retry window; if it keeps happening check the network path and the database alert log.',
};

const DB_STARTING: OraErrorInfo = {
  retriable: true,
  message: 'the database is not open (starting up or shutting down)',
  hint: 'Wait until the instance is OPEN; the task retries within its retry window.',
};

/** Codes are normalised: NJS codes that mean an ORA condition are aliased below. */
export const ORA_ERRORS: Readonly<Record<string, OraErrorInfo>> = {
  'ORA-01017': {
    retriable: false,
    message: 'wrong database account or password',
    hint: 'Check the account and password (passwords are case-sensitive). In a multitenant database connect to the PDB service with a local user, or use a common user named C##….',
  },
  'ORA-28000': { retriable: false, message: 'the database account is locked', hint: 'Unlock it: ALTER USER <account> ACCOUNT UNLOCK;' },
  'ORA-28001': { retriable: false, message: 'the password of the database account has expired', hint: 'Set a new password: ALTER USER <account> IDENTIFIED BY <new password>;' },
  'ORA-01045': { retriable: false, message: 'the account lacks the CREATE SESSION privilege', hint: 'GRANT CREATE SESSION TO <account>;' },
  'ORA-28040': {
    retriable: false,
    message: 'no matching authentication protocol',
    hint: 'The server only accepts old password verifiers. Set SQLNET.ALLOWED_LOGON_VERSION_SERVER=11 or higher compatible values in sqlnet.ora and reset the account password.',
  },
  'NJS-116': {
    retriable: false,
    message: 'the account uses a 10G password verifier, which the thin driver does not support',
    hint: 'Reset the password (ALTER USER … IDENTIFIED BY …) so that an 11G/12C verifier is created.',
  },
  'NJS-138': { retriable: false, message: 'this Oracle version is not supported by the thin driver', hint: 'The source must be Oracle Database 12.1 or later.' },
  'ORA-12505': {
    retriable: false,
    message: 'the SID is not known to the listener',
    hint: 'Check the SID (SELECT INSTANCE_NAME FROM V$INSTANCE, or `lsnrctl status`). For a PDB or a RAC database choose "RAC/PDB" and enter the service name instead.',
  },
  'ORA-12514': {
    retriable: false,
    message: 'the service name is not known to the listener',
    hint: 'Check the service name with `lsnrctl services` (SELECT VALUE FROM V$PARAMETER WHERE NAME = \'service_names\'). For a non-RAC instance addressed by SID choose "Non-RAC" and enter the SID.',
  },
  'ORA-12541': {
    retriable: true,
    message: 'no listener at this host and port',
    hint: 'Check host and port (default 1521) and that the listener runs (`lsnrctl status`).',
  },
  'CONN-REFUSED': {
    retriable: true,
    message: 'the connection was refused',
    hint: 'Nothing accepts connections at this host and port: check host, port (default 1521), that the listener runs, and firewalls or security groups between Ora2Kafka and the database.',
  },
  'CONN-TIMEOUT': {
    retriable: true,
    message: 'the connection timed out',
    hint: 'The host did not answer in time: check that the address is reachable from the Ora2Kafka host and that a firewall or whitelist does not drop the traffic on this port.',
  },
  'HOST-NOT-FOUND': { retriable: false, message: 'the host name cannot be resolved', hint: 'Check the host name or use an IP address.' },
  'ORA-12516': { retriable: true, message: 'the listener has no free handler for new sessions', hint: 'The database reached its PROCESSES/SESSIONS limit; the task retries. Raise the limit if it persists.' },
  'ORA-12519': { retriable: true, message: 'the listener has no free handler for new sessions', hint: 'The database reached its PROCESSES limit; the task retries. Raise the limit if it persists.' },
  'ORA-12520': { retriable: true, message: 'the listener has no handler for this server type', hint: 'The database reached its session limit; the task retries.' },
  'ORA-12528': DB_STARTING,
  'ORA-00018': { retriable: true, message: 'maximum number of sessions exceeded', hint: 'Raise SESSIONS or lower concurrency (full-load threads).' },
  'ORA-00020': { retriable: true, message: 'maximum number of processes exceeded', hint: 'Raise PROCESSES or lower concurrency (full-load threads).' },
  'ORA-01033': DB_STARTING,
  'ORA-01034': DB_STARTING,
  'ORA-01089': DB_STARTING,
  'ORA-03113': CONN_LOST,
  'ORA-03114': CONN_LOST,
  'ORA-03135': CONN_LOST,
  'ORA-12537': CONN_LOST,
  'ORA-12547': CONN_LOST,
  'NJS-500': CONN_LOST,
  'NJS-501': CONN_LOST,
  'NJS-521': CONN_LOST,
  'ORA-01013': { retriable: true, message: 'the call was cancelled (call timeout or user request)', hint: 'A statement ran longer than the call timeout; the task retries. Lower the chunk size or the LogMiner window if it persists.' },
  'ORA-00054': { retriable: true, message: 'resource busy', hint: 'Another session holds a lock on the object; the task retries.' },
  'ORA-04068': { retriable: true, message: 'package state was discarded', hint: 'A package was recompiled while in use; the task retries.' },
  'ORA-04061': { retriable: true, message: 'package state was invalidated', hint: 'A package was recompiled while in use; the task retries.' },
  'ORA-01031': {
    retriable: false,
    message: 'insufficient privileges',
    hint: 'Grant the privileges the migration type needs (the precheck lists them: SELECT on the tables, SELECT_CATALOG_ROLE, LOGMINING / EXECUTE ON DBMS_LOGMNR, SELECT ANY TRANSACTION, FLASHBACK, SELECT on the V_$ views).',
  },
  'ORA-00942': {
    retriable: false,
    message: 'table or view does not exist (or is not visible to this account)',
    hint: 'Check the object name, or grant SELECT on it to the account (V$ views need SELECT on the SYS.V_$… view or SELECT_CATALOG_ROLE).',
  },
  'ORA-00904': { retriable: false, message: 'invalid identifier (a column does not exist)', hint: 'The table changed since it was selected; refresh the table list.' },
  'ORA-01435': { retriable: false, message: 'the user (schema) does not exist', hint: 'Check the schema name; it may have been dropped.' },
  'ORA-31603': { retriable: false, message: 'object not found by DBMS_METADATA', hint: 'The object does not exist or the account lacks SELECT_CATALOG_ROLE to read other schemas\' DDL.' },
  'ORA-01555': {
    retriable: false,
    message: 'snapshot too old: undo for the snapshot SCN is gone',
    hint: 'The full load ran longer than undo is kept. Raise UNDO_RETENTION (and the undo tablespace), or restart the full load with more threads or a smaller table set.',
  },
  'ORA-08181': { retriable: false, message: 'the SCN is not a valid system change number', hint: 'The snapshot SCN is older than the database keeps flashback data for; restart the full load.' },
  'ORA-08180': { retriable: false, message: 'no snapshot found for the requested time', hint: 'The requested point in time is outside UNDO_RETENTION; restart the full load.' },
  'ORA-01466': { retriable: false, message: 'the table definition changed after the snapshot SCN', hint: 'A DDL ran on the table during the full load; restart the full load of that table.' },
  'ORA-01291': {
    retriable: true,
    message: 'LogMiner is missing a log file',
    hint: 'A redo log needed for the SCN range is not registered (often a log switch while mining); the window is retried with a fresh log list. If it persists, the archived log was purged: restore it or restart the task from a new full load.',
  },
  'ORA-00310': {
    retriable: true,
    message: 'an online redo log was overwritten while being mined',
    hint: 'The log switched during the mining call; the window is retried with the archived copy.',
  },
  'ORA-00308': {
    retriable: true,
    message: 'cannot open an archived redo log',
    hint: 'The file listed in V$ARCHIVED_LOG is not readable on the database host (moved, deleted or on a destination the instance cannot read). Restore it, or check LOG_ARCHIVE_DEST.',
  },
  'ORA-01284': { retriable: true, message: 'a log file cannot be opened', hint: 'The file is missing or unreadable on the database host; restore it.' },
  'ORA-01292': { retriable: true, message: 'no log file was registered for the LogMiner session', hint: 'The SCN range has no redo logs; the window is retried.' },
  'ORA-01306': { retriable: true, message: 'LogMiner session was not started', hint: 'Internal sequencing error; the window is retried.' },
  'ORA-01343': { retriable: false, message: 'LogMiner found corruption in the redo stream', hint: 'A redo log is damaged; restore it from backup or restart the task from a new full load.' },
  'ORA-04036': { retriable: true, message: 'PGA memory exceeds PGA_AGGREGATE_LIMIT', hint: 'LogMiner used too much memory; the window is retried smaller. Raise PGA_AGGREGATE_LIMIT if it persists.' },
  'ORA-00257': { retriable: true, message: 'the archiver is stuck (archive destination full)', hint: 'Free space in the archive destination; the database accepts no changes until then.' },
  'ORA-01882': { retriable: false, message: 'time zone region not found', hint: 'The client and server time zone files differ; set ORA_SDTZ or upgrade the time zone file.' },
  'ORA-00600': { retriable: false, message: 'Oracle internal error', hint: 'See the database alert log and trace file for the ORA-00600 arguments.' },
  // Multitenant
  'ORA-65040': {
    retriable: false,
    message: 'LogMiner cannot run inside a PDB on this release (per-PDB mining needs Oracle 19c or later)',
    hint: 'Connect to the CDB root\'s service (the CDB name, e.g. ORCLCDB) with a common user (C##…) granted LOGMINING and the LogMiner views with CONTAINER=ALL, and enter the PDB name in "PDB Name": tables are then read in the PDB and LogMiner runs in CDB$ROOT, keeping only that PDB\'s changes.',
  },
  'ORA-65011': { retriable: false, message: 'the pluggable database does not exist', hint: 'Check the PDB name (SELECT NAME, OPEN_MODE FROM V$PDBS in CDB$ROOT); it must be open READ WRITE.' },
  'ORA-65090': { retriable: false, message: 'the database is not a multitenant container database', hint: 'Leave "PDB Name" blank: a non-CDB has no pluggable databases.' },
  // Client-side pool and transport (thin mode)
  'NJS-040': {
    retriable: true,
    message: 'no pooled connection became free in time (queue timeout)',
    hint: 'More queries ran at once than the connection pool holds; the task retries. The pool is sized from "Tables read in parallel"; if it persists lower that setting, or check for slow queries on the source.',
  },
  'NJS-533': {
    retriable: false,
    message: 'the server requires Oracle native network encryption or checksumming, which the thin driver does not support',
    hint: 'Use TLS instead: configure a TCPS listener (wallet with the server certificate, PROTOCOL=TCPS, usually port 2484) and choose Encryption "TLS (TCPS)"; or set SQLNET.ENCRYPTION_SERVER and SQLNET.CRYPTO_CHECKSUM_SERVER to ACCEPTED (not REQUIRED) in the server\'s sqlnet.ora.',
  },
  'NJS-505': {
    retriable: false,
    message: 'the TLS connection could not be set up with the wallet',
    hint: 'Check the wallet folder: it must hold ewallet.pem (PEM format; convert cwallet.sso/ewallet.p12 with orapki or openssl), and "Wallet Password" must open its private key. Without a wallet the server certificate must be signed by a CA the Ora2Kafka host trusts (system store or NODE_EXTRA_CA_CERTS).',
  },
  'NJS-506': {
    retriable: false,
    message: 'the TLS handshake failed',
    hint: 'The port must be a TCPS listener (usually 2484), and the server certificate must be signed by a CA in the wallet (or trusted by the Ora2Kafka host). A plain TCP port answers TLS with this error.',
  },
  'NJS-507': {
    retriable: false,
    message: 'the server certificate does not carry the expected DN',
    hint: 'Correct "Server Certificate DN" to the certificate\'s subject (openssl s_client -connect host:port shows it), or clear it to match the host name instead.',
  },
  'NJS-508': {
    retriable: false,
    message: 'the server certificate does not match the host name',
    hint: 'Connect with the host name the certificate was issued for, enter its DN in "Server Certificate DN", or turn off the host name check (weaker).',
  },
};

/** NJS codes that carry the same meaning as an ORA code (thin mode raises NJS where thick raises ORA). */
const ALIASES: Readonly<Record<string, string>> = {
  'NJS-518': 'ORA-12514',
  'NJS-519': 'ORA-12505',
  'NJS-511': 'CONN-REFUSED',
  // The other Advanced Networking Option failures of thin mode mean the same as NJS-533.
  'NJS-531': 'NJS-533',
  'NJS-532': 'NJS-533',
  'NJS-510': 'CONN-TIMEOUT',
  'NJS-530': 'HOST-NOT-FOUND',
  'ORA-12170': 'CONN-TIMEOUT',
  'ORA-12545': 'HOST-NOT-FOUND',
  ECONNREFUSED: 'CONN-REFUSED',
  ECONNRESET: 'NJS-500',
  EPIPE: 'NJS-500',
  ETIMEDOUT: 'CONN-TIMEOUT',
  ENOTFOUND: 'HOST-NOT-FOUND',
  EAI_AGAIN: 'HOST-NOT-FOUND',
  EHOSTUNREACH: 'CONN-TIMEOUT',
  ENETUNREACH: 'CONN-TIMEOUT',
};

const CODE_IN_TEXT = /\b((?:ORA|NJS|TNS)-\d{3,5})\b/;
const SOCKET_CODE_IN_TEXT = /\b(ECONNREFUSED|ECONNRESET|ETIMEDOUT|ENOTFOUND|EAI_AGAIN|EHOSTUNREACH|ENETUNREACH|EPIPE)\b/;

/** The most specific code found in the error, its message, or its causes. */
export function extractOracleCode(err: unknown): string | null {
  const seen = new Set<unknown>();
  let current: unknown = err;
  let fallback: string | null = null;
  while (current && typeof current === 'object' && !seen.has(current)) {
    seen.add(current);
    const e = current as { code?: unknown; message?: unknown; cause?: unknown };
    const code = typeof e.code === 'string' ? e.code : null;
    const message = typeof e.message === 'string' ? e.message : '';
    // NJS-503 "could not be established" wraps the socket error text; the socket code is more specific.
    const socket = SOCKET_CODE_IN_TEXT.exec(message)?.[1] ?? null;
    const inText = CODE_IN_TEXT.exec(message)?.[1] ?? null;
    // NJS-511 carries the listener's refusal reason ("ORA-12514") in its text.
    const oraInText = /\bORA-\d{5}\b/.exec(message.slice(8))?.[0] ?? null;
    if (code === 'NJS-511' && oraInText) return oraInText;
    if (code === 'NJS-503' || code === 'NJS-501') {
      if (socket) return socket;
      fallback ??= code;
    } else if (code && (/^(ORA|NJS|TNS)-\d+$/.test(code) || ALIASES[code] || ORA_ERRORS[code])) {
      return code;
    } else if (inText) {
      return inText;
    } else if (socket) {
      return socket;
    }
    current = e.cause;
  }
  return fallback;
}

function normalise(code: string): string {
  return ALIASES[code] ?? code;
}

function describeTarget(ctx: OracleErrorContext): string {
  if (!ctx.host) return '';
  const where = `${ctx.host}:${ctx.port ?? 1521}`;
  if (!ctx.database) return ` at ${where}`;
  return ` at ${where} (${ctx.kind === 'sid' ? 'SID' : 'service'} "${ctx.database}")`;
}

/**
 * ALTER SESSION SET CONTAINER = <pdb> failed: say which PDB, and the fix for why (the account
 * lacks SET CONTAINER, the PDB does not exist, the database is not a CDB).
 */
export function containerSwitchError(err: unknown, pdb: string, user: string): OracleError {
  const base = translateOracleError(err, { operation: `switching to PDB ${pdb}` });
  const hint =
    base.code === 'ORA-01031'
      ? `In CDB$ROOT: GRANT SET CONTAINER TO ${user} CONTAINER=ALL; (the account must be a common user, C##…, to read a PDB from the root).`
      : base.code === 'ORA-01435' || base.code === 'ORA-01918'
        ? `${user} does not exist in ${pdb}: create it as a common user in CDB$ROOT (CREATE USER C##… CONTAINER=ALL).`
        : (base.hint ?? '');
  return new OracleError(base.code, `Cannot read PDB ${pdb} as ${user}: ${base.message.replace(/^Oracle error while switching to PDB \S+: /, '')}`, { retriable: base.retriable, hint, cause: err });
}

/** Turn any driver error into an OracleError with a specific message and fix. Idempotent. */
export function translateOracleError(err: unknown, ctx: OracleErrorContext = {}): OracleError {
  if (err instanceof OracleError) return err;
  const raw = extractOracleCode(err);
  const code = raw ? normalise(raw) : null;
  const info = code ? ORA_ERRORS[code] : undefined;
  const original = err instanceof Error ? err.message.split('\n')[0] : String(err);
  const doing = ctx.operation ? ` while ${ctx.operation}` : '';
  if (!info) {
    // NJS-503 without a socket cause: a generic "could not connect".
    if (code === 'NJS-503') {
      const generic = ORA_ERRORS['CONN-REFUSED'];
      return new OracleError('CONN-REFUSED', `Cannot connect to Oracle${describeTarget(ctx)}: ${original}`, { retriable: true, hint: generic.hint, cause: err });
    }
    return new OracleError(code ?? 'ORA-UNKNOWN', `Oracle error${doing}${describeTarget(ctx)}: ${original}`, { retriable: false, cause: err, hint: 'See the Oracle error text; nothing more specific is known about this code.' });
  }
  const shownCode = code!.startsWith('ORA-') || code!.startsWith('NJS-') ? ` (${code})` : raw && raw !== code ? ` (${raw})` : '';
  const isConnect = ['ORA-01017', 'ORA-12505', 'ORA-12514', 'ORA-12541', 'CONN-REFUSED', 'CONN-TIMEOUT', 'HOST-NOT-FOUND', 'ORA-28000', 'ORA-28001', 'ORA-01045'].includes(code!);
  const subject = isConnect
    ? `Cannot connect to Oracle${describeTarget(ctx)}${ctx.user && code === 'ORA-01017' ? ` as "${ctx.user}"` : ''}`
    : `Oracle error${doing}`;
  return new OracleError(code!, `${subject}: ${info.message}${shownCode}`, { retriable: info.retriable, hint: info.hint, cause: err });
}
