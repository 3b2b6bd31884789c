import oracledb from 'oracledb';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { OracleDateTime } from '../../server/model/oracle-types';
import { describeGatewayContract, type ContractTx } from '../../server/oracle/contract/gateway-contract';
import type { OracleGateway } from '../../server/oracle/gateway';
import { parseOracleUrl } from '../../server/oracle/oracledb/connect-descriptor';
import { openTransactionsSql } from '../../server/oracle/oracledb/database-sql';
import { createOracledbGateway } from '../../server/oracle/oracledb/oracledb-gateway';
import { readTableChunks } from '../../server/oracle/snapshot';
import { collectMined } from '../../server/oracle/logminer/collect';
import { connector, dropIfExists, mineEvents, run, type Conn } from './support';

/**
 * The SQL paths issue 12 changed, against a real database (see README.md here):
 *   ORACLE_TEST_URL       the account of the contract suite (a PDB service or a non-CDB):
 *                         GV$TRANSACTION, RAC detection, composite-key and LONG paging, virtual
 *                         columns, LOGGING, TIMESTAMP WITH TIME ZONE stored with a region
 *   ORACLE_TEST_CDB_URL   a common user on the CDB root's service with ?pdb=<PDB>: the whole gateway
 *                         contract in root + PDB mode, and mining that keeps only the PDB's rows
 *   ORACLE_TEST_TLS_URL   the same account over TCPS (?tls=1&wallet=…): connects and reads
 * Each part skips when its variable is not set.
 */

const url = process.env.ORACLE_TEST_URL;
const cdbUrl = process.env.ORACLE_TEST_CDB_URL;
const tlsUrl = process.env.ORACLE_TEST_TLS_URL;

if (!url) {
  describe('real-Oracle source variants', () => {
    it.skip('ORACLE_TEST_URL not set — skipping; see test/oracle/README.md', () => undefined);
  });
} else {
  const settings = parseOracleUrl(url);
  const owner = settings.user.toUpperCase();
  const connect = connector(settings);
  const q = (t: string) => `"${owner}"."${t}"`;

  describe(`source variants on ${settings.host}:${settings.port}/${settings.database}`, () => {
    let gw: OracleGateway;
    let conn: Conn;
    beforeAll(async () => {
      conn = await connect();
      await run(
        conn,
        dropIfExists(q('O2K_COMPOSITE')),
        dropIfExists(q('O2K_LONG')),
        dropIfExists(q('O2K_VIRTUAL')),
        dropIfExists(q('O2K_TZ')),
        dropIfExists(q('O2K_KEYLESS')),
        `CREATE TABLE ${q('O2K_COMPOSITE')} (A NUMBER(5) NOT NULL, B VARCHAR2(10) NOT NULL, V NUMBER, PRIMARY KEY (A, B))`,
        `INSERT INTO ${q('O2K_COMPOSITE')} SELECT MOD(LEVEL, 7), 'k' || LEVEL, LEVEL FROM DUAL CONNECT BY LEVEL <= 60`,
        `CREATE TABLE ${q('O2K_LONG')} (ID NUMBER(10) PRIMARY KEY, BODY LONG)`,
        `INSERT INTO ${q('O2K_LONG')} SELECT LEVEL, 'long text ' || LEVEL FROM DUAL CONNECT BY LEVEL <= 25`,
        `CREATE TABLE ${q('O2K_VIRTUAL')} (ID NUMBER(10) PRIMARY KEY, PRICE NUMBER(10,2), QTY NUMBER(5), TOTAL NUMBER GENERATED ALWAYS AS (PRICE * QTY) VIRTUAL) NOLOGGING`,
        `INSERT INTO ${q('O2K_VIRTUAL')} (ID, PRICE, QTY) VALUES (1, 2.5, 4)`,
        `CREATE TABLE ${q('O2K_TZ')} (ID NUMBER(10) PRIMARY KEY, AT TIMESTAMP(6) WITH TIME ZONE)`,
        // Keyless, ~12 MB: more than one ROWID range of 1,024 blocks.
        `CREATE TABLE ${q('O2K_KEYLESS')} (N NUMBER, PAD VARCHAR2(60))`,
        `INSERT /*+ APPEND */ INTO ${q('O2K_KEYLESS')} SELECT LEVEL, RPAD('x', 60, 'x') FROM DUAL CONNECT BY LEVEL <= 150000`,
      );
      await conn.commit();
      gw = await createOracledbGateway(settings);
    }, 120_000);
    afterAll(async () => {
      await gw?.close();
      await conn?.close();
    });

    it('GV$TRANSACTION lists an open transaction like V$TRANSACTION; RAC is detected either way', async () => {
      await conn.execute(`INSERT INTO ${q('O2K_TZ')} (ID) VALUES (999)`);
      try {
        const ask = async (view: 'V$TRANSACTION' | 'GV$TRANSACTION') => ((await conn.execute<{ XID: string }>(openTransactionsSql(view), {}, { outFormat: oracledb.OUT_FORMAT_OBJECT })).rows ?? []).map((r) => r.XID);
        const local = await ask('V$TRANSACTION');
        const global = await ask('GV$TRANSACTION');
        expect(local.length).toBeGreaterThan(0);
        for (const xid of local) expect(global).toContain(xid);
        const info = await gw.databaseInfo();
        expect(typeof info.rac).toBe('boolean');
        expect((await gw.openTransactions()).map((t) => t.xid)).toEqual(expect.arrayContaining(local));
      } finally {
        await conn.rollback();
      }
    });

    it('pages a composite key with the leading range term, every row once and in order', async () => {
      const scn = await gw.currentScn();
      const meta = await gw.describeTable(owner, 'O2K_COMPOSITE');
      const rows = [];
      for await (const c of readTableChunks(gw, meta, { scn, chunkSize: 7 })) rows.push(...c.rows);
      expect(rows).toHaveLength(60);
      const keys = rows.map((r) => `${String(r[0]).padStart(2, '0')}|${String(r[1])}`);
      expect(keys).toEqual([...keys].sort());
      expect(new Set(keys).size).toBe(60);
    });

    it('reads a keyless table one ROWID range (from DBA_EXTENTS) at a time, every row once', async () => {
      const bounds = await gw.rowidRanges(owner, 'O2K_KEYLESS');
      // null only without SELECT on DBA_EXTENTS (the table is then paged whole).
      expect(bounds === null || bounds.length >= 1).toBe(true);
      const meta = await gw.describeTable(owner, 'O2K_KEYLESS');
      const seen = new Set<number>();
      let rows = 0;
      for await (const c of readTableChunks(gw, meta, { scn: await gw.currentScn(), chunkSize: 20_000 })) {
        for (const r of c.rows) seen.add(Number(r[0]));
        rows += c.rows.length;
      }
      expect(rows).toBe(150_000);
      expect(seen.size).toBe(150_000);
    }, 180_000);

    it('pages a table with a LONG column (ROWNUM form; FETCH FIRST would raise ORA-00997)', async () => {
      const meta = await gw.describeTable(owner, 'O2K_LONG');
      const rows = [];
      for await (const c of readTableChunks(gw, meta, { scn: await gw.currentScn(), chunkSize: 10 })) rows.push(...c.rows);
      expect(rows.map((r) => Number(r[0]))).toEqual(Array.from({ length: 25 }, (_, i) => i + 1));
      expect(rows[4]![1]).toBe('long text 5');
    });

    it('leaves the virtual column out, reads LOGGING = NO and the table-level supplemental log groups (ALL_LOG_GROUPS)', async () => {
      const meta = await gw.describeTable(owner, 'O2K_VIRTUAL');
      expect(meta.columns.map((c) => c.name)).toEqual(['ID', 'PRICE', 'QTY']);
      expect(meta.virtualColumns).toEqual(['TOTAL']);
      expect(meta.logging).toBe(false);
      expect(meta.supplementalLogGroups).toEqual({ pk: false, ui: false, all: false });
      await conn.execute(`ALTER TABLE ${q('O2K_VIRTUAL')} ADD SUPPLEMENTAL LOG DATA (ALL) COLUMNS`);
      expect((await gw.describeTable(owner, 'O2K_VIRTUAL')).supplementalLogGroups).toEqual({ pk: false, ui: false, all: true });
      const chunk = await gw.readChunk({ owner, table: 'O2K_VIRTUAL', scn: await gw.currentScn(), keyColumns: ['ID'], afterKey: null, limit: 10 });
      expect(chunk.rows).toEqual([['1', '2.5', '4']]);
    });

    it('reads a TIMESTAMP WITH TIME ZONE stored with a region as the offset LogMiner prints', async () => {
      const start = await gw.currentScn();
      await conn.execute(`INSERT INTO ${q('O2K_TZ')} (ID, AT) VALUES (1, TIMESTAMP '2021-01-15 09:30:00 Asia/Shanghai')`);
      await conn.commit();
      const end = await gw.currentScn();
      const snap = await gw.readChunk({ owner, table: 'O2K_TZ', scn: end, keyColumns: ['ID'], afterKey: null, limit: 10 });
      const at = snap.rows.find((r) => r[0] === '1')![1] as OracleDateTime;
      expect(at).toMatchObject({ year: 2021, month: 1, day: 15, hour: 9, minute: 30, tz: '+08:00' });
      const events = (await mineEvents(gw, owner, start, end)).filter((e) => e.table === 'O2K_TZ');
      expect(events[0]!.after![1]).toEqual(at);
    });
  });
}

if (cdbUrl) {
  const settings = parseOracleUrl(cdbUrl);
  const pdb = (settings.pdb ?? '').toUpperCase();
  const owner = settings.user.toUpperCase();
  const connect = connector(settings);
  const TABLE = 'ORA2KAFKA_CONTRACT';
  const q = (t: string) => `"${owner}"."${t}"`;

  const tx = async (): Promise<ContractTx> => {
    const c = await connect(pdb);
    const done = async (fn: () => Promise<void>) => {
      try {
        await fn();
      } finally {
        await c.close();
      }
    };
    return {
      insert: async (row) => void (await c.execute(`INSERT INTO ${q(TABLE)} ("ID", "NAME", "AMOUNT") VALUES (:id, :name, TO_NUMBER(:amount))`, { id: row.ID, name: row.NAME, amount: row.AMOUNT })),
      update: async (id, changes) => {
        const sets = Object.keys(changes).map((k) => (k === 'AMOUNT' ? `"AMOUNT" = TO_NUMBER(:AMOUNT)` : `"${k}" = :${k}`));
        await c.execute(`UPDATE ${q(TABLE)} SET ${sets.join(', ')} WHERE "ID" = :id`, { ...changes, id });
      },
      delete: async (id) => void (await c.execute(`DELETE FROM ${q(TABLE)} WHERE "ID" = :id`, { id })),
      commit: () => done(() => c.commit()),
      rollback: () => done(() => c.rollback()),
    };
  };

  // Everything the contract checks, with metadata and snapshots read in the PDB and mining in CDB$ROOT.
  describeGatewayContract(
    `oracledb root + PDB ${settings.host}:${settings.port}/${settings.database} → ${pdb}`,
    () => createOracledbGateway(settings),
    async () => ({
      owner,
      table: TABLE,
      miningTimeoutMs: 90_000,
      createTable: async () => {
        const c = await connect(pdb);
        try {
          await run(c, dropIfExists(q(TABLE)), `CREATE TABLE ${q(TABLE)} ("ID" NUMBER(10) PRIMARY KEY, "NAME" VARCHAR2(40), "AMOUNT" NUMBER(12,2))`);
        } finally {
          await c.close();
        }
      },
      begin: tx,
    }),
  );

  describe(`root + PDB specifics on ${settings.database} → ${pdb}`, () => {
    let gw: OracleGateway;
    beforeAll(async () => {
      // The same table name in CDB$ROOT (the common user's own schema there) and in the PDB.
      for (const container of [undefined, pdb]) {
        const c = await connect(container);
        try {
          await run(c, dropIfExists(q('O2K_TWIN')), `CREATE TABLE ${q('O2K_TWIN')} (ID NUMBER(10) PRIMARY KEY, WHERE_AM_I VARCHAR2(30))`);
        } finally {
          await c.close();
        }
      }
      gw = await createOracledbGateway(settings);
    }, 120_000);
    afterAll(async () => gw?.close());

    it('reports the PDB as the data container and CDB$ROOT as where LogMiner runs, with the root’s grants', async () => {
      expect(await gw.databaseInfo()).toMatchObject({ cdb: true, containerName: pdb, miningContainer: 'CDB$ROOT' });
      const p = await gw.sessionPrivileges();
      expect(p.mining?.container).toBe('CDB$ROOT');
      expect(p.mining!.systemPrivileges.length + p.mining!.roles.length).toBeGreaterThan(0);
    });

    it('mines only the PDB’s changes (SRC_CON_NAME), not the same table’s in CDB$ROOT', async () => {
      const start = await gw.currentScn();
      for (const container of [undefined, pdb]) {
        const c = await connect(container);
        try {
          await c.execute(`INSERT INTO ${q('O2K_TWIN')} VALUES (1, :w)`, { w: container ?? 'CDB$ROOT' });
          await c.commit();
        } finally {
          await c.close();
        }
      }
      const end = await gw.currentScn();
      const rows = await collectMined(gw.mine({ fromScn: start, toScn: end + 1n, logFiles: await gw.logFilesFor(start, end + 1n), owners: [owner] }));
      const inserts = rows.filter((r) => r.operationCode === 1 && r.tableName === 'O2K_TWIN');
      expect(inserts.map((r) => r.srcConName)).toEqual([pdb]);
      const events = (await mineEvents(gw, owner, start, end)).filter((e) => e.table === 'O2K_TWIN');
      expect(events.map((e) => e.after?.[1])).toEqual([pdb]);
    });
  });
}

if (tlsUrl) {
  const settings = parseOracleUrl(tlsUrl);
  describe(`TCPS to ${settings.host}:${settings.port}`, () => {
    it('connects over TLS and reads the database', async () => {
      const gw = await createOracledbGateway(settings);
      try {
        expect((await gw.databaseInfo()).version).toMatch(/^\d+\./);
        expect(await gw.currentScn()).toBeGreaterThan(0n);
      } finally {
        await gw.close();
      }
    });
  });
}
