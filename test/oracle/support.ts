import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import oracledb from 'oracledb';
import type { ChangeEvent } from '../../server/model/change-event';
import type { Scn } from '../../server/model/scn';
import type { OracleConnectionSettings, OracleGateway } from '../../server/oracle/gateway';
import { collectEvents, createLogMinerStream } from '../../server/oracle/logminer';
import { connectDescriptor } from '../../server/oracle/oracledb/connect-descriptor';

/** Helpers the real-Oracle suites share: plain driver connections beside the gateway under test. */

export type Conn = oracledb.Connection;

/** Opens a driver connection with the suite's settings, optionally switched into a container. */
export function connector(settings: OracleConnectionSettings) {
  return async (container?: string): Promise<Conn> => {
    const conn = await oracledb.getConnection({ user: settings.user, password: settings.password, connectString: connectDescriptor(settings) });
    if (container) await conn.execute(`ALTER SESSION SET CONTAINER = ${container}`);
    return conn;
  };
}

export async function run(conn: Conn, ...statements: string[]): Promise<void> {
  for (const s of statements) await conn.execute(s);
}

/** PL/SQL that drops a table and ignores ORA-00942 (it did not exist). `q` is already quoted. */
export const dropIfExists = (q: string) => `BEGIN EXECUTE IMMEDIATE 'DROP TABLE ${q} PURGE'; EXCEPTION WHEN OTHERS THEN IF SQLCODE != -942 THEN RAISE; END IF; END;`;

/** Mines `owner`'s committed changes from `fromScn` until a window has passed `upTo`, through the real pipeline. */
export async function mineEvents(gw: OracleGateway, owner: string, fromScn: Scn, upTo: Scn): Promise<ChangeEvent[]> {
  const stream = createLogMinerStream(gw, { startScn: fromScn, owners: [owner], spillDir: mkdtempSync(path.join(tmpdir(), 'o2k-oracle-')), pollIntervalMs: 200 });
  const out: ChangeEvent[] = [];
  const deadline = Date.now() + 120_000;
  try {
    while ((stream.stats().lastWindow?.toScn ?? 0n) <= upTo) {
      if (Date.now() > deadline) throw new Error(`mining did not reach SCN ${upTo} in time`);
      for (const tx of await stream.next()) out.push(...(await collectEvents(tx)));
    }
  } finally {
    await stream.close();
  }
  return out;
}
