import type { PhaseContext } from '../phase-context';

/**
 * A database host whose clock is far from this worker's (no NTP, a wrong time zone taken as UTC).
 * The engine copes: it ages transactions and measures lag in the database's clock (the mining
 * stream reads it with each upper bound). But the commit times written to Kafka carry that clock,
 * and consumers comparing them with their own clocks would be misled, so the task says so once,
 * in its log and on the dashboard:
 *
 *   The database's clock is 2 h 0 min ahead of this worker's (database 2026-12-07T15:30:00.000Z,
 *   here 2026-12-07T13:30:00.000Z). ...
 *
 * Hosts kept by NTP agree within milliseconds; a minute apart is a wrong clock, not latency.
 */
export const CLOCK_SKEW_NOTICE_MS = 60_000;
const PREFIX = "The database's clock is ";

const skewed = (offsetMs: number | null): offsetMs is number => offsetMs !== null && Math.abs(offsetMs) >= CLOCK_SKEW_NOTICE_MS;

export function databaseClockSkewNotice(offsetMs: number | null, nowMs: number): string | null {
  if (!skewed(offsetMs)) return null;
  const iso = (ms: number) => new Date(ms).toISOString();
  return (
    `${PREFIX}${duration(Math.abs(offsetMs))} ${offsetMs > 0 ? 'ahead of' : 'behind'} this worker's (database ${iso(nowMs + offsetMs)}, here ${iso(nowMs)}). ` +
    "Transaction ages, the lag and log purge times are counted in the database's clock, so the task is not affected; the commit times in the records it writes carry the database's clock. Set the database host's clock (NTP) to fix it."
  );
}

/**
 * Watches the offset the stream measures: reports a skew when it appears (log and dashboard
 * warning), and takes the warning down when the clocks agree again.
 */
export class DatabaseClockWatch {
  private skewed = false;

  constructor(private readonly ctx: PhaseContext) {}

  /** Called with every mined batch: does nothing until the skew appears or goes. */
  check(offsetMs: number | null): void {
    if (skewed(offsetMs) === this.skewed) return;
    const text = databaseClockSkewNotice(offsetMs, this.ctx.clock.now());
    const w = this.ctx.progress.warnings;
    const i = w.findIndex((x) => x.startsWith(PREFIX));
    if (i >= 0) w.splice(i, 1);
    this.skewed = text !== null;
    if (text) {
      w.push(text);
      this.ctx.log('warn', text);
    } else this.ctx.log('info', "The database's clock agrees with this worker's again.");
  }
}

/** 95 s, 12 min 5 s, 2 h 0 min, 699 days 23 h: the two largest units. */
function duration(ms: number): string {
  const s = Math.round(ms / 1000);
  if (s < 60) return `${s} s`;
  if (s < 3600) return `${Math.floor(s / 60)} min ${s % 60} s`;
  if (s < 86_400) return `${Math.floor(s / 3600)} h ${Math.floor((s % 3600) / 60)} min`;
  const days = Math.floor(s / 86_400);
  return `${days} day${days === 1 ? '' : 's'} ${Math.floor((s % 86_400) / 3600)} h`;
}
