import type { ChangeEvent } from '../../model/change-event';
import type { CommittedTransaction } from './types';

/** All events of a transaction as an array (reads a spilled transaction's file into memory). */
export async function collectEvents(tx: CommittedTransaction): Promise<ChangeEvent[]> {
  if (tx.events) return tx.events;
  const out: ChangeEvent[] = [];
  for await (const e of tx.iterate()) out.push(e);
  return out;
}
