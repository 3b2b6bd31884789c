import { createSimDatabase, ManualClock, SimGateway, type SimSession } from '../sim';
import { describeGatewayContract, type ContractTx } from './gateway-contract';

/** The gateway contract against the simulator (the same suite runs against real Oracle in test/oracle). */
const clock = new ManualClock();
const db = createSimDatabase({ clock, idleScnPerSecond: 0, logSizeBytes: 20_000, supplementalLogging: { pk: true } });
db.createUser('APP', 'app', { roles: ['CONNECT', 'RESOURCE'] });
db.createUser('MINER', 'miner', {
  systemPrivileges: ['CREATE SESSION', 'CREATE TABLE', 'SELECT ANY TABLE', 'FLASHBACK ANY TABLE', 'SELECT ANY TRANSACTION', 'LOGMINING'],
  objectPrivileges: ['EXECUTE ON SYS.DBMS_LOGMNR', 'SELECT ON SYS.V_$LOGMNR_CONTENTS'],
});

function tx(s: SimSession): ContractTx {
  return {
    insert: async (row) => void s.insert('APP', 'CONTRACT_T', row),
    update: async (id, changes) => void s.update('APP', 'CONTRACT_T', { ID: id }, changes),
    delete: async (id) => void s.delete('APP', 'CONTRACT_T', { ID: id }),
    commit: async () => s.commit(),
    rollback: async () => s.rollback(),
  };
}

describeGatewayContract(
  'simulator',
  async () => new SimGateway(db, { host: 'contract.sim', port: 1521, kind: 'sid', database: 'SIMDB', user: 'MINER', password: 'miner' }),
  async () => ({
    owner: 'APP',
    table: 'CONTRACT_T',
    createTable: async () => {
      db.session('APP').ddl('CREATE TABLE CONTRACT_T (ID NUMBER(10) PRIMARY KEY, NAME VARCHAR2(40), AMOUNT NUMBER(12,2))');
      clock.advance(1000);
    },
    begin: async () => tx(db.session('APP')),
  }),
);
