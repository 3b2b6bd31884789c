import type { SessionPrivileges } from '../gateway';
import type { CheckResult, MigrationTypes } from './types';

/**
 * What the migration account needs, per migration type, and whether it has it. Each requirement
 * is met by any one of its grants (a system privilege, a role, or an object grant as
 * "PRIVILEGE ON OWNER.OBJECT"); DBA meets all of them.
 *
 *   schema       CREATE SESSION; SELECT_CATALOG_ROLE or SELECT ANY DICTIONARY (DBMS_METADATA.GET_DDL of other schemas)
 *   full         CREATE SESSION; SELECT and FLASHBACK on every table (… ANY TABLE or per table); V$DATABASE (current SCN)
 *   incremental  CREATE SESSION; LOGMINING; EXECUTE ON SYS.DBMS_LOGMNR; SELECT ANY TRANSACTION;
 *                SELECT on V_$LOGMNR_CONTENTS, V_$DATABASE, V_$ARCHIVED_LOG, V_$LOG, V_$LOGFILE, V_$TRANSACTION,
 *                V_$ARCHIVE_DEST_STATUS, V_$THREAD;
 *                SELECT on every table (to read its definition); on RAC also SELECT on GV_$TRANSACTION
 * All of these are required; the account's own tables need no grants. With a CDB root + PDB the
 * LogMiner grants are checked in CDB$ROOT (where mining runs) and written CONTAINER=ALL.
 */

export type Grant = { system: string } | { role: string } | { object: string };

export interface PrivilegeRequirement {
  name: string;
  why: string;
  required: boolean;
  anyOf: Grant[];
  /** The GRANT statement to fix it (<user> is replaced). */
  grant: string;
  /** Needed where LogMiner runs (CDB$ROOT in root + PDB mode), not where the data is read. */
  mining?: boolean;
}

export interface PrivilegeContext {
  /** RAC: open transactions come from GV$TRANSACTION. */
  rac?: boolean;
  /** LogMiner runs in CDB$ROOT for a PDB: its grants must hold there (GRANT … CONTAINER=ALL). */
  miningInRoot?: boolean;
}

const DICT: Grant[] = [{ system: 'SELECT ANY DICTIONARY' }, { role: 'SELECT_CATALOG_ROLE' }];
const view = (v: string, why: string): PrivilegeRequirement => ({
  name: `SELECT ON SYS.${v}`,
  why,
  required: true,
  anyOf: [{ object: `SELECT ON SYS.${v}` }, ...DICT],
  grant: `GRANT SELECT ON SYS.${v} TO <user>;`,
});

const SESSION: PrivilegeRequirement = { name: 'CREATE SESSION', why: 'log on', required: true, anyOf: [{ system: 'CREATE SESSION' }, { role: 'CONNECT' }], grant: 'GRANT CREATE SESSION TO <user>;' };

export function requirementsFor(types: MigrationTypes, user: string, tables: { owner: string; table: string }[], ctx: PrivilegeContext = {}): Map<keyof MigrationTypes, PrivilegeRequirement[]> {
  const foreign = tables.filter((t) => t.owner !== user);
  const perTable = (priv: 'SELECT' | 'FLASHBACK', why: string): PrivilegeRequirement[] =>
    foreign.map((t) => ({
      name: `${priv} ON ${t.owner}.${t.table}`,
      why,
      required: true,
      anyOf: [{ system: `${priv} ANY TABLE` }, { object: `${priv} ON ${t.owner}.${t.table}` }],
      grant: `GRANT ${priv} ON ${t.owner}.${t.table} TO <user>;  -- or GRANT ${priv} ANY TABLE TO <user>;`,
    }));
  const out = new Map<keyof MigrationTypes, PrivilegeRequirement[]>();
  if (types.schema) {
    const reqs = [SESSION];
    if (foreign.length > 0) reqs.push({ name: 'SELECT_CATALOG_ROLE', why: "read other schemas' DDL with DBMS_METADATA", required: true, anyOf: DICT, grant: 'GRANT SELECT_CATALOG_ROLE TO <user>;' });
    out.set('schema', reqs);
  }
  if (types.full) {
    out.set('full', [SESSION, ...perTable('SELECT', 'read the rows'), ...perTable('FLASHBACK', 'read AS OF SCN (consistent snapshot)'), view('V_$DATABASE', 'read the current SCN')]);
  }
  if (types.incremental) {
    const inRoot = (r: PrivilegeRequirement): PrivilegeRequirement => ({
      ...r,
      mining: true,
      ...(ctx.miningInRoot ? { name: `${r.name} (in CDB$ROOT)`, grant: r.grant.replace(/;$/, ' CONTAINER=ALL;') } : {}),
    });
    out.set('incremental', [
      SESSION,
      inRoot({ name: 'LOGMINING', why: 'start LogMiner sessions (12c+)', required: true, anyOf: [{ system: 'LOGMINING' }], grant: 'GRANT LOGMINING TO <user>;' }),
      inRoot({ name: 'EXECUTE ON SYS.DBMS_LOGMNR', why: 'ADD_LOGFILE / START_LOGMNR', required: true, anyOf: [{ object: 'EXECUTE ON SYS.DBMS_LOGMNR' }, { role: 'EXECUTE_CATALOG_ROLE' }], grant: 'GRANT EXECUTE ON SYS.DBMS_LOGMNR TO <user>;' }),
      inRoot({ name: 'SELECT ANY TRANSACTION', why: 'query V$LOGMNR_CONTENTS', required: true, anyOf: [{ system: 'SELECT ANY TRANSACTION' }], grant: 'GRANT SELECT ANY TRANSACTION TO <user>;' }),
      inRoot(view('V_$LOGMNR_CONTENTS', 'read the mined redo')),
      view('V_$DATABASE', 'log mode, supplemental logging, current SCN'),
      inRoot(view('V_$ARCHIVED_LOG', 'find archived logs')),
      inRoot(view('V_$LOG', 'find online logs')),
      inRoot(view('V_$LOGFILE', 'online log file names')),
      inRoot(view('V_$ARCHIVE_DEST_STATUS', 'read archived logs only from local, valid destinations')),
      inRoot(view('V_$THREAD', 'how far each redo thread is written (LAST_REDO_CHANGE#)')),
      view('V_$TRANSACTION', 'transactions open at the snapshot SCN'),
      ...(ctx.rac ? [view('GV_$TRANSACTION', 'transactions open on every RAC instance at the snapshot SCN')] : []),
      ...perTable('SELECT', 'read the table definition used to type redo values'),
    ]);
  }
  return out;
}

export function hasGrant(p: SessionPrivileges, g: Grant): boolean {
  if ('system' in g) return p.systemPrivileges.includes(g.system);
  if ('role' in g) return p.roles.includes(g.role);
  return p.objectPrivileges.includes(g.object);
}

export function checkPrivileges(p: SessionPrivileges, types: MigrationTypes, tables: { owner: string; table: string }[], ctx: PrivilegeContext = {}): CheckResult[] {
  const out: CheckResult[] = [];
  const miningCtx = { ...ctx, miningInRoot: ctx.miningInRoot ?? p.mining?.container === 'CDB$ROOT' };
  for (const [type, reqs] of requirementsFor(types, p.user, tables, miningCtx)) {
    const code = `ORACLE_PRIVILEGES_${type.toUpperCase()}`;
    // LogMiner's grants count where mining runs (CDB$ROOT for a named PDB), the others where data is read.
    const held = (r: PrivilegeRequirement) => {
      const where = r.mining && p.mining ? { ...p, ...p.mining } : p;
      return where.roles.includes('DBA') || r.anyOf.some((g) => hasGrant(where, g));
    };
    const missing = reqs.filter((r) => !held(r));
    const label = type === 'schema' ? 'schema migration' : type === 'full' ? 'full data migration' : 'incremental data migration';
    if (missing.length === 0) {
      out.push({ code, status: 'passed', detail: `${p.user} has every privilege ${label} needs (${reqs.length} checked).`, hint: '' });
      continue;
    }
    const required = missing.filter((m) => m.required);
    const shown = missing.slice(0, 12).map((m) => `${m.name} (${m.why})`).join('; ');
    out.push({
      code,
      status: required.length > 0 ? 'failed' : 'warning',
      detail: `${p.user} lacks ${missing.length} privilege${missing.length === 1 ? '' : 's'} for ${label}: ${shown}${missing.length > 12 ? '; …' : ''}.`,
      hint: [...new Set(missing.map((m) => m.grant.replace(/<user>/g, p.user)))].slice(0, 20).join('\n'),
      objects: missing.map((m) => m.name),
    });
  }
  return out;
}
