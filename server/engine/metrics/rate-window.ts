/**
 * Records and bytes per second over a sliding window of one-second buckets (DTS Performance
 * Monitoring shows RPS and BPS per phase). `rate()` divides by the time the window actually
 * covers, so the first seconds of a phase are not under-reported.
 *
 *   w.add(500, 100_000) at t=0.2s, w.add(500, 100_000) at t=0.9s
 *   w.rate(t=1.0s) → { rps: 1000, bps: 200000 }
 */
export class RateWindow {
  private readonly counts: Float64Array;
  private readonly bytes: Float64Array;
  private readonly stamps: Float64Array;
  private firstAt: number | null = null;

  constructor(private readonly seconds = 10) {
    this.counts = new Float64Array(seconds);
    this.bytes = new Float64Array(seconds);
    this.stamps = new Float64Array(seconds).fill(-1);
  }

  add(count: number, bytes: number, atMs: number): void {
    this.firstAt ??= atMs;
    const sec = Math.floor(atMs / 1000);
    const i = sec % this.seconds;
    if (this.stamps[i] !== sec) {
      this.stamps[i] = sec;
      this.counts[i] = 0;
      this.bytes[i] = 0;
    }
    this.counts[i]! += count;
    this.bytes[i]! += bytes;
  }

  rate(nowMs: number): { rps: number; bps: number } {
    const nowSec = Math.floor(nowMs / 1000);
    let c = 0;
    let b = 0;
    for (let i = 0; i < this.seconds; i++) {
      const s = this.stamps[i]!;
      if (s >= 0 && s > nowSec - this.seconds && s <= nowSec) {
        c += this.counts[i]!;
        b += this.bytes[i]!;
      }
    }
    if (this.firstAt === null) return { rps: 0, bps: 0 };
    const windowStart = Math.max(this.firstAt, (nowSec - this.seconds + 1) * 1000);
    const spanSec = Math.max(1, (nowMs - windowStart) / 1000);
    return { rps: c / spanSec, bps: b / spanSec };
  }
}
