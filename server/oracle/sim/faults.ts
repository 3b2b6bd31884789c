import type { OracleError } from '../../model/errors';
import { oraError } from '../errors';

/**
 * Faults a test or the demo can inject into every gateway of one simulated database:
 *   db.faults.dropConnection()        calls fail with ORA-03113/ORA-03135 (retriable) until restore()
 *   db.faults.dropConnection({ calls: 2 })   only the next 2 calls fail
 *   db.faults.stall(5000)             the next call hangs 5 s first
 *   db.faults.slowDown(4)             every call takes (4 − 1) × 5 ms longer
 *   db.faults.purgeLog(42)            archived log sequence 42 disappears
 *   db.faults.failNext(err)           the next call throws err
 *   db.faults.unescapedQuotes = true  LogMiner's apostrophe bug: DML redo written meanwhile prints
 *                                     'j''ai' as 'j'ai' (Debezium DBZ-8200), which no strict parser reads
 *   db.faults.unloggedDml = true      DML committed meanwhile changes the rows but writes no row redo:
 *                                     a change LogMiner never sees (as a NOLOGGING direct-path load),
 *                                     so only a comparison with the source (verification) can find it
 */
export class FaultInjector {
  private dropped: { remaining: number | null; code: 'ORA-03113' | 'ORA-03135' } | null = null;
  private stallMs = 0;
  private factor = 1;
  private readonly queued: OracleError[] = [];
  /** Calls that failed because of an injected fault (for tests and the demo UI). */
  injectedFailures = 0;
  /** While set, DML redo is written with its literals' apostrophes not doubled (see above). */
  unescapedQuotes = false;
  /** While set, DML writes no row redo (see above); transaction control rows are still written. */
  unloggedDml = false;

  constructor(private readonly purge: (sequence: number) => boolean) {}

  dropConnection(opts: { calls?: number; code?: 'ORA-03113' | 'ORA-03135' } = {}): void {
    this.dropped = { remaining: opts.calls ?? null, code: opts.code ?? 'ORA-03113' };
  }

  restore(): void {
    this.dropped = null;
    this.stallMs = 0;
    this.factor = 1;
    this.queued.length = 0;
  }

  get connectionDropped(): boolean {
    return this.dropped !== null;
  }

  stall(ms: number): void {
    this.stallMs = ms;
  }

  slowDown(factor: number): void {
    this.factor = Math.max(1, factor);
  }

  purgeLog(sequence: number): boolean {
    return this.purge(sequence);
  }

  failNext(error: OracleError): void {
    this.queued.push(error);
  }

  /** Run by the gateway before each call. */
  async beforeCall(): Promise<void> {
    if (this.stallMs > 0) {
      const ms = this.stallMs;
      this.stallMs = 0;
      await sleep(ms);
    }
    if (this.factor > 1) await sleep((this.factor - 1) * 5);
    const queued = this.queued.shift();
    if (queued) {
      this.injectedFailures++;
      throw queued;
    }
    if (this.dropped) {
      const d = this.dropped;
      if (d.remaining !== null && --d.remaining <= 0) this.dropped = null;
      this.injectedFailures++;
      throw d.code === 'ORA-03113'
        ? oraError('ORA-03113', 'end-of-file on communication channel', { retriable: true, hint: 'The connection to Oracle was lost; it is retried automatically. Check the network path and the database alert log if it persists.' })
        : oraError('ORA-03135', 'connection lost contact', { retriable: true, hint: 'The connection to Oracle was lost; it is retried automatically. Check firewalls that drop idle connections (SQLNET.EXPIRE_TIME).' });
    }
  }
}

function sleep(ms: number): Promise<void> {
  return new Promise((resolve) => setTimeout(resolve, ms));
}
