import { Ora2KafkaError } from '../model/errors';
import { getDemoDatabase } from '../oracle/sim/registry';
import type { SimSession } from '../oracle/sim/session';

/**
 * Demo-mode controls of the built-in Oracle simulator (`npm run demo`, ORA2KAFKA_DEMO=1): hold a
 * transaction open on HR.EMPLOYEES — as a forgotten session in SQL*Plus would — to watch the lag
 * explainer name it and an operator drop it, then end it. Refused outside demo mode.
 *
 *   holdDemoTransaction(3) → { xid: '0A001F00D3040000', rows: 3 }   (UPDATEs, not committed)
 *   endDemoTransaction('0A001F00D3040000', 'commit')
 */
const KEY = Symbol.for('ora2kafka.demo.held-transactions');

function held(): Map<string, SimSession> {
  const g = globalThis as { [KEY]?: Map<string, SimSession> };
  g[KEY] ??= new Map();
  return g[KEY];
}

function requireDemo(): void {
  if (process.env.ORA2KAFKA_DEMO !== '1') {
    throw new Ora2KafkaError('CONFLICT', 'Simulator controls exist only in demo mode.', { hint: 'Start the console with npm run demo to try them.' });
  }
}

export function holdDemoTransaction(rows: number): { xid: string; rows: number } {
  requireDemo();
  const db = getDemoDatabase();
  const s = db.session('HR');
  let changed = 0;
  // Employees from 100 up; a row the demo workload holds locked (ORA-00054) is passed over.
  for (let id = 100; changed < rows && id < 100 + rows * 20; id++) {
    try {
      if (s.update('HR', 'EMPLOYEES', { EMPLOYEE_ID: id }, { SALARY: 4200 + changed })) changed++;
    } catch (e) {
      if ((e as { code?: string }).code !== 'ORA-00054') throw e;
    }
  }
  const tx = s.transaction;
  if (!tx) throw new Ora2KafkaError('CONFLICT', 'No employee row could be changed (all locked by other sessions).', { hint: 'Try again in a moment.' });
  held().set(tx.xid, s);
  return { xid: tx.xid, rows: changed };
}

export function endDemoTransaction(xid: string, action: 'commit' | 'rollback'): { xid: string; action: string } {
  requireDemo();
  const s = held().get(xid);
  if (!s) throw new Ora2KafkaError('NOT_FOUND', `No held demo transaction ${xid}.`, { hint: 'Hold one first; it ends when committed or rolled back.' });
  if (action === 'commit') s.commit();
  else s.rollback();
  held().delete(xid);
  return { xid, action };
}
