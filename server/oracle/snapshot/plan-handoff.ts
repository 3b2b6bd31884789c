import type { Scn } from '../../model/scn';
import type { OpenTransaction, OracleGateway } from '../gateway';

/**
 * The snapshot → LogMiner hand-off point (design.md "Consistent hand-off"):
 *   scn0 = currentScn()          5000
 *   open = openTransactions()    [{ xid: 'A', startScn: 4990 }, { xid: 'B', startScn: 4998 }]
 *   S    = currentScn()          5003
 *   → { snapshotScn: 5003, miningStartScn: 4990, openAtSnapshot: [A, B] }
 * The full load reads every table AS OF SCN S; mining starts at miningStartScn and emits exactly
 * the transactions committing after S. Reading scn0 before V$TRANSACTION matters: a transaction
 * that starts after the V$TRANSACTION query has its first change above scn0, so starting at
 * min(scn0, open starts) cannot miss it even if it commits right after S; one that commits between
 * the queries has commit SCN <= S and is already in the snapshot.
 */

export interface Handoff {
  snapshotScn: Scn;
  miningStartScn: Scn;
  openAtSnapshot: OpenTransaction[];
}

export async function planHandoff(gateway: OracleGateway): Promise<Handoff> {
  const scn0 = await gateway.currentScn();
  const open = await gateway.openTransactions();
  const snapshotScn = await gateway.currentScn();
  let miningStartScn = scn0;
  for (const tx of open) if (tx.startScn < miningStartScn) miningStartScn = tx.startScn;
  return { snapshotScn, miningStartScn, openAtSnapshot: open };
}
