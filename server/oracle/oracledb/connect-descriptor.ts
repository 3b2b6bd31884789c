import type { OracleConnectionSettings } from '../gateway';
import { ValidationError } from '../../model/errors';

/**
 * Connection settings (DTS "Oracle Type": Non-RAC → SID, RAC/PDB → service name) → an Oracle Net
 * connect descriptor for the thin driver:
 *   { host: 'db1', port: 1521, kind: 'sid', database: 'ORCL' }
 *   → (DESCRIPTION=(ADDRESS=(PROTOCOL=TCP)(HOST=db1)(PORT=1521))(CONNECT_DATA=(SID=ORCL)))
 *   { host: 'db1', port: 1521, kind: 'service', database: 'ORCLPDB1' }
 *   → (DESCRIPTION=(ADDRESS=(PROTOCOL=TCP)(HOST=db1)(PORT=1521))(CONNECT_DATA=(SERVICE_NAME=ORCLPDB1)))
 * Easy Connect cannot express a SID, so both kinds use the descriptor form.
 */

const NET_SAFE = /^[A-Za-z0-9_.:\-[\]$#]+$/;

export function connectDescriptor(s: Pick<OracleConnectionSettings, 'host' | 'port' | 'kind' | 'database' | 'encryption'>, connectTimeoutSec = 15): string {
  if (!s.host || !NET_SAFE.test(s.host)) throw new ValidationError('host', `Invalid host "${s.host}"`, 'Enter a host name or an IP address.');
  if (!Number.isInteger(s.port) || s.port < 1 || s.port > 65535) throw new ValidationError('port', `Invalid port ${s.port}`, 'The listener port is a number from 1 to 65535 (default 1521).');
  if (!s.database || !NET_SAFE.test(s.database)) {
    throw new ValidationError('database', `Invalid ${s.kind === 'sid' ? 'SID' : 'service name'} "${s.database}"`, 'Use the name exactly as the listener knows it (letters, digits, _ . $ # -).');
  }
  const host = s.host.startsWith('[') ? s.host.slice(1, -1) : s.host;
  const target = s.kind === 'sid' ? `(SID=${s.database})` : `(SERVICE_NAME=${s.database})`;
  // TCPS: TLS by node's own TLS stack (thin mode); wallet and DN matching come as pool attributes (session.ts).
  const protocol = s.encryption === 'tls' ? 'TCPS' : 'TCP';
  return `(DESCRIPTION=(CONNECT_TIMEOUT=${connectTimeoutSec})(ADDRESS=(PROTOCOL=${protocol})(HOST=${host})(PORT=${s.port}))(CONNECT_DATA=${target}))`;
}

/** A PDB name as ALTER SESSION SET CONTAINER takes it (unquoted, upper case), or null when none is set. */
export function normalizePdbName(pdb: string | undefined | null): string | null {
  const p = (pdb ?? '').trim().toUpperCase();
  if (p === '') return null;
  if (!/^[A-Z][A-Z0-9_$#]{0,127}$/.test(p)) throw new ValidationError('pdb', `Invalid PDB name "${pdb}"`, 'A PDB name starts with a letter and holds letters, digits, _ $ or # (SELECT NAME FROM V$PDBS).');
  return p;
}

/**
 * `oracle://user:pass@host:1521/FREEPDB1` (service) or `oracle://user:pass@host:1521/ORCL?kind=sid`
 * → settings. Used by the real-Oracle test suite (ORACLE_TEST_URL) and scripts. Options:
 * `?pdb=FREEPDB1` (root + PDB), `?tls=1&wallet=/path&walletPassword=…&serverCertDn=…` (TCPS).
 */
export function parseOracleUrl(url: string): OracleConnectionSettings {
  let u: URL;
  try {
    u = new URL(url);
  } catch {
    throw new ValidationError('url', `"${url}" is not a URL`, 'Write oracle://user:password@host:1521/SERVICE (add ?kind=sid for a SID).');
  }
  if (u.protocol !== 'oracle:') throw new ValidationError('url', `Unsupported scheme "${u.protocol}"`, 'Use oracle://user:password@host:1521/SERVICE');
  const database = decodeURIComponent(u.pathname.replace(/^\//, ''));
  const kind = u.searchParams.get('kind') === 'sid' ? 'sid' : 'service';
  const q = (k: string) => u.searchParams.get(k) ?? undefined;
  return {
    host: u.hostname,
    port: u.port ? Number(u.port) : 1521,
    kind,
    database,
    user: decodeURIComponent(u.username),
    password: decodeURIComponent(u.password),
    ...(q('pdb') ? { pdb: q('pdb') } : {}),
    ...(q('tls') === '1' || q('tls') === 'true' ? { encryption: 'tls' as const } : {}),
    ...(q('wallet') ? { walletLocation: q('wallet') } : {}),
    ...(q('walletPassword') ? { walletPassword: q('walletPassword') } : {}),
    ...(q('serverCertDn') ? { serverCertDn: q('serverCertDn') } : {}),
  };
}
