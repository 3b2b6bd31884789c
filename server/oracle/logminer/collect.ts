import type { ChangeEvent } from '../../model/change-event';
import type { LogMinerRow } from '../gateway';
import type { CommittedTransaction } from './types';

/** All events of a transaction as an array (reads a spilled transaction's file into memory). */
export async function collectEvents(tx: CommittedTransaction): Promise<ChangeEvent[]> {
  if (tx.events) return tx.events;
  const out: ChangeEvent[] = [];
  for await (const e of tx.iterate()) out.push(e);
  return out;
}

/** Every row of one mining session, read to the end (for tests and tools; the stream reads batch by batch). */
export async function collectMined(rows: AsyncIterable<LogMinerRow[]>): Promise<LogMinerRow[]> {
  const out: LogMinerRow[] = [];
  for await (const batch of rows) for (const r of batch) out.push(r);
  return out;
}
