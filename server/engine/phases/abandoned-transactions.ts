import type { LogMinerStream } from '../../oracle/logminer';
import type { PhaseContext } from '../phase-context';

/**
 * Transaction retention (Monitoring and Alerting): a transaction open longer than the retention,
 * counted in database time (the redo mined so far, not this machine's clock), pins the restart
 * position and the archived logs it needs. It is reported once — a WARN and a dashboard warning
 * naming XID, start SCN, user and size; the open-transaction alert and metric see it too — and,
 * only when the task chose automatic dropping, dropped:
 *
 *   Transaction 0A001F00D3040000 dropped automatically: open 61 min (retention 60 min) since SCN
 *   5012001, user BATCH, 12 change rows (3,480 bytes) of HR.EMPLOYEES; its changes are not migrated.
 *
 * A dropped transaction's later rows and COMMIT are ignored and the next checkpoint records the
 * drop (server/oracle/logminer), so after it the restart position never needs logs older than the
 * retention on its account.
 */
export class AbandonedTransactions {
  private readonly reported = new Set<string>();

  constructor(private readonly ctx: PhaseContext) {}

  check(stream: LogMinerStream): void {
    const m = this.ctx.config.monitoring;
    const retentionMs = m.transactionRetentionMinutes * 60_000;
    const stats = stream.stats();
    const dbNow = Math.max(stats.minedThroughMs ?? 0, stats.lastRowTimeMs ?? 0);
    if (dbNow === 0) return;
    let holding = false;
    for (const t of stream.openTransactions()) {
      const age = dbNow - t.startTimeMs;
      if (age >= retentionMs) holding = true;
      if (age < retentionMs || (!m.autoDropAbandoned && this.reported.has(t.xid))) continue;
      const what = `open ${Math.floor(age / 60_000)} min (retention ${m.transactionRetentionMinutes} min) since SCN ${t.startScn}, user ${t.userName ?? 'unknown'}, ${t.rows.toLocaleString('en-US')} change rows (${t.bytes.toLocaleString('en-US')} bytes) of ${t.tables.join(', ') || 'no selected table'}`;
      if (m.autoDropAbandoned) {
        const dropped = stream.dropTransaction(t.xid, `dropped automatically: open longer than the transaction retention (${m.transactionRetentionMinutes} min)`);
        if (!dropped) continue;
        this.ctx.observer.droppedTransaction(dropped);
        this.ctx.log('warn', `Transaction ${t.xid} dropped automatically: ${what}; its changes are not migrated.`);
        this.warn(`Transactions dropped automatically (older than the ${m.transactionRetentionMinutes}-minute retention): latest ${t.xid}, ${what}.`);
      } else {
        this.reported.add(t.xid);
        this.ctx.log('warn', `Transaction ${t.xid} is ${what}. It holds the restart position back; an operator may drop it from the lag explainer, or turn on automatic dropping under Monitoring and Alerting.`);
        this.warn(`Transaction ${t.xid} is ${what}: it holds the restart position back (lag explainer → Drop).`);
      }
    }
    // None over the retention any more (committed, rolled back, dropped): the warning goes.
    if (!holding) this.ctx.progress.warnings = this.ctx.progress.warnings.filter((w) => !w.startsWith('Transaction ') || !w.includes('holds the restart position back'));
  }

  /** One dashboard warning per kind, replaced by the latest. */
  private warn(text: string): void {
    const w = this.ctx.progress.warnings;
    const kind = text.slice(0, 12);
    const i = w.findIndex((x) => x.slice(0, 12) === kind);
    if (i < 0) w.push(text);
    else w[i] = text;
  }
}
