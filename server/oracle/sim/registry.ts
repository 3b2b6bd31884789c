import type { OracleConnectionSettings } from '../gateway';
import { translateOracleError } from '../ora-errors';
import { installSampleCdb, installSampleSchema, type SampleSchemaOptions } from './sample-schema';
import { createSimDatabase, type SimDatabase, type SimDatabaseOptions } from './sim-database';
import { SimGateway, type SimGatewayOptions } from './sim-gateway';
import { Workload, type WorkloadOptions } from './workload';

/**
 * Process-wide simulated databases, addressed by host name. Convention:
 *   host "<name>.sim" (any port)  → the simulated database registered as <name>
 *   host "demo-oracle.sim" or "sim" → the built-in demo database (HR sample schema), created on first use
 *   host "demo-cdb.sim"             → a built-in multitenant RAC demo (2 instances): CDB SIMCDB (SID and root
 *                                     service), PDBs SIMPDB1 and SIMPDB2 with the HR schema in each, common
 *                                     users C##DTS_SYNC (every grant) and C##READONLY (SELECT ANY TABLE only);
 *                                     SIMPDB2 also holds what precheck objects to: HR.SCANS with a BFILE
 *                                     column and the NOLOGGING table HR.JOB_HISTORY (no FORCE LOGGING)
 * Each non-CDB answers to SID "SIMDB" (Oracle Type Non-RAC) and service "SIMPDB" (RAC/PDB).
 * The registry lives on globalThis so Next.js module reloads and the engine share one instance.
 */
export const DEMO_DATABASE = 'demo-oracle';
export const DEMO_CDB = 'demo-cdb';

interface Registry {
  databases: Map<string, SimDatabase>;
  demoWorkload: Workload | null;
}

const KEY = Symbol.for('ora2kafka.sim.registry');

function registry(): Registry {
  const g = globalThis as { [KEY]?: Registry };
  g[KEY] ??= { databases: new Map(), demoWorkload: null };
  return g[KEY];
}

export function isSimHost(host: string): boolean {
  const h = host.trim().toLowerCase();
  return h === 'sim' || h.endsWith('.sim');
}

function nameOfHost(host: string): string {
  const h = host.trim().toLowerCase();
  return h === 'sim' ? DEMO_DATABASE : h.slice(0, -'.sim'.length);
}

export function registerSimDatabase(name: string, db: SimDatabase): SimDatabase {
  registry().databases.set(name.toLowerCase(), db);
  return db;
}

export function unregisterSimDatabase(name: string): void {
  registry().databases.delete(name.toLowerCase());
}

export function getSimDatabase(name: string): SimDatabase | undefined {
  if (name.toLowerCase() === DEMO_DATABASE) return getDemoDatabase();
  if (name.toLowerCase() === DEMO_CDB) return getDemoCdb();
  return registry().databases.get(name.toLowerCase());
}

/** The demo database: sample schema installed once per process. */
export function getDemoDatabase(options: { db?: SimDatabaseOptions; sample?: SampleSchemaOptions } = {}): SimDatabase {
  const r = registry();
  let db = r.databases.get(DEMO_DATABASE);
  if (!db) {
    db = createSimDatabase({ supplementalLogging: { min: true, pk: true, ui: true }, forceLogging: true, ...options.db });
    installSampleSchema(db, options.sample);
    r.databases.set(DEMO_DATABASE, db);
  }
  return db;
}

/** The multitenant demo (root + two PDBs holding the same HR schema), built on first use. */
export function getDemoCdb(): SimDatabase {
  const r = registry();
  let db = r.databases.get(DEMO_CDB);
  if (!db) {
    db = createSimDatabase({ dbName: 'SIMCDB', pdbs: ['SIMPDB1', 'SIMPDB2'], instances: 2, supplementalLogging: { min: true, pk: true, ui: true } });
    installSampleCdb(db, { employees: 200, documents: 5, typeZooRows: 10 });
    db.createUser('C##READONLY', 'readonly', { systemPrivileges: ['CREATE SESSION', 'SET CONTAINER', 'SELECT ANY TABLE'] });
    const traps = db.pdb('SIMPDB2').session('HR');
    traps.ddl('CREATE TABLE SCANS (SCAN_ID NUMBER(10) PRIMARY KEY, TITLE VARCHAR2(100), IMAGE BFILE)');
    traps.ddl('ALTER TABLE JOB_HISTORY NOLOGGING');
    r.databases.set(DEMO_CDB, db);
  }
  return db;
}

/** Starts (once) the real-time demo workload on the demo database. */
export function startDemoWorkload(options: WorkloadOptions = {}): Workload {
  const r = registry();
  if (!r.demoWorkload) {
    r.demoWorkload = new Workload(getDemoDatabase(), options);
    r.demoWorkload.start();
  }
  return r.demoWorkload;
}

export function stopDemoWorkload(): void {
  const r = registry();
  r.demoWorkload?.stop();
  r.demoWorkload = null;
}

/** Opens a gateway to the simulated database the settings' host names (see the convention above). */
export async function openSimGateway(settings: OracleConnectionSettings, opts: SimGatewayOptions = {}): Promise<SimGateway> {
  const db = isSimHost(settings.host) ? getSimDatabase(nameOfHost(settings.host)) : undefined;
  if (!db) {
    const err = Object.assign(new Error(`ORA-12545: Connect failed because target host or object does not exist (${settings.host})`), { code: 'ORA-12545' });
    throw translateOracleError(err, { host: settings.host, port: settings.port, kind: settings.kind, database: settings.database });
  }
  return new SimGateway(db, settings, opts);
}
