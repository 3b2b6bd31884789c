import oracledb from 'oracledb';
import type { OracleConnectionSettings } from '../gateway';
import { translateOracleError } from '../ora-errors';
import { connectDescriptor } from './connect-descriptor';
import { HOST_UTC_OFFSET_SQL, SESSION_NLS_SQL } from './database-sql';
import type { BindValue } from './filter-sql';

/**
 * A small thin-mode pool with the session state every query here relies on: NLS formats that fix
 * how LogMiner prints literals (the same ones Debezium sets), binary sort/compare for keyset paging,
 * and UTC session time. NUMBER is fetched as text (no float rounding), CLOB/NCLOB as string,
 * BLOB as Buffer.
 */

export interface PoolOptions {
  poolMax?: number;
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

export class OracleSession {
  private hostOffset: { seconds: number; atMs: number } | null = null;

  private constructor(
    private readonly pool: oracledb.Pool,
    readonly settings: OracleConnectionSettings,
    private readonly callTimeoutMs: number,
  ) {}

  static async open(settings: OracleConnectionSettings, opts: PoolOptions = {}): Promise<OracleSession> {
    let pool: oracledb.Pool;
    try {
      pool = await oracledb.createPool({
        user: settings.user,
        password: settings.password,
        connectString: connectDescriptor(settings, opts.connectTimeoutSec ?? 15),
        poolMin: 0,
        poolMax: opts.poolMax ?? 4,
        poolIncrement: 1,
        poolPingInterval: 60,
        sessionCallback: (conn, _tag, done) => {
          conn.execute(SESSION_NLS_SQL).then(() => done(), done);
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

  /**
   * Holds one pooled connection across a streamed operation (a LogMiner session lives as long as
   * its consumer reads): yields what `fn` yields, translating driver errors, and releases the
   * connection when the iteration ends, fails or is abandoned.
   */
  async *streamWithConnection<T>(operation: string, fn: (conn: oracledb.Connection) => AsyncGenerator<T>): AsyncGenerator<T> {
    let conn: oracledb.Connection | undefined;
    try {
      conn = await this.pool.getConnection();
      if (this.callTimeoutMs > 0) conn.callTimeout = this.callTimeoutMs;
      yield* fn(conn);
    } catch (err) {
      throw translateOracleError(err, { ...this.settings, operation });
    } finally {
      if (conn) await conn.close().catch(() => undefined);
    }
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
