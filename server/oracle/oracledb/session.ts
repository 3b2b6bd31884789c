import oracledb from 'oracledb';
import type { OracleConnectionSettings } from '../gateway';
import { DEFAULT_POOL_MAX } from '../open-gateway';
import { containerSwitchError, translateOracleError } from '../ora-errors';
import { connectDescriptor, normalizePdbName } from './connect-descriptor';
import { HOST_UTC_OFFSET_SQL, IS_CLUSTER_DATABASE_PLSQL, SESSION_NLS_SQL, setContainerSql } from './database-sql';
import type { BindValue } from './filter-sql';

/**
 * A small thin-mode pool with the session state every query here relies on: NLS formats that fix
 * how LogMiner prints literals (the same ones Debezium sets), binary sort/compare for keyset paging,
 * and UTC session time. NUMBER is fetched as text (no float rounding), CLOB/NCLOB as string,
 * BLOB as Buffer.
 */

export interface PoolOptions {
  /** Connections in the pool (default DEFAULT_POOL_MAX); size it from the work that runs at once (poolSizeFor). */
  poolMax?: number;
  /** How long a call waits for a free pooled connection before NJS-040 (ms; node-oracledb's default 60 s). */
  queueTimeoutMs?: number;
  connectTimeoutSec?: number;
  /** Per round-trip limit in ms (0 = none). Mining calls can be long; keep generous. */
  callTimeoutMs?: number;
}

const fetchTypeHandler = (meta: oracledb.Metadata<unknown>): oracledb.FetchTypeResponse | undefined => {
  switch (meta.dbType) {
    case oracledb.DB_TYPE_NUMBER:
    case oracledb.DB_TYPE_CLOB:
    case oracledb.DB_TYPE_NCLOB:
      return { type: oracledb.STRING };
    case oracledb.DB_TYPE_BLOB:
      return { type: oracledb.BUFFER };
    default:
      return undefined;
  }
};


/**
 * Thin-mode TLS options of a connection (TCPS): the PEM wallet folder and password, and how the
 * server certificate is matched (host name, or a full DN).
 */
export function tlsAttributes(s: OracleConnectionSettings): Pick<oracledb.PoolAttributes, 'walletLocation' | 'walletPassword' | 'sslServerDNMatch' | 'sslServerCertDN'> {
  if (s.encryption !== 'tls') return {};
  const out: Pick<oracledb.PoolAttributes, 'walletLocation' | 'walletPassword' | 'sslServerDNMatch' | 'sslServerCertDN'> = { sslServerDNMatch: s.serverDnMatch ?? true };
  if (s.walletLocation) out.walletLocation = s.walletLocation;
  if (s.walletPassword) out.walletPassword = s.walletPassword;
  if (s.serverCertDn) out.sslServerCertDN = s.serverCertDn;
  return out;
}

export class OracleSession {
  /** The PDB every pooled connection is switched to (root + PDB mode), or null. */
  readonly pdb: string | null;
  private hostOffset: { seconds: number; atMs: number } | null = null;

  private constructor(
    private readonly pool: oracledb.Pool,
    readonly settings: OracleConnectionSettings,
    private readonly callTimeoutMs: number,
  ) {
    this.pdb = normalizePdbName(settings.pdb);
  }

  static async open(settings: OracleConnectionSettings, opts: PoolOptions = {}): Promise<OracleSession> {
    let pool: oracledb.Pool;
    const pdb = normalizePdbName(settings.pdb);
    try {
      pool = await oracledb.createPool({
        user: settings.user,
        password: settings.password,
        connectString: connectDescriptor(settings, opts.connectTimeoutSec ?? 15),
        ...tlsAttributes(settings),
        poolMin: 0,
        poolMax: opts.poolMax ?? DEFAULT_POOL_MAX,
        poolIncrement: 1,
        poolPingInterval: 60,
        ...(opts.queueTimeoutMs !== undefined ? { queueTimeout: opts.queueTimeoutMs } : {}),
        // Root + PDB: every new connection reads the PDB (ALL_* views and AS OF reads in the root
        // see only root objects); mining switches to CDB$ROOT for its call (withMiningConnection).
        sessionCallback: (conn, _tag, done) => {
          const setup = async () => {
            if (pdb) {
              try {
                await conn.execute(setContainerSql(pdb));
              } catch (err) {
                throw containerSwitchError(err, pdb, settings.user.toUpperCase());
              }
            }
            await conn.execute(SESSION_NLS_SQL);
          };
          setup().then(() => done(), done);
        },
      });
    } catch (err) {
      throw translateOracleError(err, { ...settings, operation: 'connecting' });
    }
    const session = new OracleSession(pool, settings, opts.callTimeoutMs ?? 0);
    // Connect once now so that a wrong password or SID fails here, with its specific message.
    try {
      await session.withConnection('connecting', async () => undefined);
    } catch (err) {
      await pool.close(0).catch(() => undefined);
      throw err;
    }
    return session;
  }

  async close(): Promise<void> {
    await this.pool.close(5);
  }

  /** Runs `fn` on a pooled connection; any driver error leaves as an OracleError with a hint. */
  async withConnection<T>(operation: string, fn: (conn: oracledb.Connection) => Promise<T>): Promise<T> {
    let conn: oracledb.Connection | undefined;
    try {
      conn = await this.pool.getConnection();
      if (this.callTimeoutMs > 0) conn.callTimeout = this.callTimeoutMs;
      return await fn(conn);
    } catch (err) {
      throw translateOracleError(err, { ...this.settings, operation });
    } finally {
      if (conn) await conn.close().catch(() => undefined);
    }
  }

  /**
   * Like withConnection, but in the container LogMiner runs in: with a PDB named, the connection
   * switches to CDB$ROOT for `fn` and back to the PDB after (a connection that cannot switch back
   * is dropped from the pool, never reused in the wrong container).
   */
  async withMiningConnection<T>(operation: string, fn: (conn: oracledb.Connection) => Promise<T>): Promise<T> {
    const pdb = this.pdb;
    if (!pdb) return this.withConnection(operation, fn);
    let conn: oracledb.Connection | undefined;
    let drop = false;
    try {
      conn = await this.pool.getConnection();
      if (this.callTimeoutMs > 0) conn.callTimeout = this.callTimeoutMs;
      drop = true;
      await conn.execute(setContainerSql('CDB$ROOT'));
      await conn.execute(SESSION_NLS_SQL);
      try {
        return await fn(conn);
      } finally {
        await conn.execute(setContainerSql(pdb));
        await conn.execute(SESSION_NLS_SQL);
        drop = false;
      }
    } catch (err) {
      throw translateOracleError(err, { ...this.settings, operation });
    } finally {
      if (conn) await (drop ? conn.close({ drop: true }) : conn.close()).catch(() => undefined);
    }
  }

  /**
   * withMiningConnection for a streamed operation (a LogMiner session lives as long as its consumer
   * reads): holds one pooled connection in LogMiner's container, yields what `fn` yields, translates
   * driver errors, and switches back and releases the connection when the iteration ends, fails or
   * is abandoned.
   */
  async *streamWithMiningConnection<T>(operation: string, fn: (conn: oracledb.Connection) => AsyncGenerator<T>): AsyncGenerator<T> {
    const pdb = this.pdb;
    let conn: oracledb.Connection | undefined;
    let drop = false;
    try {
      conn = await this.pool.getConnection();
      if (this.callTimeoutMs > 0) conn.callTimeout = this.callTimeoutMs;
      if (pdb) {
        drop = true;
        await conn.execute(setContainerSql('CDB$ROOT'));
        await conn.execute(SESSION_NLS_SQL);
      }
      try {
        yield* fn(conn);
      } finally {
        if (pdb) {
          await conn.execute(setContainerSql(pdb));
          await conn.execute(SESSION_NLS_SQL);
          drop = false;
        }
      }
    } catch (err) {
      throw translateOracleError(err, { ...this.settings, operation });
    } finally {
      if (conn) await (drop ? conn.close({ drop: true }) : conn.close()).catch(() => undefined);
    }
  }

  /** cluster_database without V$PARAMETER: DBMS_UTILITY is executable by PUBLIC. */
  async isClusterDatabase(): Promise<boolean> {
    return this.withConnection('asking whether the database is RAC', async (conn) => {
      const r = await conn.execute<{ r: number }>(IS_CLUSTER_DATABASE_PLSQL, { r: { dir: oracledb.BIND_OUT, type: oracledb.NUMBER } });
      return Number((r.outBinds as { r: number } | undefined)?.r ?? 0) === 1;
    });
  }

  async rows(operation: string, sql: string, binds: Record<string, BindValue> = {}): Promise<Record<string, unknown>[]> {
    return this.withConnection(operation, (conn) => queryObjects(conn, sql, binds));
  }

  async one(operation: string, sql: string, binds: Record<string, BindValue> = {}): Promise<Record<string, unknown> | undefined> {
    return (await this.rows(operation, sql, binds))[0];
  }

  /** UTC offset of the database host's clock (V$ DATE columns are in it); re-read every 10 minutes for DST. */
  async hostOffsetSeconds(): Promise<number> {
    if (this.hostOffset && Date.now() - this.hostOffset.atMs < 600_000) return this.hostOffset.seconds;
    const r = await this.one('reading the database host clock', HOST_UTC_OFFSET_SQL);
    this.hostOffset = { seconds: Number(r?.OFFSET_S ?? 0), atMs: Date.now() };
    return this.hostOffset.seconds;
  }
}

export async function queryObjects(conn: oracledb.Connection, sql: string, binds: Record<string, BindValue> = {}): Promise<Record<string, unknown>[]> {
  const res = await conn.execute<Record<string, unknown>>(sql, binds, { outFormat: oracledb.OUT_FORMAT_OBJECT, fetchTypeHandler });
  return res.rows ?? [];
}

export async function queryArrays(conn: oracledb.Connection, sql: string, binds: Record<string, BindValue> = {}, fetchArraySize = 1000): Promise<unknown[][]> {
  const res = await conn.execute<unknown[]>(sql, binds, { outFormat: oracledb.OUT_FORMAT_ARRAY, fetchTypeHandler, fetchArraySize, prefetchRows: fetchArraySize + 1 });
  return res.rows ?? [];
}

/**
 * Streams a large result (V$LOGMNR_CONTENTS) in batches: the next batch is fetched from the cursor
 * only when the consumer asks for it, so the rows in memory are one batch, however many match.
 */
export async function* arrayRowBatches(conn: oracledb.Connection, sql: string, binds: Record<string, BindValue>, batch = 5000): AsyncGenerator<unknown[][]> {
  const res = await conn.execute<unknown[]>(sql, binds, { outFormat: oracledb.OUT_FORMAT_ARRAY, fetchTypeHandler, resultSet: true, fetchArraySize: batch });
  const rs = res.resultSet!;
  try {
    for (;;) {
      const rows = await rs.getRows(batch);
      if (rows.length > 0) yield rows;
      if (rows.length < batch) break;
    }
  } finally {
    await rs.close();
  }
}
