import oracledb from 'oracledb';
import { describe, it } from 'vitest';
import { describeGatewayContract, type ContractTx } from '../../server/oracle/contract/gateway-contract';
import { connectDescriptor, parseOracleUrl } from '../../server/oracle/oracledb/connect-descriptor';
import { createOracledbGateway } from '../../server/oracle/oracledb/oracledb-gateway';

/**
 * The gateway contract against a real Oracle database (see README.md here):
 *   ORACLE_TEST_URL=oracle://dts_test:dts_test@localhost:1521/FREEPDB1 npm run test:oracle
 * The account owns the test table ORA2KAFKA_CONTRACT (dropped and recreated on every run) and needs
 * the LogMiner grants listed in the README.
 */

const url = process.env.ORACLE_TEST_URL;
const TABLE = 'ORA2KAFKA_CONTRACT';

if (!url) {
  console.warn('ORACLE_TEST_URL not set — skipping real-Oracle suite; see README');
  describe('real-Oracle suite', () => {
    it.skip('ORACLE_TEST_URL not set — skipping real-Oracle suite; see test/oracle/README.md', () => undefined);
  });
} else {
  const settings = parseOracleUrl(url);
  const owner = settings.user.toUpperCase();
  const connect = () => oracledb.getConnection({ user: settings.user, password: settings.password, connectString: connectDescriptor(settings) });
  const q = (name: string) => `"${owner}"."${name}"`;

  const tx = async (): Promise<ContractTx> => {
    const conn = await connect();
    const done = async (fn: () => Promise<void>) => {
      try {
        await fn();
      } finally {
        await conn.close();
      }
    };
    return {
      insert: async (row) => void (await conn.execute(`INSERT INTO ${q(TABLE)} ("ID", "NAME", "AMOUNT") VALUES (:id, :name, TO_NUMBER(:amount))`, { id: row.ID, name: row.NAME, amount: row.AMOUNT })),
      update: async (id, changes) => {
        const sets = Object.keys(changes).map((k) => (k === 'AMOUNT' ? `"AMOUNT" = TO_NUMBER(:AMOUNT)` : `"${k}" = :${k}`));
        await conn.execute(`UPDATE ${q(TABLE)} SET ${sets.join(', ')} WHERE "ID" = :id`, { ...changes, id });
      },
      delete: async (id) => void (await conn.execute(`DELETE FROM ${q(TABLE)} WHERE "ID" = :id`, { id })),
      commit: () => done(() => conn.commit()),
      rollback: () => done(() => conn.rollback()),
    };
  };

  describeGatewayContract(
    `oracledb ${settings.host}:${settings.port}/${settings.database}`,
    () => createOracledbGateway(settings),
    async () => ({
      owner,
      table: TABLE,
      miningTimeoutMs: 90_000,
      createTable: async () => {
        const conn = await connect();
        try {
          await conn.execute(`BEGIN EXECUTE IMMEDIATE 'DROP TABLE ${q(TABLE)} PURGE'; EXCEPTION WHEN OTHERS THEN IF SQLCODE != -942 THEN RAISE; END IF; END;`);
          await conn.execute(`CREATE TABLE ${q(TABLE)} ("ID" NUMBER(10) PRIMARY KEY, "NAME" VARCHAR2(40), "AMOUNT" NUMBER(12,2))`);
        } finally {
          await conn.close();
        }
      },
      begin: tx,
    }),
  );
}
